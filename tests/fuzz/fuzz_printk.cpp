// Fuzz target: the printf engine (shim/src/printk/format*.cpp) on a format and arguments from the input.
//
// Input: [size byte] [nested byte] FORMAT \0 NESTED-FORMAT \0 ARGUMENT-BYTES. The target walks
// each format as the engine decodes it and gives every conversion an argument of the type it
// reads: integers straight from the argument bytes; for %s and every %p extension that
// dereferences, NULL, a bad low address, an error pointer or a buffer the target allocated with
// exactly the bytes Linux 6.1 reads there; for %pV a struct va_format over NESTED-FORMAT. It
// then checks what vsnprintf promises: the same length for every buffer size, the truncated
// output a NUL-terminated prefix of the whole one, and vscnprintf's count.
#include <algorithm>
#include <array>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "fuzz_input.hpp"
#include "printk/format.hpp"

namespace {

constexpr int kSlots = 24;              // arguments given to one call
constexpr int kFieldWidthMax = (1 << 23) - 1;
constexpr int kLongestWalk = 4096;   // bits of %pb, bytes of %pE the target lets through
using Slots = std::array<std::uint64_t, kSlots>;

// The layout of the kernel's struct va_format (what %pV reads).
struct VaFormat {
    const char *fmt;
    va_list *va;
};

// One format with the arguments for it and the memory they point into.
struct Call {
    std::string fmt;
    Slots slots{};
    int used = 0;
};

// Memory the arguments point into, each block allocated at exactly its size.
class Pool {
public:
    unsigned char *block(std::size_t n)
    {
        blocks_.push_back(std::make_unique<unsigned char[]>(n ? n : 1));
        return blocks_.back().get();
    }

private:
    std::vector<std::unique_ptr<unsigned char[]>> blocks_;
};

// The engine's ASCII-only test for the letters a %p extension is made of.
bool is_alnum(char c)
{
    const char lower = static_cast<char>(c | 0x20);
    return (c >= '0' && c <= '9') || (lower >= 'a' && lower <= 'z');
}

// Walks a format as the engine's decode() does and picks each conversion's arguments.
class Walker {
public:
    Walker(kshim_fuzz::Input &in, Pool &pool, VaFormat *vaf) : in_(in), pool_(pool), vaf_(vaf) {}

    void walk(Call &c)
    {
        std::size_t i = 0;
        while (i < c.fmt.size()) {
            if (c.fmt[i] != '%') {
                ++i;
                continue;
            }
            if (c.used + 3 > kSlots) {  // a directive takes at most three arguments
                c.fmt.resize(i);
                return;
            }
            if (!directive(c, i))
                return;  // an invalid conversion: the engine stops there too
        }
    }
    // Whether the input is not to be run (see shorten).
    bool skipped() const { return skip_; }

private:
    // One directive starting at the '%' at i; advances i past it. False if it is invalid.
    bool directive(Call &c, std::size_t &i)
    {
        const char *f = c.fmt.c_str() + i + 1;
        while (*f && std::strchr("-+ #0", *f))
            ++f;
        const int star = *f == '*' ? c.used : -1;  // the slot of a '*' width
        int width = decode_width(c, f);
        decode_precision(c, f);
        skip_qualifier(f);
        const char conv = *f;
        if (!conv || !std::strchr("csp%oxXdiu", conv))
            return false;
        ++f;
        if (conv == 'p' && (*f == 'b' || *f == 'E') && width > kLongestWalk && !shorten(c, star, width))
            return false;
        if (conv == 's')
            c.slots[c.used++] = string_arg();
        else if (conv == 'p')
            c.slots[c.used++] = pointer_arg(f, width);
        else if (conv != '%')
            c.slots[c.used++] = in_.u64();
        if (conv == 'p')
            while (is_alnum(*f))
                ++f;
        i = static_cast<std::size_t>(f - c.fmt.c_str());
        return true;
    }

    // Bitmaps and escapes are walked bit by bit and byte by byte: a '*' width of millions is
    // shortened to keep the fuzzer fast, an input that spells one out is not run.
    bool shorten(Call &c, int star, int &width)
    {
        if (star < 0) {
            skip_ = true;
            return false;
        }
        width %= kLongestWalk + 1;
        c.slots[static_cast<std::size_t>(star)] = static_cast<std::uint32_t>(width);
        return true;
    }

