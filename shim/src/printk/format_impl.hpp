// Private to the printf engine: the spec and output types and the pieces its files share.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace kshim::format_detail {

// Spec flags; the values matter: ZEROPAD is '0' - ' ', SMALL is the ASCII lowercase bit.
enum : unsigned {
    SIGN = 1,
    LEFT = 2,
    PLUS = 4,
    SPACE = 8,
    ZEROPAD = 16,
    SMALL = 32,
    SPECIAL = 64,
};

constexpr int kFieldWidthMax = (1 << 23) - 1;
constexpr int kPrecisionMax = (1 << 15) - 1;
constexpr std::uintptr_t kPageSize = 4096;
constexpr std::uintptr_t kMaxErrno = 4095;

// How one conversion is to be printed.
struct Spec {
    int width = -1;
    int precision = -1;
    unsigned flags = 0;
    unsigned base = 10;
};

inline bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

inline bool is_alnum(char c)
{
    const char lower = static_cast<char>(c | 0x20);
    return is_digit(c) || (lower >= 'a' && lower <= 'z');
}

inline bool is_err(const void *p)
{
    return reinterpret_cast<std::uintptr_t>(p) >= static_cast<std::uintptr_t>(-kMaxErrno);
}

// Where the output goes: counts every character, stores those that fit. Atomic-safe.
class Sink {
public:
    Sink(char *buf, std::size_t cap) : buf_(buf), cap_(buf ? cap : 0) {}

    void put(char c)
    {
        if (len_ < cap_)
            buf_[len_] = c;
        ++len_;
    }
    void repeat(char c, long n)
    {
        if (n <= 0)
            return;
        if (const std::size_t k = fit(static_cast<std::size_t>(n)))
            std::memset(buf_ + len_, c, k);
        len_ += static_cast<std::size_t>(n);
    }
    void write(const char *s, std::size_t n)
    {
        if (const std::size_t k = fit(n))
            std::memcpy(buf_ + len_, s, k);
        len_ += n;
    }
    // Room for the next n characters, to be written in place and then counted with skip(n);
    // nullptr unless all n fit.
    char *claim(std::size_t n) const { return len_ + n <= cap_ ? buf_ + len_ : nullptr; }
    std::size_t length() const { return len_; }
    // The unwritten rest of the buffer, for nested formatting (%pV).
    char *tail() const { return len_ < cap_ ? buf_ + len_ : nullptr; }
    std::size_t room() const { return len_ < cap_ ? cap_ - len_ : 0; }
    void skip(std::size_t n) { len_ += n; }
    void terminate()
    {
        if (cap_ > 0)
            buf_[std::min(len_, cap_ - 1)] = '\0';
    }

private:
    // How many of the next n characters still fit.
    std::size_t fit(std::size_t n) const { return len_ < cap_ ? std::min(n, cap_ - len_) : 0; }

    char *buf_;
    std::size_t cap_;
    std::size_t len_ = 0;
};

// A small fixed buffer for building pieces (addresses, names) before padding them.
struct Scratch {
    char text[96];
    std::size_t len = 0;

    void put(char c)
    {
        if (len + 1 < sizeof(text))
            text[len++] = c;
        text[len] = '\0';
    }
    void puts(const char *s)
    {
        while (*s)
            put(*s++);
    }
    void hex_byte(unsigned char b, bool upper = false)
    {
        const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
        put(digits[b >> 4]);
        put(digits[b & 15]);
    }
    const char *c_str()
    {
        text[len] = '\0';
        return text;
    }
};

// ---- shared conversions (format.cpp) -----------------------------------------------------------

// The kernel's number(): sign, 0/0x prefix, precision zeros, width padding. Atomic-safe.
void number(Sink &out, unsigned long long num, const Spec &spec);
// "0x" and exactly 2*size hex digits, whatever the caller's spec says (%pa, %pad, %pNF).
void special_hex_number(Sink &out, unsigned long long num, int size);
// s limited to spec.precision characters, padded with blanks to spec.width. Atomic-safe.
void string_nocheck(Sink &out, const char *s, const Spec &spec);
// Messages like "(null)": at most 16 characters unless a precision was given. Atomic-safe.
void error_string(Sink &out, const char *msg, Spec spec);
// Prints "(null)" / "(efault)" and returns false for pointers that cannot be dereferenced.
bool check_pointer(Sink &out, const void *p, const Spec &spec);
// %s: a checked string. Atomic-safe.
void string(Sink &out, const char *s, const Spec &spec);

// ---- the %p family (format_pointer.cpp, format_netaddr.cpp) ------------------------------------

// Prints one %p conversion; fmt points just after the 'p'. Atomic-safe (see vformat for %pS).
void pointer(Sink &out, const char *fmt, void *p, const Spec &spec);
// %pM %pm (fmt at the 'M'/'m'). Atomic-safe.
void mac_address_string(Sink &out, const unsigned char *addr, const Spec &spec, const char *fmt);
// %pI4 %pi4 %pI6 %pi6 %pI6c %pIS... (fmt at the 'I'/'i'). Atomic-safe.
void ip_addr_string(Sink &out, const unsigned char *addr, const Spec &spec, const char *fmt);

}  // namespace kshim::format_detail
