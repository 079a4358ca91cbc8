// String-to-number parsers with Linux 6.1 semantics: kstrto*, simple_strto*, kstrtobool and vsscanf.
#include "kstrtox.hpp"

#include <cerrno>
#include <climits>
#include <cstdint>
#include <limits>
#include <utility>

namespace kshim {
namespace {

// Result of scanning digits: how many were consumed, the (wrapped) value, and whether it overflowed.
struct Digits {
    std::size_t count = 0;
    unsigned long long value = 0;
    bool overflow = false;
};

// Larger than any base: the parsers only know the digits 0-9 and a-f, whatever the base.
constexpr unsigned int kNotDigit = ~0u;

// Value of c as a digit (0-9, a-f, A-F), or kNotDigit. Atomic-safe.
unsigned int digit_value(char c)
{
    const unsigned char u = static_cast<unsigned char>(c);
    if (u >= '0' && u <= '9')
        return u - '0';
    const unsigned char lower = u | 0x20;
    if (lower >= 'a' && lower <= 'f')
        return lower - 'a' + 10;
    return kNotDigit;
}

bool is_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

// Resolves base 0 from the prefix ("0x" followed by a hex digit: 16, "0": 8, else 10) and
// skips an "0x"/"0X" prefix when the base is 16. Returns where the digits start. Atomic-safe.
const char *fixup_radix(const char *s, unsigned int *base)
{
    const bool has_0x = s[0] == '0' && (s[1] | 0x20) == 'x';
    if (*base == 0) {
        if (s[0] != '0')
            *base = 10;
        else
            *base = has_0x && digit_value(s[2]) < 16 ? 16 : 8;
    }
    if (*base == 16 && has_0x)
        s += 2;
    return s;
}

// Reads up to max_chars digits of base; keeps going (wrapping) past an overflow. Atomic-safe.
Digits scan_digits(const char *s, unsigned int base, std::size_t max_chars)
{
    Digits d;
    constexpr unsigned long long max = std::numeric_limits<unsigned long long>::max();
    for (; d.count < max_chars; ++d.count) {
        const unsigned int v = digit_value(s[d.count]);
        if (v >= base)
            break;
        if (d.value > (max - v) / base)
            d.overflow = true;
        d.value = d.value * base + v;
    }
    return d;
}

// The unsigned core shared by kstrtoull and the negative branch of kstrtoll (no sign accepted).
int parse_unsigned(const char *s, unsigned int base, unsigned long long *res)
{
    s = fixup_radix(s, &base);
    const Digits d = scan_digits(s, base, INT_MAX);
    if (d.overflow)
        return -ERANGE;
    if (d.count == 0)
        return -EINVAL;
    s += d.count;
    if (*s == '\n')
        ++s;
    if (*s != '\0')
        return -EINVAL;
    *res = d.value;
    return 0;
}

// Parses with `parse` into a wider type W, then stores into T if the value fits. Atomic-safe.
template <typename T, typename W>
int narrow(int (*parse)(const char *, unsigned int, W *), const char *s, unsigned int base, T *res)
{
    W wide;
    const int rc = parse(s, base, &wide);
    if (rc < 0)
        return rc;
    if (!std::in_range<T>(wide))
        return -ERANGE;
    *res = static_cast<T>(wide);
    return 0;
}

} // namespace

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
    if (s[0] == '+')
        ++s;
    return parse_unsigned(s, base, res);
}

int kstrtoll(const char *s, unsigned int base, long long *res)
{
    unsigned long long magnitude;
    if (s[0] != '-') {
        const int rc = kstrtoull(s, base, &magnitude);
        if (rc < 0)
            return rc;
        if (magnitude > static_cast<unsigned long long>(LLONG_MAX))
            return -ERANGE;
        *res = static_cast<long long>(magnitude);
        return 0;
    }
    const int rc = parse_unsigned(s + 1, base, &magnitude);
    if (rc < 0)
        return rc;
    if (magnitude > static_cast<unsigned long long>(LLONG_MAX) + 1)
        return -ERANGE;
    *res = static_cast<long long>(0ULL - magnitude);
    return 0;
}

int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
    return narrow(kstrtoull, s, base, res);
}

int kstrtol(const char *s, unsigned int base, long *res)
{
    return narrow(kstrtoll, s, base, res);
}

int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
    return narrow(kstrtoull, s, base, res);
}

int kstrtoint(const char *s, unsigned int base, int *res)
{
    return narrow(kstrtoll, s, base, res);
}

int kstrtou16(const char *s, unsigned int base, unsigned short *res)
{
    return narrow(kstrtoull, s, base, res);
}

int kstrtos16(const char *s, unsigned int base, short *res)
{
    return narrow(kstrtoll, s, base, res);
}

int kstrtou8(const char *s, unsigned int base, unsigned char *res)
{
    return narrow(kstrtoull, s, base, res);
}

int kstrtos8(const char *s, unsigned int base, signed char *res)
{
    return narrow(kstrtoll, s, base, res);
}

