/* sort()/sort_r(): in-place array sort with caller comparison and optional swap callbacks. */
#ifndef _LINUX_SORT_H
#define _LINUX_SORT_H

#include "linux/types.h"

typedef int (*cmp_func_t)(const void *a, const void *b);
typedef void (*swap_func_t)(void *a, void *b, int size);
typedef int (*cmp_r_func_t)(const void *a, const void *b, const void *priv);
typedef void (*swap_r_func_t)(void *a, void *b, int size, const void *priv);

#ifdef __cplusplus
extern "C" {
#endif

/* Not stable.  swap_func may be NULL for a byte-wise exchange. */
void sort(void *base, size_t num, size_t size, cmp_func_t cmp_func, swap_func_t swap_func);
void sort_r(void *base, size_t num, size_t size, cmp_r_func_t cmp_func,
	    swap_r_func_t swap_func, const void *priv);

#ifdef __cplusplus
}
#endif

#endif
