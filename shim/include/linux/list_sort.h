/* Sorting a list_head list (Linux 6.1's <linux/list_sort.h>): stable, by a comparison function. */
#ifndef _LINUX_LIST_SORT_H
#define _LINUX_LIST_SORT_H

#include "linux/types.h"

struct list_head;

/* > 0: a sorts after b; <= 0: a stays before b (equal elements keep their order). */
typedef int __attribute__((nonnull(2, 3))) (*list_cmp_func_t)(void *, const struct list_head *,
							       const struct list_head *);

#ifdef __cplusplus
extern "C" {
#endif

/* Sorts head's entries in place; cmp gets priv. Stable. Atomic-safe if cmp is; may allocate. */
__attribute__((nonnull(2, 3))) void list_sort(void *priv, struct list_head *head, list_cmp_func_t cmp);

#ifdef __cplusplus
}
#endif

#endif
