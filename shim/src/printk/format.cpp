// The kernel printf engine (Linux 6.1 vsnprintf semantics): numbers, strings, format decoding;
// the %p extensions are in format_pointer.cpp and format_netaddr.cpp.
#include "printk/format.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <cstring>
#include <utility>

#include "printk/format_impl.hpp"

// Provided by the runtime's slab emulation.
extern "C" void *kshim_kmalloc_at(std::size_t size, unsigned int flags, unsigned long site);

namespace kshim {
namespace format_detail {
namespace {

// ---- numbers and strings ----------------------------------------------------------------------

// "00" to "99", for converting two decimal digits per division.
constexpr auto kDigitPairs = [] {
    std::array<char, 200> t{};
    for (int i = 0; i < 100; ++i) {
        t[2 * i] = static_cast<char>('0' + i / 10);
        t[2 * i + 1] = static_cast<char>('0' + i % 10);
    }
    return t;
}();

// The digits of one number, written backwards from the end of buf.
struct Digits {
    char buf[24];
    char *first = buf + sizeof(buf);

    int size() const { return static_cast<int>(buf + sizeof(buf) - first); }
};

// Writes the pair of digits for v < 100 just before p; returns the new start.
char *put_pair(char *p, unsigned v)
{
    std::memcpy(p - 2, &kDigitPairs[2 * v], 2);
    return p - 2;
}

// Writes num in base 10 backwards, ending just before end, two digits at a time (in 32-bit
// arithmetic once the rest fits); returns the first digit.
char *decimal_digits(char *end, unsigned long long num)
{
    for (; num > UINT32_MAX; num /= 100)
        end = put_pair(end, static_cast<unsigned>(num % 100));
    auto v = static_cast<std::uint32_t>(num);
    for (; v >= 100; v /= 100)
        end = put_pair(end, v % 100);
    if (v >= 10)
        return put_pair(end, v);
    *--end = static_cast<char>('0' + v);
    return end;
}

// How many decimal digits num has: a guess from its bit length, corrected by one compare.
std::size_t decimal_length(unsigned long long num)
{
    static constexpr unsigned long long kPow10[20] = {
        1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL, 100000000ULL,
        1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL, 10000000000000ULL,
        100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
        1000000000000000000ULL, 10000000000000000000ULL};
    if (num < 10)
        return 1;
    const unsigned guess = static_cast<unsigned>(64 - __builtin_clzll(num)) * 1233 >> 12;
    return guess + (num >= kPow10[guess]);
}

// Whether spec prints a decimal as just its sign and digits (no width, precision, '+' or ' ').
bool is_plain_decimal(const Spec &spec)
{
    return spec.base == 10 && spec.width < 0 && spec.precision < 0 && !(spec.flags & (PLUS | SPACE));
}

// The common %d/%u/%ld/%lu case of number(): an optional '-' and the digits. Atomic-safe.
void plain_decimal(Sink &out, unsigned long long num, bool is_signed)
{
    if (is_signed && static_cast<long long>(num) < 0) {
        out.put('-');
        num = 0ULL - num;
    }
    const std::size_t n = decimal_length(num);
    if (char *dst = out.claim(n)) {
        decimal_digits(dst + n, num);  // straight into the output
        return out.skip(n);
    }
    Digits digits;
    digits.first = decimal_digits(digits.first, num);
    out.write(digits.first, n);
}

// Digits of num in spec.base (upper-case hex unless SMALL), most significant first.
void to_digits(Digits &d, unsigned long long num, const Spec &spec)
{
    if (spec.base == 10) {
        d.first = decimal_digits(d.first, num);
        return;
    }
    const unsigned shift = spec.base == 16 ? 4 : 3;
    const char *digits = (spec.base == 16 && !(spec.flags & SMALL)) ? "0123456789ABCDEF" : "0123456789abcdef";
    do {
        *--d.first = digits[num & (spec.base - 1)];
        num >>= shift;
    } while (num);
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

}  // namespace

namespace {

// number() for every spec but the plain decimal one. Atomic-safe.
void padded_number(Sink &out, unsigned long long num, Spec spec)
{
    const bool is_zero = num == 0;
    const bool prefix = (spec.flags & SPECIAL) && spec.base != 10;
    if (spec.flags & LEFT)
        spec.flags &= ~ZEROPAD;
    const char sign = take_sign(num, spec);
    if (prefix)
        spec.width -= spec.base == 16 ? 2 : !is_zero;
    Digits digits;
    to_digits(digits, num, spec);
    const int ndigits = digits.size();
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
    out.write(digits.first, static_cast<std::size_t>(ndigits));
    out.repeat(' ', pad);
}

}  // namespace

// The kernel's number(): sign, 0/0x prefix, precision zeros, width padding. Atomic-safe.
// spec is taken by reference: its fields were just stored one by one, and loading the struct
// whole into registers would stall on store forwarding in the hot %d path.
void number(Sink &out, unsigned long long num, const Spec &spec)
{
    if (is_plain_decimal(spec))
        return plain_decimal(out, num, spec.flags & SIGN);
    padded_number(out, num, spec);
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

}  // namespace format_detail

namespace {

using namespace format_detail;

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
        if (*f.fmt != '%') {
            // A run of literal text, up to the next directive or the end, copied at once.
            const char *end = strchrnul(f.fmt, '%');
            f.out.write(f.fmt, static_cast<std::size_t>(end - f.fmt));
            f.fmt = end;
        } else if (!print_directive(f)) {
            // An invalid conversion: the kernel stops formatting there.
            break;
        }
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
