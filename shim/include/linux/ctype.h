/* Character classes (isdigit, isspace, ...) and case mapping, ASCII only, as the kernel defines them. */
#ifndef _LINUX_CTYPE_H
#define _LINUX_CTYPE_H

#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/compiler.h"
#endif

/*
 * The kernel versions take any int and look only at its low 8 bits, so a
 * plain (possibly negative) char is fine; bytes 128-255 belong to no class.
 * They are always available under __kshim_ names.  C gets the usual names as
 * macros; C++ code, which may see glibc's <ctype.h>, keeps glibc's functions
 * (identical for ASCII in the "C" locale).
 */
static inline int __kshim_isupper(int c) { c &= 0xff; return c >= 'A' && c <= 'Z'; }
static inline int __kshim_islower(int c) { c &= 0xff; return c >= 'a' && c <= 'z'; }
static inline int __kshim_isalpha(int c) { return __kshim_isupper(c) || __kshim_islower(c); }
static inline int __kshim_isdigit(int c) { c &= 0xff; return c >= '0' && c <= '9'; }
static inline int __kshim_isalnum(int c) { return __kshim_isalpha(c) || __kshim_isdigit(c); }
static inline int __kshim_isxdigit(int c)
{
	int l = c & 0xff;

	return __kshim_isdigit(l) || (l >= 'a' && l <= 'f') || (l >= 'A' && l <= 'F');
}
/* Space, \t, \n, \v, \f and \r. */
static inline int __kshim_isspace(int c)
{
	c &= 0xff;
	return c == ' ' || (c >= '\t' && c <= '\r');
}
static inline int __kshim_iscntrl(int c) { c &= 0xff; return c < 0x20 || c == 0x7f; }
static inline int __kshim_isprint(int c) { c &= 0xff; return c >= 0x20 && c < 0x7f; }
static inline int __kshim_isgraph(int c) { c &= 0xff; return c > 0x20 && c < 0x7f; }
static inline int __kshim_ispunct(int c) { return __kshim_isgraph(c) && !__kshim_isalnum(c); }
static inline int __kshim_isascii(int c) { return ((unsigned char)c) <= 0x7f; }
static inline int __kshim_toascii(int c) { return ((unsigned char)c) & 0x7f; }

/* Case mapping keeps everything but A-Z / a-z (as an unsigned char value). */
static inline unsigned char __kshim_tolower(unsigned char c)
{
	return __kshim_isupper(c) ? (unsigned char)(c - 'A' + 'a') : c;
}
static inline unsigned char __kshim_toupper(unsigned char c)
{
	return __kshim_islower(c) ? (unsigned char)(c - 'a' + 'A') : c;
}

/* Kernel-only helpers, available in C and C++. */

/* Lower-cases an ASCII letter by setting bit 5; only meaningful for letters. */
static inline char _tolower(const char c)
{
	return (char)(c | 0x20);
}

/* True for '0'..'7'. */
static inline int isodigit(const char c)
{
	return c >= '0' && c <= '7';
}

#ifndef __cplusplus
#define isupper(c)	__kshim_isupper(c)
#define islower(c)	__kshim_islower(c)
#define isalpha(c)	__kshim_isalpha(c)
#define isdigit(c)	__kshim_isdigit(c)
#define isalnum(c)	__kshim_isalnum(c)
#define isxdigit(c)	__kshim_isxdigit(c)
#define isspace(c)	__kshim_isspace(c)
#define iscntrl(c)	__kshim_iscntrl(c)
#define isprint(c)	__kshim_isprint(c)
#define isgraph(c)	__kshim_isgraph(c)
#define ispunct(c)	__kshim_ispunct(c)
#define isascii(c)	__kshim_isascii(c)
#define toascii(c)	__kshim_toascii(c)
#define tolower(c)	__kshim_tolower(c)
#define toupper(c)	__kshim_toupper(c)
#endif

#endif