int kstrtobool(const char *s, bool *res)
{
    if (!s)
        return -EINVAL;
    switch (s[0]) {
    case 'y': case 'Y': case 't': case 'T': case '1':
        *res = true;
        return 0;
    case 'n': case 'N': case 'f': case 'F': case '0':
        *res = false;
        return 0;
    case 'o': case 'O':
        if ((s[1] | 0x20) == 'n') {
            *res = true;
            return 0;
        }
        if ((s[1] | 0x20) == 'f') {
            *res = false;
            return 0;
        }
        return -EINVAL;
    default:
        return -EINVAL;
    }
}

unsigned long long simple_strntoull(const char *cp, std::size_t max_chars, char **endp, unsigned int base)
{
    const char *digits = fixup_radix(cp, &base);
    const std::size_t prefix = static_cast<std::size_t>(digits - cp);
    unsigned long long value = 0;
    const char *stop;
    if (prefix < max_chars) {
        const Digits d = scan_digits(digits, base, max_chars - prefix);
        value = d.value;
        stop = digits + d.count;
    } else {
        stop = cp + max_chars; // too short for prefix and a digit: skip it unconverted
    }
    if (endp)
        *endp = const_cast<char *>(stop);
    return value;
}

long long simple_strntoll(const char *cp, std::size_t max_chars, char **endp, unsigned int base)
{
    if (*cp == '-' && max_chars > 0)
        return static_cast<long long>(0ULL - simple_strntoull(cp + 1, max_chars - 1, endp, base));
    return static_cast<long long>(simple_strntoull(cp, max_chars, endp, base));
}

unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base)
{
    return simple_strntoull(cp, INT_MAX, endp, base);
}

unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
    return simple_strntoull(cp, INT_MAX, endp, base);
}

long long simple_strtoll(const char *cp, char **endp, unsigned int base)
{
    return simple_strntoll(cp, INT_MAX, endp, base);
}

long simple_strtol(const char *cp, char **endp, unsigned int base)
{
    if (*cp == '-')
        return static_cast<long>(0UL - simple_strtoul(cp + 1, endp, base));
    return static_cast<long>(simple_strtoul(cp, endp, base));
}

// ---- vsscanf ----------------------------------------------------------------------------------

