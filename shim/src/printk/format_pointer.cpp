// The kernel printf engine's %p extensions (Linux 6.1 pointer()): hashed pointers, %pe, %pS,
// %ph, %pb, %pE, %pU, %pV, %pa, %pN and the dispatch; the network addresses are in format_netaddr.cpp.
#include <fmt/format.h>

#include <atomic>
#include <cstdarg>
#include <cstdint>
#include <cstring>
#include <string>

#include "printk/format.hpp"
#include "printk/format_impl.hpp"

namespace kshim {
namespace format_detail {
namespace {

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

}  // namespace

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

}  // namespace format_detail

} // namespace kshim
