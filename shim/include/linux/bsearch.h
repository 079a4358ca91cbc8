/* bsearch(): binary search in a sorted array (libkshim's, never libc's). */
#ifndef _LINUX_BSEARCH_H
#define _LINUX_BSEARCH_H

#include "linux/types.h"

typedef int (*cmp_func_t)(const void *a, const void *b);

/* cmp(key, element) returns <0, 0 or >0; the result is a matching element or NULL. */
static inline void *__inline_bsearch(const void *key, const void *base, size_t num,
				     size_t size, cmp_func_t cmp)
{
	const char *pivot;
	int result;

	while (num > 0) {
		pivot = (const char *)base + (num >> 1) * size;
		result = cmp(key, pivot);
		if (result == 0)
			return (void *)pivot;
		if (result > 0) {
			base = pivot + size;
			num--;
		}
		num >>= 1;
	}
	return NULL;
}

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The kernel's bsearch has libc's signature; the symbol is renamed so a
 * module always reaches libkshim's copy.  C++ code, which may also see
 * glibc's bsearch, calls kshim_bsearch by name.
 */
void *kshim_bsearch(const void *key, const void *base, size_t num, size_t size,
		    cmp_func_t cmp);
#ifndef __cplusplus
void *bsearch(const void *key, const void *base, size_t num, size_t size,
	      cmp_func_t cmp) __asm__("kshim_bsearch");
#endif

#ifdef __cplusplus
}
#endif

#endif
