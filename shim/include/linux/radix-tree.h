/* The radix tree API as 6.1 keeps it: a struct radix_tree_root is an xarray (insert, lookup, delete, empty). */
#ifndef _LINUX_RADIX_TREE_H
#define _LINUX_RADIX_TREE_H

#include "linux/bitops.h"
#include "linux/gfp.h"
#include "linux/list.h"
#include "linux/lockdep.h"
#include "linux/math.h"
#include "linux/percpu.h"
#include "linux/preempt.h"
#include "linux/rcupdate.h"
#include "linux/spinlock.h"
#include "linux/types.h"
#include "linux/xarray.h"

#define radix_tree_root		xarray
#define RADIX_TREE_INIT(name, mask)	XARRAY_INIT(name, mask)
#define RADIX_TREE(name, mask)	struct radix_tree_root name = RADIX_TREE_INIT(name, mask)
#define INIT_RADIX_TREE(root, mask)	xa_init_flags(root, mask)

static inline bool radix_tree_empty(const struct radix_tree_root *root)
{
	return xa_empty(root);
}

/* 0, or -EEXIST if index is in use (the caller serialises changes). */
static inline int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item)
{
	int err = __xa_insert(root, index, item, GFP_ATOMIC);

	return err == -EBUSY ? -EEXIST : err;
}

static inline void *radix_tree_lookup(const struct radix_tree_root *root, unsigned long index)
{
	return xa_load((struct xarray *)root, index);
}

static inline void *radix_tree_delete(struct radix_tree_root *root, unsigned long index)
{
	return __xa_erase(root, index);
}

#endif
