/* String and memory functions: the libc ones (bound to glibc) plus the kernel-only ones (strscpy, ...). */
#ifndef _LINUX_STRING_H_
#define _LINUX_STRING_H_

#include "linux/types.h"
#include "linux/compiler.h"
#include "linux/errno.h"
#include "linux/stddef.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/err.h"
#include "linux/overflow.h"
#include "linux/stdarg.h"
#include "linux/stringify.h"
#include "linux/bug.h"
#endif

#ifdef __cplusplus
/*
 * C++ code (runtime, tests) may include glibc's <string.h> before or after
 * this header, and glibc declares C++ const-overloads of strchr & co, so C++
 * takes the libc part from glibc itself and gets only kernel-only names here.
 */
#include <string.h>
#include <strings.h>
extern "C" {
#else
/* C (modules, -nostdinc): the libc part, declared exactly as glibc does. */
void *memcpy(void *__restrict dest, const void *__restrict src, size_t n);
void *memmove(void *dest, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *s1, const void *s2, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
char *strcpy(char *__restrict dest, const char *__restrict src);
char *strncpy(char *__restrict dest, const char *__restrict src, size_t n);
char *strcat(char *__restrict dest, const char *__restrict src);
char *strncat(char *__restrict dest, const char *__restrict src, size_t n);
int strcmp(const char *s1, const char *s2);
int strncmp(const char *s1, const char *s2, size_t n);
int strcasecmp(const char *s1, const char *s2);
int strncasecmp(const char *s1, const char *s2, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strchrnul(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
char *strsep(char **__restrict stringp, const char *__restrict delim);
char *strpbrk(const char *s, const char *accept);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
#endif

/* ---- kernel-only functions (libkshim) ---- */

/* Copy with guaranteed NUL termination; -E2BIG when src did not fit (dest holds a truncated copy). */
ssize_t strscpy(char *dest, const char *src, size_t count);
/* strscpy() that also zero-fills the rest of dest. */
ssize_t strscpy_pad(char *dest, const char *src, size_t count);
/*
 * strlcpy/strlcat: return the length they tried to create.  glibc 2.38 added
 * both with the same meaning; C++ code then uses glibc's declarations.
 */
#if !defined(__cplusplus) || !defined(__GLIBC_PREREQ)
size_t strlcpy(char *dest, const char *src, size_t size);
size_t strlcat(char *dest, const char *src, size_t count);
#elif !__GLIBC_PREREQ(2, 38)
size_t strlcpy(char *dest, const char *src, size_t size);
size_t strlcat(char *dest, const char *src, size_t count);
#endif
char *strnstr(const char *haystack, const char *needle, size_t len);
char *strnchr(const char *s, size_t count, int c);
char *strnchrnul(const char *s, size_t count, int c);
void *memscan(void *addr, int c, size_t size);
/* Strip leading and trailing white space in place; returns the new start. */
char *strim(char *s);
char *skip_spaces(const char *str);
/* Equal, except that one trailing newline on either side is ignored. */
bool sysfs_streq(const char *s1, const char *s2);
/* Index of string in array[0..n), or -EINVAL; a NULL entry ends the array early. */
int match_string(const char *const *array, size_t n, const char *string);
int __sysfs_match_string(const char *const *array, size_t n, const char *s);
/* First byte that is not c, or NULL when all n bytes are c. */
void *memchr_inv(const void *s, int c, size_t n);
/* Replace every from with to; returns a pointer to the terminating NUL. */
char *strreplace(char *s, char from, char to);

/* Allocating helpers (implemented with kmalloc/kfree by the runtime). */
char *kstrdup(const char *s, gfp_t gfp) __malloc;
const char *kstrdup_const(const char *s, gfp_t gfp);
char *kstrndup(const char *s, size_t max, gfp_t gfp);
void kfree_const(const void *x);
void *kmemdup(const void *src, size_t len, gfp_t gfp);
char *kmemdup_nul(const char *s, size_t len, gfp_t gfp);
void *kvmemdup(const void *src, size_t len, gfp_t gfp);
void *memdup_user(const void __user *src, size_t len);
void *vmemdup_user(const void __user *src, size_t len);
void *memdup_user_nul(const void __user *src, size_t len);
char *strndup_user(const char __user *s, long n);
char **argv_split(gfp_t gfp, const char *str, int *argcp);
void argv_free(char **argv);

#ifdef __cplusplus
}
#endif

/* ---- inline helpers ---- */

/* memset that the compiler may not drop even if the buffer is dead afterwards. */
static inline void memzero_explicit(void *s, size_t count)
{
	__builtin_memset(s, 0, count);
	barrier_data(s);
}

static inline __must_check char *strstrip(char *str)
{
	return strim(str);
}

/* Length of prefix when str starts with it, else 0. */
static inline size_t str_has_prefix(const char *str, const char *prefix)
{
	size_t len = __builtin_strlen(prefix);

	return __builtin_strncmp(str, prefix, len) == 0 ? len : 0;
}

/* Copy count bytes of src into dest (of dest_len bytes) and fill the rest with pad. */
static inline void memcpy_and_pad(void *dest, size_t dest_len, const void *src,
				  size_t count, int pad)
{
	if (dest_len > count) {
		__builtin_memcpy(dest, src, count);
		__builtin_memset((char *)dest + count, pad, dest_len - count);
	} else {
		__builtin_memcpy(dest, src, dest_len);
	}
}

#define sysfs_match_string(_a, _s) \
	__sysfs_match_string(_a, sizeof(_a) / sizeof((_a)[0]), _s)

/* Zero the members of obj after (or from) member to the end of the object. */
#define memset_after(obj, v, member)					\
	({								\
		__builtin_memset((char *)(obj) + offsetofend(__typeof__(*(obj)), member), \
				 v, sizeof(*(obj)) -			\
				 offsetofend(__typeof__(*(obj)), member)); \
	})
#define memset_startat(obj, v, member)					\
	({								\
		__builtin_memset((char *)(obj) + offsetof(__typeof__(*(obj)), member), \
				 v, sizeof(*(obj)) -			\
				 offsetof(__typeof__(*(obj)), member));	\
	})

/* Copy a C string into a fixed-size char array, padding with pad (no NUL needed). */
#define strtomem_pad(dest, src, pad)					\
	do {								\
		const size_t __kshim_dl = sizeof(dest);			\
		const char *__kshim_s = (src);				\
		size_t __kshim_n = __builtin_strlen(__kshim_s);		\
		memcpy_and_pad(dest, __kshim_dl, __kshim_s,		\
			       __kshim_n < __kshim_dl ? __kshim_n : __kshim_dl, pad); \
	} while (0)
#define strtomem(dest, src)						\
	do {								\
		const size_t __kshim_dl = sizeof(dest);			\
		const char *__kshim_s = (src);				\
		size_t __kshim_n = __builtin_strlen(__kshim_s);		\
		__builtin_memcpy(dest, __kshim_s,			\
				 __kshim_n < __kshim_dl ? __kshim_n : __kshim_dl); \
	} while (0)

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/jump_label.h"
#endif

#endif
