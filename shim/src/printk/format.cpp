// The kernel printf engine (Linux 6.1 vsnprintf semantics, including the %p extensions).
#include "format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstdint>
#include <cstring>
#include <utility>

// Provided by the runtime's slab emulation.
extern "C" void *kshim_kmalloc_at(std::size_t size, unsigned int flags, unsigned long site);

namespace kshim {
namespace {

// ---- basics -----------------------------------------------------------------------------------

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

bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

bool is_alnum(char c)
{
    const char lower = static_cast<char>(c | 0x20);
    return is_digit(c) || (lower >= 'a' && lower <= 'z');
}

bool is_err(const void *p)
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
        for (; n > 0; --n)
            put(c);
    }
    void write(const char *s, std::size_t n)
    {
        for (std::size_t i = 0; i < n; ++i)
            put(s[i]);
    }
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

// ---- numbers and strings ----------------------------------------------------------------------

// Digits of num in spec.base (upper-case hex unless SMALL), most significant first.
std::size_t to_digits(char (&out)[24], unsigned long long num, const Spec &spec)
{
    // Decimal through fmt's format_int (no format string to parse); powers of two by hand.
    if (spec.base == 10) {
        fmt::format_int f(num);
        std::memcpy(out, f.data(), f.size());
        return f.size();
    }
    const unsigned shift = spec.base == 16 ? 4 : 3;
    const char *digits = (spec.base == 16 && !(spec.flags & SMALL)) ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    std::size_t n = 0;
    do {
        tmp[n++] = digits[num & (spec.base - 1)];
        num >>= shift;
    } while (num);
    for (std::size_t i = 0; i < n; ++i)
        out[i] = tmp[n - 1 - i];
    return n;
}

// Sign character for num under spec (0 if none); negates num and shrinks width as needed.
char take_sign(unsigned long long &num, Spec &spec)
{
    if (!(spec.flags & SIGN))
        return 0;
    --spec.width;
    if (static_cast<long long>(num) < 0) {
        num = 0ULL - num;
        return '-';
    }
    if (spec.flags & PLUS)
        return '+';
    if (spec.flags & SPACE)
        return ' ';
    ++spec.width;
    return 0;
}

// The kernel's number(): sign, 0/0x prefix, precision zeros, width padding. Atomic-safe.
void number(Sink &out, unsigned long long num, Spec spec)
{
    const bool is_zero = num == 0;
    const bool prefix = (spec.flags & SPECIAL) && spec.base != 10;
    if (spec.flags & LEFT)
        spec.flags &= ~ZEROPAD;
    const char sign = take_sign(num, spec);
    if (prefix)
        spec.width -= spec.base == 16 ? 2 : !is_zero;
    char digits[24];
    const int ndigits = static_cast<int>(to_digits(digits, num, spec));
    const int precision = std::max(spec.precision, ndigits);
    long pad = static_cast<long>(spec.width) - precision;
    if (!(spec.flags & (ZEROPAD | LEFT)))
        out.repeat(' ', std::exchange(pad, 0));
    if (sign)
        out.put(sign);
    if (prefix && (spec.base == 16 || !is_zero))
        out.put('0');
    if (prefix && spec.base == 16)
        out.put(static_cast<char>('X' | (spec.flags & SMALL)));
    if (!(spec.flags & LEFT))
        out.repeat((spec.flags & ZEROPAD) ? '0' : ' ', std::exchange(pad, 0));
    out.repeat('0', precision - ndigits);
    out.write(digits, static_cast<std::size_t>(ndigits));
    out.repeat(' ', pad);
}

// "0x" and exactly 2*size hex digits, whatever the caller's spec says (%pa, %pad, %pNF).
void special_hex_number(Sink &out, unsigned long long num, int size)
{
    Spec spec;
    spec.width = 2 + 2 * size;
    spec.flags = SPECIAL | SMALL | ZEROPAD;
    spec.base = 16;
    number(out, num, spec);
}

// s limited to spec.precision characters, padded with blanks to spec.width. Atomic-safe.
void string_nocheck(Sink &out, const char *s, const Spec &spec)
{
    std::size_t n = 0;
    if (spec.precision < 0)
        n = std::strlen(s);
    else
        n = strnlen(s, static_cast<std::size_t>(spec.precision));
    const long pad = static_cast<long>(spec.width) - static_cast<long>(n);
    if (!(spec.flags & LEFT))
        out.repeat(' ', pad);
    out.write(s, n);
    if (spec.flags & LEFT)
        out.repeat(' ', pad);
}

// Messages like "(null)": at most 16 characters unless a precision was given.
void error_string(Sink &out, const char *msg, Spec spec)
{
    if (spec.precision == -1)
        spec.precision = 2 * sizeof(void *);
    string_nocheck(out, msg, spec);
}

// Prints "(null)" / "(efault)" and returns false for pointers that cannot be dereferenced.
bool check_pointer(Sink &out, const void *p, const Spec &spec)
{
    const auto v = reinterpret_cast<std::uintptr_t>(p);
    if (!p)
        error_string(out, "(null)", spec);
    else if (v < kPageSize || is_err(p))
        error_string(out, "(efault)", spec);
    else
        return true;
    return false;
}

void string(Sink &out, const char *s, const Spec &spec)
{
    if (check_pointer(out, s, spec))
        string_nocheck(out, s, spec);
}

// ---- plain pointers ---------------------------------------------------------------------------

// Raw value in lowercase hex, zero-padded to 16 digits when no width was given.
void pointer_string(Sink &out, std::uintptr_t value, Spec spec)
{
    spec.base = 16;
    spec.flags |= SMALL;
    if (spec.width == -1) {
        spec.width = 2 * sizeof(void *);
        spec.flags |= ZEROPAD;
    }
    number(out, value, spec);
}

// Deterministic stand-in for the kernel's siphash of pointers: a fixed-key 64-bit mix.
std::uint32_t pointer_hash(const void *p)
{
    std::uint64_t x = reinterpret_cast<std::uintptr_t>(p) ^ 0x6b7368696d5f7074ULL;
    x ^= x >> 31;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 29;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 32;
    return static_cast<std::uint32_t>(x);
}

// Plain %p: NULL and error pointers print raw, everything else as a 32-bit hashed id.
void default_pointer(Sink &out, const void *p, const Spec &spec)
{
    if (!p || is_err(p))
        pointer_string(out, reinterpret_cast<std::uintptr_t>(p), spec);
    else
        pointer_string(out, pointer_hash(p), spec);
}

// ---- %pe ------------------------------------------------------------------------------------

struct ErrName {
    int code;
    const char *name;
};

// Every code Linux 6.1's errname() knows on x86-64 (aliases such as EWOULDBLOCK print as the
// primary name).
constexpr ErrName kErrNames[] = {
    {1, "EPERM"}, {2, "ENOENT"}, {3, "ESRCH"}, {4, "EINTR"}, {5, "EIO"}, {6, "ENXIO"},
    {7, "E2BIG"}, {8, "ENOEXEC"}, {9, "EBADF"}, {10, "ECHILD"}, {11, "EAGAIN"},
    {12, "ENOMEM"}, {13, "EACCES"}, {14, "EFAULT"}, {15, "ENOTBLK"}, {16, "EBUSY"},
    {17, "EEXIST"}, {18, "EXDEV"}, {19, "ENODEV"}, {20, "ENOTDIR"}, {21, "EISDIR"},
    {22, "EINVAL"}, {23, "ENFILE"}, {24, "EMFILE"}, {25, "ENOTTY"}, {26, "ETXTBSY"},
    {27, "EFBIG"}, {28, "ENOSPC"}, {29, "ESPIPE"}, {30, "EROFS"}, {31, "EMLINK"},
    {32, "EPIPE"}, {33, "EDOM"}, {34, "ERANGE"}, {35, "EDEADLK"}, {36, "ENAMETOOLONG"},
    {37, "ENOLCK"}, {38, "ENOSYS"}, {39, "ENOTEMPTY"}, {40, "ELOOP"}, {42, "ENOMSG"},
    {43, "EIDRM"}, {44, "ECHRNG"}, {45, "EL2NSYNC"}, {46, "EL3HLT"}, {47, "EL3RST"},
    {48, "ELNRNG"}, {49, "EUNATCH"}, {50, "ENOCSI"}, {51, "EL2HLT"}, {52, "EBADE"},
    {53, "EBADR"}, {54, "EXFULL"}, {55, "ENOANO"}, {56, "EBADRQC"}, {57, "EBADSLT"},
    {59, "EBFONT"}, {60, "ENOSTR"}, {61, "ENODATA"}, {62, "ETIME"}, {63, "ENOSR"},
    {64, "ENONET"}, {65, "ENOPKG"}, {66, "EREMOTE"}, {67, "ENOLINK"}, {68, "EADV"},
    {69, "ESRMNT"}, {70, "ECOMM"}, {71, "EPROTO"}, {72, "EMULTIHOP"}, {73, "EDOTDOT"},
    {74, "EBADMSG"}, {75, "EOVERFLOW"}, {76, "ENOTUNIQ"}, {77, "EBADFD"}, {78, "EREMCHG"},
    {79, "ELIBACC"}, {80, "ELIBBAD"}, {81, "ELIBSCN"}, {82, "ELIBMAX"}, {83, "ELIBEXEC"},
    {84, "EILSEQ"}, {85, "ERESTART"}, {86, "ESTRPIPE"}, {87, "EUSERS"}, {88, "ENOTSOCK"},
    {89, "EDESTADDRREQ"}, {90, "EMSGSIZE"}, {91, "EPROTOTYPE"}, {92, "ENOPROTOOPT"},
    {93, "EPROTONOSUPPORT"}, {94, "ESOCKTNOSUPPORT"}, {95, "EOPNOTSUPP"},
    {96, "EPFNOSUPPORT"}, {97, "EAFNOSUPPORT"}, {98, "EADDRINUSE"}, {99, "EADDRNOTAVAIL"},
    {100, "ENETDOWN"}, {101, "ENETUNREACH"}, {102, "ENETRESET"}, {103, "ECONNABORTED"},
    {104, "ECONNRESET"}, {105, "ENOBUFS"}, {106, "EISCONN"}, {107, "ENOTCONN"},
    {108, "ESHUTDOWN"}, {109, "ETOOMANYREFS"}, {110, "ETIMEDOUT"}, {111, "ECONNREFUSED"},
    {112, "EHOSTDOWN"}, {113, "EHOSTUNREACH"}, {114, "EALREADY"}, {115, "EINPROGRESS"},
    {116, "ESTALE"}, {117, "EUCLEAN"}, {118, "ENOTNAM"}, {119, "ENAVAIL"}, {120, "EISNAM"},
    {121, "EREMOTEIO"}, {122, "EDQUOT"}, {123, "ENOMEDIUM"}, {124, "EMEDIUMTYPE"},
    {125, "ECANCELED"}, {126, "ENOKEY"}, {127, "EKEYEXPIRED"}, {128, "EKEYREVOKED"},
    {129, "EKEYREJECTED"}, {130, "EOWNERDEAD"}, {131, "ENOTRECOVERABLE"}, {132, "ERFKILL"},
    {133, "EHWPOISON"}, {512, "ERESTARTSYS"}, {513, "ERESTARTNOINTR"},
    {514, "ERESTARTNOHAND"}, {515, "ENOIOCTLCMD"}, {516, "ERESTART_RESTARTBLOCK"},
    {517, "EPROBE_DEFER"}, {518, "EOPENSTALE"}, {519, "ENOPARAM"}, {521, "EBADHANDLE"},
    {522, "ENOTSYNC"}, {523, "EBADCOOKIE"}, {524, "ENOTSUPP"}, {525, "ETOOSMALL"},
    {526, "ESERVERFAULT"}, {527, "EBADTYPE"}, {528, "EJUKEBOX"}, {529, "EIOCBQUEUED"},
    {530, "ERECALLCONFLICT"},
};

const char *errno_name(int code)
{
    for (const ErrName &e : kErrNames)
        if (e.code == code)
            return e.name;
    return nullptr;
}

// %pe: "-ENAME" for a known error pointer, its decimal value otherwise.
void err_ptr(Sink &out, const void *p, Spec spec)
{
    const long err = static_cast<long>(reinterpret_cast<std::intptr_t>(p));
    if (const char *name = errno_name(static_cast<int>(-err))) {
        Scratch s;
        s.put('-');
        s.puts(name);
        string_nocheck(out, s.c_str(), spec);
        return;
    }
    spec.flags |= SIGN;
    spec.base = 10;
    number(out, static_cast<unsigned long long>(err), spec);
}

// ---- %pS %ps %pB ------------------------------------------------------------------------------

// Names a code address through the installed hook, or prints it as 0x<hex>.
void symbol_string(Sink &out, const void *p, char kind, const Spec &spec)
{
    SymbolFormatter hook = symbol_formatter();
    if (!hook) {
        char text[24];
        const auto r = fmt::format_to_n(text, sizeof(text) - 1, "0x{:x}",
                        reinterpret_cast<std::uintptr_t>(p));
        text[r.size] = '\0';
        string_nocheck(out, text, spec);
        return;
    }
    std::string name;
    hook(name, p, kind);
    string_nocheck(out, name.c_str(), spec);
}

// ---- %ph %pb %pbl -----------------------------------------------------------------------------

// %*ph[CDN]: width bytes (1 if none, at most 64) in hex, with the chosen separator.
void hex_string(Sink &out, const unsigned char *addr, const Spec &spec, const char *fmt)
{
    if (spec.width == 0 || !check_pointer(out, addr, spec))
        return;
    char sep = ' ';
    if (fmt[1] == 'C')
        sep = ':';
    else if (fmt[1] == 'D')
        sep = '-';
    else if (fmt[1] == 'N')
        sep = 0;
    const int len = spec.width > 0 ? std::min(spec.width, 64) : 1;
    for (int i = 0; i < len; ++i) {
        Scratch s;
        s.hex_byte(addr[i]);
        out.write(s.text, 2);
        if (sep && i != len - 1)
            out.put(sep);
    }
}

bool test_bit(const unsigned long *bitmap, int bit)
{
    constexpr int bits = 8 * sizeof(unsigned long);
    return (bitmap[bit / bits] >> (bit % bits)) & 1;
}

// %*pb: the bitmap in comma-separated 32-bit hex chunks, most significant first.
void bitmap_string(Sink &out, const unsigned long *bitmap, const Spec &spec)
{
    const int nr_bits = std::max(spec.width, 0);
    if (!check_pointer(out, bitmap, spec))
        return;
    int chunk = nr_bits % 32 ? nr_bits % 32 : 32;
    Spec hex;
    hex.flags = SMALL | ZEROPAD;
    hex.base = 16;
    bool first = true;
    for (int lo = (nr_bits + 31) / 32 * 32 - 32; lo >= 0; lo -= 32) {
        std::uint32_t val = 0;
        for (int b = chunk - 1; b >= 0; --b)
            val = (val << 1) | (test_bit(bitmap, lo + b) ? 1 : 0);
        if (!first)
            out.put(',');
        first = false;
        hex.width = (chunk + 3) / 4;
        number(out, val, hex);
        chunk = 32;
    }
}

// %*pbl: the set bits as a range list such as "0-3,7".
void bitmap_list_string(Sink &out, const unsigned long *bitmap, const Spec &spec)
{
    const int nr_bits = std::max(spec.width, 0);
    if (!check_pointer(out, bitmap, spec))
        return;
    Spec dec;
    bool first = true;
    for (int bit = 0; bit < nr_bits; ++bit) {
        if (!test_bit(bitmap, bit))
            continue;
        int top = bit;
        while (top + 1 < nr_bits && test_bit(bitmap, top + 1))
            ++top;
        if (!first)
            out.put(',');
        first = false;
        number(out, static_cast<unsigned>(bit), dec);
        if (top > bit) {
            out.put('-');
            number(out, static_cast<unsigned>(top), dec);
        }
        bit = top;
    }
}

// ---- %pM %pm ----------------------------------------------------------------------------------

void mac_address_string(Sink &out, const unsigned char *addr, const Spec &spec, const char *fmt)
{
    if (!check_pointer(out, addr, spec))
        return;
    const bool reversed = fmt[1] == 'R';
    const char sep = fmt[1] == 'F' ? '-' : ':';
    Scratch s;
    for (int i = 0; i < 6; ++i) {
        s.hex_byte(addr[reversed ? 5 - i : i]);
        if (fmt[0] == 'M' && i != 5)
            s.put(sep);
    }
    string_nocheck(out, s.c_str(), spec);
}

// ---- %pI %pi ----------------------------------------------------------------------------------

// Dotted quad; 'i' pads each part to 3 digits; order 'h'/'l' reverses the bytes (x86 host order).
void ip4_text(Scratch &s, const unsigned char *addr, char kind, char order)
{
    const bool reversed = order == 'h' || order == 'l';
    for (int i = 0; i < 4; ++i) {
        char text[4];
        const auto r = kind == 'i' ? fmt::format_to_n(text, 3, "{:03}", addr[reversed ? 3 - i : i])
                       : fmt::format_to_n(text, 3, "{}", addr[reversed ? 3 - i : i]);
        text[r.size] = '\0';
        s.puts(text);
        if (i < 3)
            s.put('.');
    }
}

// Big-endian 16-bit word i of an IPv6 address.
unsigned ip6_word(const unsigned char *addr, int i)
{
    return (static_cast<unsigned>(addr[2 * i]) << 8) | addr[2 * i + 1];
}

// Full form: eight 4-digit groups, colon separated for 'I', contiguous for 'i'.
void ip6_full_text(Scratch &s, const unsigned char *addr, char kind)
{
    for (int i = 0; i < 8; ++i) {
        s.hex_byte(addr[2 * i]);
        s.hex_byte(addr[2 * i + 1]);
        if (kind == 'I' && i != 7)
            s.put(':');
    }
}

// Whether the address should end in dotted IPv4 (v4-mapped or ISATAP).
bool ip6_has_ipv4_tail(const unsigned char *addr)
{
    bool mapped = true;
    for (int i = 0; i < 10; ++i)
        mapped = mapped && addr[i] == 0;
    mapped = mapped && addr[10] == 0xff && addr[11] == 0xff;
    const bool isatap = (addr[8] | 0x02) == 0x02 && addr[9] == 0 && addr[10] == 0x5e && addr[11] == 0xfe;
    return mapped || isatap;
}

// RFC 5952 style: longest run (>1) of zero words becomes "::", no leading zeros.
void ip6_compressed_text(Scratch &s, const unsigned char *addr)
{
    const bool v4 = ip6_has_ipv4_tail(addr);
    const int range = v4 ? 6 : 8;
    int best_pos = -1, best_len = 1;
    for (int i = 0; i < range; ++i) {
        int run = 0;
        while (i + run < range && ip6_word(addr, i + run) == 0)
            ++run;
        if (run > best_len) {
            best_len = run;
            best_pos = i;
        }
    }
    bool need_colon = false;
    for (int i = 0; i < range; ++i) {
        if (i == best_pos) {
            if (need_colon || i == 0)
                s.put(':');
            s.put(':');
            need_colon = false;
            i += best_len - 1;
            continue;
        }
        if (need_colon)
            s.put(':');
        char text[8];
        const auto r = fmt::format_to_n(text, 4, "{:x}", ip6_word(addr, i));
        text[r.size] = '\0';
        s.puts(text);
        need_colon = true;
    }
    if (v4) {
        if (need_colon)
            s.put(':');
        ip4_text(s, addr + 12, 'I', 0);
    }
}

// Appends a number formatted with the caller's spec (the kernel does so for ports etc.).
void append_number(Scratch &s, unsigned long long v, const Spec &spec)
{
    char text[64];
    Sink sink(text, sizeof(text));
    number(sink, v, spec);
    sink.terminate();
    s.puts(text);
}

std::uint16_t load_be16(const unsigned char *p)
{
    return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}

std::uint32_t load_u32(const unsigned char *p)
{
    std::uint32_t v;
    std::memcpy(&v, p, sizeof(v));
    return v;
}

// Letters after "IS"/"iS" (p, f, s, c, or a byte order), up to the first non-letter.
struct SockaddrOpts {
    bool port = false, flow = false, scope = false, compress = false;
    char order = 0;
};

SockaddrOpts sockaddr_opts(const char *fmt)
{
    SockaddrOpts o;
    for (const char *f = fmt + 2; (*f | 0x20) >= 'a' && (*f | 0x20) <= 'z'; ++f) {
        switch (*f) {
        case 'p': o.port = true; break;
        case 'f': o.flow = true; break;
        case 's': o.scope = true; break;
        case 'c': o.compress = true; break;
        case 'h': case 'l': case 'n': case 'b': o.order = *f; break;
        default: break;
        }
    }
    return o;
}

// struct sockaddr_in: family(2) port(2, big endian) addr(4).
void ip4_sockaddr(Sink &out, const unsigned char *sa, const Spec &spec, const char *fmt)
{
    const SockaddrOpts o = sockaddr_opts(fmt);
    Scratch s;
    ip4_text(s, sa + 4, fmt[0], o.order);
    if (o.port) {
        s.put(':');
        append_number(s, load_be16(sa + 2), spec);
    }
    string_nocheck(out, s.c_str(), spec);
}

// struct sockaddr_in6: family(2) port(2) flowinfo(4) addr(16) scope_id(4).
void ip6_sockaddr(Sink &out, const unsigned char *sa, const Spec &spec, const char *fmt)
{
    const SockaddrOpts o = sockaddr_opts(fmt);
    const bool bracket = o.port || o.flow || o.scope;
    Scratch s;
    if (bracket)
        s.put('[');
    if (fmt[0] == 'I' && o.compress)
        ip6_compressed_text(s, sa + 8);
    else
        ip6_full_text(s, sa + 8, fmt[0]);
    if (bracket)
        s.put(']');
    if (o.port) {
        s.put(':');
        append_number(s, load_be16(sa + 2), spec);
    }
    if (o.flow) {
        s.put('/');
        const unsigned char *f = sa + 4;
        const std::uint32_t flow = (static_cast<std::uint32_t>(f[0] & 0x0f) << 24) | (f[1] << 16) | (f[2] << 8) | f[3];
        append_number(s, flow, spec);
    }
    if (o.scope) {
        s.put('%');
        append_number(s, load_u32(sa + 24), spec);
    }
    string_nocheck(out, s.c_str(), spec);
}

void ip_addr_string(Sink &out, const unsigned char *addr, const Spec &spec, const char *fmt)
{
    if (!check_pointer(out, addr, spec))
        return;
    Scratch s;
    switch (fmt[1]) {
    case '4':
        ip4_text(s, addr, fmt[0], fmt[2]);
        return string_nocheck(out, s.c_str(), spec);
    case '6':
        if (fmt[0] == 'I' && fmt[2] == 'c')
            ip6_compressed_text(s, addr);
        else
            ip6_full_text(s, addr, fmt[0]);
        return string_nocheck(out, s.c_str(), spec);
    case 'S': {
        const unsigned family = addr[0] | (addr[1] << 8);
        if (family == 2)
            return ip4_sockaddr(out, addr, spec, fmt);
        if (family == 10)
            return ip6_sockaddr(out, addr, spec, fmt);
        return error_string(out, "(einval)", spec);
    }
    default:
        return error_string(out, fmt[0] == 'i' ? "(%pi?)" : "(%pI?)", spec);
    }
}

// ---- %pE --------------------------------------------------------------------------------------

// string_escape_mem() classes selectable with %pE[achnops].
enum : unsigned {
    ESCAPE_SPACE = 1,
    ESCAPE_SPECIAL = 2,
    ESCAPE_NULL = 4,
    ESCAPE_OCTAL = 8,
    ESCAPE_ANY = ESCAPE_SPACE | ESCAPE_SPECIAL | ESCAPE_NULL | ESCAPE_OCTAL,
    ESCAPE_NP = 16,
    ESCAPE_HEX = 32,
};

// The kernel's isprint(): ASCII 0x20-0x7e plus Latin-1 0xa0-0xff.
bool kernel_isprint(unsigned char c)
{
    return (c >= 0x20 && c <= 0x7e) || c >= 0xa0;
}

unsigned escape_flags(const char *fmt)
{
    unsigned flags = 0;
    for (const char *f = fmt + 1;; ++f) {
        switch (*f) {
        case 'a': flags |= ESCAPE_ANY; break;
        case 'c': flags |= ESCAPE_SPECIAL; break;
        case 'h': flags |= ESCAPE_HEX; break;
        case 'n': flags |= ESCAPE_NULL; break;
        case 'o': flags |= ESCAPE_OCTAL; break;
        case 'p': flags |= ESCAPE_NP; break;
        case 's': flags |= ESCAPE_SPACE; break;
        default: return flags ? flags : ESCAPE_ANY | ESCAPE_NP;
        }
    }
}

// The backslash letter for c under the space/special/null classes enabled in flags, or 0.
char escape_letter(unsigned char c, unsigned flags)
{
    if (flags & ESCAPE_SPACE) {
        switch (c) {
        case '\n': return 'n';
        case '\r': return 'r';
        case '\t': return 't';
        case '\v': return 'v';
        case '\f': return 'f';
        default: break;
        }
    }
    if (flags & ESCAPE_SPECIAL) {
        switch (c) {
        case '\\': return '\\';
        case '\a': return 'a';
        case '\x1b': return 'e';
        case '"': return '"';
        default: break;
        }
    }
    if ((flags & ESCAPE_NULL) && c == 0)
        return '0';
    return 0;
}

// Writes c escaped per flags: first matching class wins, octal and hex last, else verbatim.
void escape_char(Sink &out, unsigned char c, unsigned flags)
{
    if ((flags & ESCAPE_NP) && kernel_isprint(c))
        return out.put(static_cast<char>(c));
    if (const char letter = escape_letter(c, flags)) {
        out.put('\\');
        return out.put(letter);
    }
    char text[8];
    if (flags & (ESCAPE_OCTAL | ESCAPE_HEX)) {
        const auto r = (flags & ESCAPE_OCTAL) ? fmt::format_to_n(text, 4, "\\{:03o}", c)
                                             : fmt::format_to_n(text, 4, "\\x{:02x}", c);
        return out.write(text, r.size);
    }
    out.put(static_cast<char>(c));
}

// %*pE[achnops]: width bytes (1 if none) with the selected classes escaped; no padding.
void escaped_string(Sink &out, const unsigned char *addr, const Spec &spec, const char *fmt)
{
    if (spec.width == 0 || !check_pointer(out, addr, spec))
        return;
    const unsigned flags = escape_flags(fmt);
    const int len = spec.width < 0 ? 1 : spec.width;
    for (int i = 0; i < len; ++i)
        escape_char(out, addr[i], flags);
}

// ---- %pU --------------------------------------------------------------------------------------

void uuid_string(Sink &out, const unsigned char *addr, const Spec &spec, const char *fmt)
{
    static constexpr int kGuidOrder[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
    if (!check_pointer(out, addr, spec))
        return;
    const bool upper = fmt[1] == 'B' || fmt[1] == 'L';
    const bool guid = fmt[1] == 'l' || fmt[1] == 'L';
    Scratch s;
    for (int i = 0; i < 16; ++i) {
        s.hex_byte(addr[guid ? kGuidOrder[i] : i], upper);
        if (i == 3 || i == 5 || i == 7 || i == 9)
            s.put('-');
    }
    string_nocheck(out, s.c_str(), spec);
}

// ---- %pV %pa %pNF -----------------------------------------------------------------------------

// Layout of the kernel's struct va_format.
struct VaFormat {
    const char *fmt;
    va_list *va;
};

void va_format(Sink &out, const VaFormat *vf, const Spec &spec)
{
    if (!check_pointer(out, vf, spec))
        return;
    va_list copy;
    va_copy(copy, *vf->va);
    const int n = vformat(out.tail(), out.room(), vf->fmt, copy);
    va_end(copy);
    out.skip(static_cast<std::size_t>(std::max(n, 0)));
}

void address_val(Sink &out, const void *p, const Spec &spec)
{
    if (!check_pointer(out, p, spec))
        return;
    std::uint64_t v;
    std::memcpy(&v, p, sizeof(v)); // phys_addr_t and dma_addr_t are both 64-bit here
    special_hex_number(out, v, sizeof(v));
}

void netdev_bits(Sink &out, const void *p, const Spec &spec, const char *fmt)
{
    if (!check_pointer(out, p, spec))
        return;
    if (fmt[1] != 'F')
        return error_string(out, "(%pN?)", spec);
    std::uint64_t v;
    std::memcpy(&v, p, sizeof(v));
    special_hex_number(out, v, sizeof(v));
}

// ---- %p dispatch ------------------------------------------------------------------------------

// Prints one %p conversion; fmt points just after the 'p'.
void pointer(Sink &out, const char *fmt, void *p, const Spec &spec)
{
    const auto *bytes = static_cast<const unsigned char *>(p);
    switch (*fmt) {
    case 'S': case 's': case 'B': return symbol_string(out, p, *fmt, spec);
    case 'h': return hex_string(out, bytes, spec, fmt);
    case 'b':
        if (fmt[1] == 'l')
            return bitmap_list_string(out, static_cast<const unsigned long *>(p), spec);
        return bitmap_string(out, static_cast<const unsigned long *>(p), spec);
    case 'M': case 'm': return mac_address_string(out, bytes, spec, fmt);
    case 'I': case 'i': return ip_addr_string(out, bytes, spec, fmt);
    case 'E': return escaped_string(out, bytes, spec, fmt);
    case 'U': return uuid_string(out, bytes, spec, fmt);
    case 'V': return va_format(out, static_cast<const VaFormat *>(p), spec);
    case 'N': return netdev_bits(out, p, spec, fmt);
    case 'a': return address_val(out, p, spec);
    case 'x': return pointer_string(out, reinterpret_cast<std::uintptr_t>(p), spec);
    case 'e':
        if (is_err(p))
            return err_ptr(out, p, spec);
        return default_pointer(out, p, spec);
    case 'u': case 'k':
        if (fmt[1] == 's')
            return string(out, static_cast<const char *>(p), spec);
        return error_string(out, "(einval)", spec);
    default: // includes 'K' (kptr_restrict is 0) and plain %p
        return default_pointer(out, p, spec);
    }
}

// ---- format decoding --------------------------------------------------------------------------

enum class Conv { Char, Str, Ptr, Percent, Number, Invalid };

// One decoded conversion: what it is, how to print it, and its length modifier
// ('H' hh, 'h', 'l', 'L' ll/L, 'z', 't', or 0).
struct Directive {
    Conv conv = Conv::Invalid;
    Spec spec;
    char qualifier = 0;
};

// The running state of one vformat call.
struct Formatter {
    Sink out;
    const char *fmt;
    va_list ap;
};

// Reads decimal digits at fmt (wrapping like the kernel's int accumulator).
unsigned read_digits(const char *&fmt)
{
    unsigned v = 0;
    while (is_digit(*fmt))
        v = v * 10 + static_cast<unsigned>(*fmt++ - '0');
    return v;
}

// Field width: digits (stored in the kernel's 24-bit field) or '*' (clamped, negative means '-').
void decode_width(Formatter &f, Spec &spec)
{
    if (is_digit(*f.fmt)) {
        const unsigned v = read_digits(f.fmt) & 0xffffffu;
        spec.width = static_cast<int>(v ^ 0x800000u) - 0x800000;
        return;
    }
    if (*f.fmt != '*')
        return;
    ++f.fmt;
    const int w = std::clamp(va_arg(f.ap, int), -kFieldWidthMax, kFieldWidthMax);
    spec.width = w < 0 ? -w : w;
    if (w < 0)
        spec.flags |= LEFT;
}

// Precision after '.': digits (16-bit, negative becomes 0) or '*' (clamped to 0..32767).
// A bare '.' leaves the precision unset, as in the kernel.
void decode_precision(Formatter &f, Spec &spec)
{
    if (*f.fmt != '.')
        return;
    ++f.fmt;
    if (is_digit(*f.fmt)) {
        const auto p = static_cast<std::int16_t>(read_digits(f.fmt) & 0xffffu);
        spec.precision = std::max<int>(p, 0);
    } else if (*f.fmt == '*') {
        ++f.fmt;
        spec.precision = std::clamp(va_arg(f.ap, int), 0, kPrecisionMax);
    }
}

char decode_qualifier(const char *&fmt)
{
    const char q = *fmt;
    if (q != 'h' && q != 'l' && q != 'L' && q != 'z' && q != 't')
        return 0;
    ++fmt;
    if ((q == 'h' || q == 'l') && *fmt == q) {
        ++fmt;
        return q == 'h' ? 'H' : 'L';
    }
    return q;
}

// Sets up base/flags for the conversion letter; Invalid for anything the kernel rejects
// (floating point, %n, unknown letters): formatting then stops there.
Conv decode_conversion(char c, Spec &spec)
{
    switch (c) {
    case 'c': return Conv::Char;
    case 's': return Conv::Str;
    case 'p': return Conv::Ptr;
    case '%': return Conv::Percent;
    case 'o': spec.base = 8; return Conv::Number;
    case 'x': spec.flags |= SMALL; spec.base = 16; return Conv::Number;
    case 'X': spec.base = 16; return Conv::Number;
    case 'd': case 'i': spec.flags |= SIGN; return Conv::Number;
    case 'u': return Conv::Number;
    default: return Conv::Invalid;
    }
}

// Decodes the directive starting at the '%' under f.fmt, consuming '*' arguments on the way.
Directive decode(Formatter &f)
{
    Directive d;
    for (++f.fmt;; ++f.fmt) {
        const char c = *f.fmt;
        if (c == '-') d.spec.flags |= LEFT;
        else if (c == '+') d.spec.flags |= PLUS;
        else if (c == ' ') d.spec.flags |= SPACE;
        else if (c == '#') d.spec.flags |= SPECIAL;
        else if (c == '0') d.spec.flags |= ZEROPAD;
        else break;
    }
    decode_width(f, d.spec);
    decode_precision(f, d.spec);
    d.qualifier = decode_qualifier(f.fmt);
    d.conv = decode_conversion(*f.fmt, d.spec);
    if (d.conv != Conv::Invalid)
        ++f.fmt;
    return d;
}

// ---- argument printing ------------------------------------------------------------------------

// Fetches the integer argument the qualifier and signedness call for, widened to 64 bits.
unsigned long long fetch_number(Formatter &f, char qualifier, bool is_signed)
{
    switch (qualifier) {
    case 'L': return static_cast<unsigned long long>(va_arg(f.ap, long long));
    case 'l':
        if (is_signed)
            return static_cast<unsigned long long>(va_arg(f.ap, long));
        return va_arg(f.ap, unsigned long);
    case 'z':
        if (is_signed)
            return static_cast<unsigned long long>(va_arg(f.ap, std::ptrdiff_t));
        return va_arg(f.ap, std::size_t);
    case 't': return static_cast<unsigned long long>(va_arg(f.ap, std::ptrdiff_t));
    case 'H':
        if (is_signed)
            return static_cast<unsigned long long>(static_cast<signed char>(va_arg(f.ap, int)));
        return static_cast<unsigned char>(va_arg(f.ap, int));
    case 'h':
        if (is_signed)
            return static_cast<unsigned long long>(static_cast<short>(va_arg(f.ap, int)));
        return static_cast<unsigned short>(va_arg(f.ap, int));
    default:
        if (is_signed)
            return static_cast<unsigned long long>(va_arg(f.ap, int));
        return va_arg(f.ap, unsigned int);
    }
}

// %c: the character padded to the width (the '0' flag does not apply).
void print_char(Formatter &f, const Spec &spec)
{
    const long pad = static_cast<long>(spec.width) - 1;
    if (!(spec.flags & LEFT))
        f.out.repeat(' ', pad);
    f.out.put(static_cast<char>(static_cast<unsigned char>(va_arg(f.ap, int))));
    if (spec.flags & LEFT)
        f.out.repeat(' ', pad);
}

// %p...: prints and then skips every alphanumeric extension character.
void print_pointer(Formatter &f, const Spec &spec)
{
    void *p = va_arg(f.ap, void *);
    pointer(f.out, f.fmt, p, spec);
    while (is_alnum(*f.fmt))
        ++f.fmt;
}

// Prints one directive. False when formatting must stop (invalid conversion).
bool print_directive(Formatter &f)
{
    const Directive d = decode(f);
    switch (d.conv) {
    case Conv::Char: print_char(f, d.spec); return true;
    case Conv::Str: string(f.out, va_arg(f.ap, const char *), d.spec); return true;
    case Conv::Ptr: print_pointer(f, d.spec); return true;
    case Conv::Percent: f.out.put('%'); return true;
    case Conv::Number:
        number(f.out, fetch_number(f, d.qualifier, d.spec.flags & SIGN), d.spec);
        return true;
    case Conv::Invalid: return false;
    }
    return false;
}

} // namespace

int vformat(char *buf, std::size_t size, const char *fmt, va_list ap)
{
    if (size > static_cast<std::size_t>(INT_MAX))
        return 0;
    Formatter f{Sink(buf, size), fmt ? fmt : "", {}};
    va_copy(f.ap, ap);
    while (*f.fmt) {
        if (*f.fmt != '%')
            f.out.put(*f.fmt++);
        else if (!print_directive(f))
            break;
    }
    va_end(f.ap);
    f.out.terminate();
    return static_cast<int>(f.out.length());
}

int vscnformat(char *buf, std::size_t size, const char *fmt, va_list ap)
{
    const int n = vformat(buf, size, fmt, ap);
    if (static_cast<std::size_t>(n) < size)
        return n;
    return size ? static_cast<int>(size - 1) : 0;
}

char *kvasformat(unsigned int gfp, const char *fmt, va_list ap, unsigned long site)
{
    va_list measure;
    va_copy(measure, ap);
    const auto len = static_cast<std::size_t>(vformat(nullptr, 0, fmt, measure));
    va_end(measure);
    auto *p = static_cast<char *>(kshim_kmalloc_at(len + 1, gfp, site));
    if (!p)
        return nullptr;
    va_list fill;
    va_copy(fill, ap);
    vformat(p, len + 1, fmt, fill);
    va_end(fill);
    return p;
}

} // namespace kshim
