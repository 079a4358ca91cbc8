/* Strict and obsolete string-to-number parsers: kstrto*(), kstrtobool(), simple_strto*(). */
#ifndef _LINUX_KSTRTOX_H
#define _LINUX_KSTRTOX_H

#include "linux/compiler.h"
#include "linux/types.h"

/* Fixed-size names for the int/long long parsers (u64 and s64 are long long here). */
#define kstrtou64	kstrtoull
#define kstrtos64	kstrtoll
#define kstrtou32	kstrtouint
#define kstrtos32	kstrtoint
#define strtobool	kstrtobool
#define kstrtou64_from_user	kstrtoull_from_user
#define kstrtos64_from_user	kstrtoll_from_user
#define kstrtou32_from_user	kstrtouint_from_user
#define kstrtos32_from_user	kstrtoint_from_user

#ifdef __cplusplus
extern "C" {
#endif

/*
 * kstrto*(): the whole of s must be one number in base (0: "0x" means hex, a leading "0" octal),
 * optionally signed ('-' only for signed results) and followed by a single '\n'.
 * Return 0, -EINVAL for bad input, -ERANGE when the value does not fit; *res is untouched on error.
 */
int __must_check kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int __must_check kstrtoll(const char *s, unsigned int base, long long *res);
int __must_check kstrtoul(const char *s, unsigned int base, unsigned long *res);
int __must_check kstrtol(const char *s, unsigned int base, long *res);
int __must_check _kstrtoul(const char *s, unsigned int base, unsigned long *res);
int __must_check _kstrtol(const char *s, unsigned int base, long *res);
int __must_check kstrtouint(const char *s, unsigned int base, unsigned int *res);
int __must_check kstrtoint(const char *s, unsigned int base, int *res);
int __must_check kstrtou16(const char *s, unsigned int base, u16 *res);
int __must_check kstrtos16(const char *s, unsigned int base, s16 *res);
int __must_check kstrtou8(const char *s, unsigned int base, u8 *res);
int __must_check kstrtos8(const char *s, unsigned int base, s8 *res);

/* "y", "t", "1", "on" (any case) are true; "n", "f", "0", "off" false; else -EINVAL. */
int __must_check kstrtobool(const char *s, bool *res);

/* kstrto*_from_user: at most 66 bytes of the user string s (count long) parsed as above; -EFAULT
 * if they are not the current user task's memory. */
int __must_check kstrtoull_from_user(const char __user *s, size_t count, unsigned int base, unsigned long long *res);
int __must_check kstrtoll_from_user(const char __user *s, size_t count, unsigned int base, long long *res);
int __must_check kstrtoul_from_user(const char __user *s, size_t count, unsigned int base, unsigned long *res);
int __must_check kstrtol_from_user(const char __user *s, size_t count, unsigned int base, long *res);
int __must_check kstrtouint_from_user(const char __user *s, size_t count, unsigned int base, unsigned int *res);
int __must_check kstrtoint_from_user(const char __user *s, size_t count, unsigned int base, int *res);
int __must_check kstrtou16_from_user(const char __user *s, size_t count, unsigned int base, u16 *res);
int __must_check kstrtos16_from_user(const char __user *s, size_t count, unsigned int base, s16 *res);
int __must_check kstrtou8_from_user(const char __user *s, size_t count, unsigned int base, u8 *res);
int __must_check kstrtos8_from_user(const char __user *s, size_t count, unsigned int base, s8 *res);
int __must_check kstrtobool_from_user(const char __user *s, size_t count, bool *res);

/* Obsolete: parse a prefix of cp, store where parsing stopped in *endp; no error reporting. */
unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base);
long simple_strtol(const char *cp, char **endp, unsigned int base);
unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base);
long long simple_strtoll(const char *cp, char **endp, unsigned int base);

#ifdef __cplusplus
}
#endif

#endif /* _LINUX_KSTRTOX_H */