    // The width the engine will use (-1 for none); a '*' takes an int argument.
    int decode_width(Call &c, const char *&f)
    {
        if (*f >= '0' && *f <= '9') {
            unsigned v = 0;
            while (*f >= '0' && *f <= '9')
                v = v * 10 + static_cast<unsigned>(*f++ - '0');
            return static_cast<int>((v & 0xffffffu) ^ 0x800000u) - 0x800000;
        }
        if (*f != '*')
            return -1;
        ++f;
        const std::int32_t w = in_.i32();
        c.slots[c.used++] = static_cast<std::uint32_t>(w);
        const int clamped = std::clamp(w, -kFieldWidthMax, kFieldWidthMax);
        return clamped < 0 ? -clamped : clamped;
    }

    void decode_precision(Call &c, const char *&f)
    {
        if (*f != '.')
            return;
        ++f;
        if (*f == '*') {
            ++f;
            c.slots[c.used++] = static_cast<std::uint32_t>(in_.i32());
            return;
        }
        while (*f >= '0' && *f <= '9')
            ++f;
    }

    static void skip_qualifier(const char *&f)
    {
        const char q = *f;
        if (q != 'h' && q != 'l' && q != 'L' && q != 'z' && q != 't')
            return;
        ++f;
        if ((q == 'h' || q == 'l') && *f == q)
            ++f;
    }

    // A pointer the engine must refuse to dereference: NULL, the first page or an error pointer.
    std::uint64_t refused_pointer()
    {
        const std::uint8_t kind = in_.byte() % 3;
        if (kind == 0)
            return 0;
        if (kind == 1)
            return in_.bits(2) % 4096;
        return static_cast<std::uint64_t>(-static_cast<std::int64_t>(1 + in_.bits(2) % 4095));
    }

    // A pointer the engine may dereference n bytes of: mostly a fresh block of exactly n
    // input bytes, sometimes one it must refuse.
    std::uint64_t checked_pointer(std::size_t n)
    {
        if (in_.byte() % 8 == 0)
            return refused_pointer();
        unsigned char *p = pool_.block(n);
        in_.fill(p, n);
        return reinterpret_cast<std::uintptr_t>(p);
    }

    // A NUL-terminated string of up to 255 input bytes (or a refused pointer).
    std::uint64_t string_arg()
    {
        if (in_.byte() % 8 == 0)
            return refused_pointer();
        const std::size_t len = in_.byte();
        unsigned char *p = pool_.block(len + 1);
        in_.fill(p, len);
        p[len] = '\0';
        return reinterpret_cast<std::uintptr_t>(p);
    }

    // The argument for %p followed by the extension letters at ext.
    std::uint64_t pointer_arg(const char *ext, int width)
    {
        switch (ext[0]) {
        case 'h': return width == 0 ? in_.u64() : checked_pointer(width > 0 ? std::min(width, 64) : 1);
        case 'E': return width == 0 ? in_.u64() : checked_pointer(width > 0 ? width : 1);
        case 'b': return checked_pointer((static_cast<std::size_t>(std::max(width, 0)) + 63) / 64 * 8);
        case 'M': case 'm': return checked_pointer(6);
        case 'U': return checked_pointer(16);
        case 'a': case 'N': return checked_pointer(8);
        case 'I': case 'i': return ip_arg(ext);
        case 'V': return vaf_ && in_.byte() % 4 ? reinterpret_cast<std::uintptr_t>(vaf_) : refused_pointer();
        case 'u': case 'k': return ext[1] == 's' ? string_arg() : in_.u64();
        default: return in_.u64();  // printed, never dereferenced (%p %px %pK %pe %pS ...)
        }
    }

