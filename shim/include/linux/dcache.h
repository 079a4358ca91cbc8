/* Directory entries: struct qstr and struct dentry (the fields modules read). */
#ifndef __LINUX_DCACHE_H
#define __LINUX_DCACHE_H

#include "linux/atomic.h"
#include "linux/list.h"
#include "linux/math.h"
#include "linux/rcupdate.h"
#include "linux/spinlock.h"
#include "linux/cache.h"
#include "linux/lockref.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/mutex.h"
#include "linux/hash.h"
#include "linux/wait.h"
#endif

#define DNAME_INLINE_LEN 32

struct inode;
struct super_block;
struct dentry_operations;

/* A name with its hash and length. */
struct qstr {
	union {
		struct {
			u32 hash;
			u32 len;
		};
		u64 hash_len;
	};
	const unsigned char *name;
};

#define QSTR_INIT(n, l) { { { .hash = 0, .len = l } }, .name = n }

struct dentry {
	unsigned int d_flags;
	unsigned int d_seq;
	struct hlist_node d_hash;
	struct dentry *d_parent;
	struct qstr d_name;
	struct inode *d_inode;
	unsigned char d_iname[DNAME_INLINE_LEN];
	struct lockref d_lockref;
	const struct dentry_operations *d_op;
	struct super_block *d_sb;
	unsigned long d_time;
	void *d_fsdata;
	struct list_head d_child;
	struct list_head d_subdirs;
};

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/seqlock.h"
#endif

#endif
