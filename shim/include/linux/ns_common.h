/* The part every namespace shares: its proc inode number and reference count. */
#ifndef _LINUX_NS_COMMON_H
#define _LINUX_NS_COMMON_H

#include "linux/refcount.h"

struct proc_ns_operations;

struct ns_common {
	atomic_long_t stashed;
	const struct proc_ns_operations *ops;
	unsigned int inum;
	refcount_t count;
};

#endif