    // %pI4 reads 4 bytes, %pI6 16, %pIS a sockaddr_in (16) or sockaddr_in6 (28) by its family.
    std::uint64_t ip_arg(const char *ext)
    {
        if (ext[1] == '4')
            return checked_pointer(4);
        if (ext[1] == '6')
            return checked_pointer(16);
        if (ext[1] != 'S')
            return in_.u64();
        const std::uint64_t v = checked_pointer(28);
        if (v < 4096 || v >= static_cast<std::uint64_t>(-4095))
            return v;
        const auto *sa = reinterpret_cast<const unsigned char *>(v);
        if ((sa[0] | (sa[1] << 8)) != 2)
            return v;
        unsigned char *in4 = pool_.block(16);  // AF_INET: a sockaddr_in is all there is
        std::memcpy(in4, sa, 16);
        return reinterpret_cast<std::uintptr_t>(in4);
    }

    kshim_fuzz::Input &in_;
    Pool &pool_;
    VaFormat *vaf_;
    bool skip_ = false;  // the input asks for a walk longer than kLongestWalk
};

// vformat or vscnformat.
using VFormat = int (*)(char *, std::size_t, const char *, va_list);

int call_va(VFormat f, char *buf, std::size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const int n = f(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

// f on c's format and its arguments.
int call(VFormat f, char *buf, std::size_t size, const Call &c)
{
    return std::apply([&](auto... a) { return call_va(f, buf, size, c.fmt.c_str(), a...); }, c.slots);
}

int format(char *buf, std::size_t size, const Call &c)
{
    return call(kshim::vformat, buf, size, c);
}

void require(bool ok, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "fuzz_printk: %s\n", what);
        std::abort();
    }
}

// Formats c into a buffer of `size` bytes (allocated at exactly that size) and checks the
// result against the whole output.
void check(const Call &c, std::size_t size)
{
    const int full = format(nullptr, 0, c);
    require(full >= 0, "negative length");
    const std::size_t room = static_cast<std::size_t>(full) + 1;
    std::unique_ptr<char[]> whole(new char[room]);  // not cleared: widths make it megabytes
    whole[room - 1] = 'X';
    require(format(whole.get(), room, c) == full, "length differs with a large buffer");
    require(whole[room - 1] == '\0', "output not terminated");
    if (std::getenv("KSHIM_FUZZ_PRINT"))  // for writing seeds: what the input formats to
        std::fprintf(stderr, "[%zu] %s -> %.*s\n", size, c.fmt.c_str(), std::min(full, 300), whole.get());
    auto small = std::make_unique<char[]>(size ? size : 1);
    require(format(small.get(), size, c) == full, "length differs with a small buffer");
    if (size) {
        const std::size_t kept = std::min(size - 1, static_cast<std::size_t>(full));
        require(std::memcmp(small.get(), whole.get(), kept) == 0, "truncated output is no prefix");
        require(small[kept] == '\0', "truncated output not terminated");
    }
    const int stored = call(kshim::vscnformat, small.get(), size, c);
    const int expect = size ? static_cast<int>(std::min(size - 1, static_cast<std::size_t>(full))) : 0;
    require(stored == expect, "vscnprintf count");
}

// Runs the outer call with a struct va_format over `nested`, whose va_list lives in this frame.
int with_nested(Call *outer, VaFormat *vaf, std::size_t size, ...)
{
    va_list ap;
    va_start(ap, size);
    vaf->va = &ap;
    check(*outer, size);
    va_end(ap);
    return 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    kshim_fuzz::Input in(data, size);
    const std::uint8_t size_byte = in.byte();
    const std::size_t bufsize = size_byte < 0xf0 ? size_byte % 96 : 4096u << (size_byte & 3);
    const bool nested_on = in.byte() & 1;
    Call outer{in.until('\0')};
    Call nested{in.until('\0')};
    Pool pool;
    VaFormat vaf{nested.fmt.c_str(), nullptr};
    // The nested format's own %pV never reaches vaf: a va_format that prints itself would
    // recurse without end, as in the kernel.
    Walker inner(in, pool, nullptr);
    inner.walk(nested);
    vaf.fmt = nested.fmt.c_str();
    Walker top(in, pool, nested_on ? &vaf : nullptr);
    top.walk(outer);
    if (inner.skipped() || top.skipped())
        return 0;
    std::apply([&](auto... a) { return with_nested(&outer, &vaf, bufsize, a...); }, nested.slots);
    return 0;
}
