// String-to-number parsers with Linux 6.1 semantics: kstrto*, simple_strto*, kstrtobool and vsscanf.
#pragma once

#include <cstdarg>
#include <cstddef>

namespace kshim {

// The whole string must be a number in `base` (0 autodetects 0x / 0 prefixes), optionally
// preceded by '+' (and '-' for the signed ones) and followed by exactly one '\n'.
// Return 0 and store the value, -EINVAL on bad syntax, -ERANGE on overflow (*res untouched).
// All of these are atomic-safe: no allocation, no locking.
int kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int kstrtoll(const char *s, unsigned int base, long long *res);
int kstrtoul(const char *s, unsigned int base, unsigned long *res);
int kstrtol(const char *s, unsigned int base, long *res);
int kstrtouint(const char *s, unsigned int base, unsigned int *res);
int kstrtoint(const char *s, unsigned int base, int *res);
int kstrtou16(const char *s, unsigned int base, unsigned short *res);
int kstrtos16(const char *s, unsigned int base, short *res);
int kstrtou8(const char *s, unsigned int base, unsigned char *res);
int kstrtos8(const char *s, unsigned int base, signed char *res);

// y/Y/t/T/1 and on/ON are true, n/N/f/F/0 and of(f)/OF(F) false; only the first one or two
// characters are looked at. NULL or anything else: -EINVAL. Atomic-safe.
int kstrtobool(const char *s, bool *res);

// Obsolete parsers: stop at the first character that is not a digit of the base, store where
// they stopped in *endp (when endp is non-NULL), wrap silently on overflow. Atomic-safe.
unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base);
unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base);
long long simple_strtoll(const char *cp, char **endp, unsigned int base);
long simple_strtol(const char *cp, char **endp, unsigned int base);

// As simple_strtoull / simple_strtoll but read at most max_chars characters (prefix and sign included).
unsigned long long simple_strntoull(const char *cp, std::size_t max_chars, char **endp, unsigned int base);
long long simple_strntoll(const char *cp, std::size_t max_chars, char **endp, unsigned int base);

// The kernel's vsscanf: %d %i %u %x %X %o %s %c %n %% %[set], widths, hh h l ll L z, '*' skipping.
// Returns the number of conversions stored. Atomic-safe.
int vscan(const char *buf, const char *fmt, va_list ap);

} // namespace kshim