namespace {

const char *skip_spaces(const char *s)
{
    while (is_space(*s))
        ++s;
    return s;
}

// One decoded conversion of the scan format: width (-1 if none) and length modifier
// ('H' for hh, 'h', 'l', 'L' for ll/L, 'z', or 0).
struct ScanSpec {
    int width = -1;
    char qualifier = 0;
};

// Scanner state walked over input and format by vscan.
struct Scanner {
    const char *start;
    const char *str;
    const char *fmt;
    va_list ap;
    int count = 0;
};

// Reads the width and the length modifier at sc.fmt. False when the width is zero (stop).
bool scan_spec(Scanner &sc, ScanSpec &spec)
{
    if (is_digit(*sc.fmt)) {
        int w = 0;
        while (is_digit(*sc.fmt))
            w = w * 10 + (*sc.fmt++ - '0');
        spec.width = static_cast<short>(w); // the kernel keeps it in an s16
        if (spec.width <= 0)
            return false;
    }
    const char q = *sc.fmt;
    if (q == 'h' || q == 'l' || q == 'L' || q == 'z') {
        spec.qualifier = *sc.fmt++;
        if (q == 'h' && *sc.fmt == 'h') {
            spec.qualifier = 'H';
            ++sc.fmt;
        } else if (q == 'l' && *sc.fmt == 'l') {
            spec.qualifier = 'L';
            ++sc.fmt;
        }
    }
    return true;
}

// %c: copies width (default 1) characters, no terminator, stopping early at the input's end.
void scan_chars(Scanner &sc, const ScanSpec &spec)
{
    char *out = va_arg(sc.ap, char *);
    int width = spec.width == -1 ? 1 : spec.width;
    do {
        *out++ = *sc.str++;
    } while (--width > 0 && *sc.str);
    ++sc.count;
}

// %s: skips leading blanks, copies one word (up to width characters) and terminates it.
void scan_word(Scanner &sc, const ScanSpec &spec)
{
    char *out = va_arg(sc.ap, char *);
    int width = spec.width == -1 ? SHRT_MAX : spec.width;
    sc.str = skip_spaces(sc.str);
    while (*sc.str && !is_space(*sc.str) && width-- > 0)
        *out++ = *sc.str++;
    *out = '\0';
    ++sc.count;
}

// %[set] / %[^set]: width required, no ranges, must match at least one character.
bool scan_set(Scanner &sc, const ScanSpec &spec)
{
    char *out = va_arg(sc.ap, char *);
    if (spec.width == -1)
        return false;
    bool member[256] = {};
    const bool negate = *sc.fmt == '^';
    if (negate)
        ++sc.fmt;
    const char *set = sc.fmt;
    while (*sc.fmt && *sc.fmt != ']')
        member[static_cast<unsigned char>(*sc.fmt++)] = true;
    if (!*sc.fmt || sc.fmt == set)
        return false;
    ++sc.fmt;
    if (negate) {
        for (bool &m : member)
            m = !m;
        member[0] = false;
    }
    if (!member[static_cast<unsigned char>(*sc.str)])
        return false;
    int width = spec.width;
    while (member[static_cast<unsigned char>(*sc.str)] && width-- > 0)
        *out++ = *sc.str++;
    *out = '\0';
    ++sc.count;
    return true;
}

// Whether c can start a number in base (base 0: any decimal digit).
bool starts_number(char c, unsigned int base)
{
    if (c == '\0')
        return false;
    if (base == 16)
        return digit_value(c) < 16;
    if (base == 8)
        return c >= '0' && c <= '7';
    return is_digit(c);
}

// Stores a converted integer through the next pointer argument, sized by the qualifier.
void store_integer(Scanner &sc, char qualifier, bool is_sign, unsigned long long v)
{
    switch (qualifier) {
    case 'H':
        if (is_sign)
            *va_arg(sc.ap, signed char *) = static_cast<signed char>(v);
        else
            *va_arg(sc.ap, unsigned char *) = static_cast<unsigned char>(v);
        break;
    case 'h':
        if (is_sign)
            *va_arg(sc.ap, short *) = static_cast<short>(v);
        else
            *va_arg(sc.ap, unsigned short *) = static_cast<unsigned short>(v);
        break;
    case 'l':
        if (is_sign)
            *va_arg(sc.ap, long *) = static_cast<long>(v);
        else
            *va_arg(sc.ap, unsigned long *) = static_cast<unsigned long>(v);
        break;
    case 'L':
        if (is_sign)
            *va_arg(sc.ap, long long *) = static_cast<long long>(v);
        else
            *va_arg(sc.ap, unsigned long long *) = v;
        break;
    case 'z':
        *va_arg(sc.ap, std::size_t *) = static_cast<std::size_t>(v);
        break;
    default:
        if (is_sign)
            *va_arg(sc.ap, int *) = static_cast<int>(v);
        else
            *va_arg(sc.ap, unsigned int *) = static_cast<unsigned int>(v);
        break;
    }
}

// Integer conversions. False when the input does not start a number (scanning stops).
bool scan_integer(Scanner &sc, const ScanSpec &spec, unsigned int base, bool is_sign)
{
    sc.str = skip_spaces(sc.str);
    char first = *sc.str;
    if (is_sign && first == '-') {
        if (spec.width == 1)
            return false;
        first = sc.str[1];
    }
    if (!starts_number(first, base))
        return false;
    const std::size_t limit = spec.width >= 0 ? static_cast<std::size_t>(spec.width) : INT_MAX;
    char *next = nullptr;
    unsigned long long v;
    if (is_sign)
        v = static_cast<unsigned long long>(simple_strntoll(sc.str, limit, &next, base));
    else
        v = simple_strntoull(sc.str, limit, &next, base);
    store_integer(sc, spec.qualifier, is_sign, v);
    ++sc.count;
    sc.str = next;
    return true;
}

// Handles one '%' conversion (sc.fmt just past the '%'). False when scanning must stop.
bool scan_conversion(Scanner &sc)
{
    if (*sc.fmt == '*') {
        if (!*sc.str)
            return false;
        while (!is_space(*sc.fmt) && *sc.fmt != '%' && *sc.fmt) {
            if (*sc.fmt == '[')
                return false;
            ++sc.fmt;
        }
        while (!is_space(*sc.str) && *sc.str)
            ++sc.str;
        return true;
    }
    ScanSpec spec;
    if (!scan_spec(sc, spec) || !*sc.fmt)
        return false;
    if (*sc.fmt == 'n') {
        *va_arg(sc.ap, int *) = static_cast<int>(sc.str - sc.start);
        ++sc.fmt;
        return true;
    }
    if (!*sc.str)
        return false;
    switch (*sc.fmt++) {
    case 'c': scan_chars(sc, spec); return true;
    case 's': scan_word(sc, spec); return true;
    case '[': return scan_set(sc, spec);
    case 'o': return scan_integer(sc, spec, 8, false);
    case 'x': case 'X': return scan_integer(sc, spec, 16, false);
    case 'i': return scan_integer(sc, spec, 0, true);
    case 'd': return scan_integer(sc, spec, 10, true);
    case 'u': return scan_integer(sc, spec, 10, false);
    case '%': return *sc.str++ == '%';
    default: return false;
    }
}

} // namespace

int vscan(const char *buf, const char *fmt, va_list ap)
{
    Scanner sc{buf, buf, fmt, {}};
    va_copy(sc.ap, ap);
    while (*sc.fmt) {
        if (is_space(*sc.fmt)) {
            sc.fmt = skip_spaces(sc.fmt + 1);
            sc.str = skip_spaces(sc.str);
        }
        if (*sc.fmt != '%' && *sc.fmt) {
            if (*sc.fmt++ != *sc.str++)
                break;
            continue;
        }
        if (!*sc.fmt)
            break;
        ++sc.fmt;
        if (!scan_conversion(sc))
            break;
    }
    va_end(sc.ap);
    return sc.count;
}

} // namespace kshim
