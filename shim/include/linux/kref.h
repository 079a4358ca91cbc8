/* kref: embedded reference count whose last put calls a release function. */
#ifndef _LINUX_KREF_H
#define _LINUX_KREF_H

#include "linux/types.h"
#include "linux/compiler.h"
#include "linux/refcount.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/spinlock.h"
#endif

struct kref {
	refcount_t refcount;
};

#define KREF_INIT(n)	{ .refcount = REFCOUNT_INIT(n), }

static inline void kref_init(struct kref *kref)
{
	refcount_set(&kref->refcount, 1);
}

static inline unsigned int kref_read(const struct kref *kref)
{
	return refcount_read(&kref->refcount);
}

static inline void kref_get(struct kref *kref)
{
	refcount_inc(&kref->refcount);
}

/* Drop a reference; on the last one call release and return 1, else return 0. */
static inline int kref_put(struct kref *kref, void (*release)(struct kref *kref))
{
	if (refcount_dec_and_test(&kref->refcount)) {
		release(kref);
		return 1;
	}
	return 0;
}

/* Take a reference only while the object is still live (count not 0). */
static inline int __must_check kref_get_unless_zero(struct kref *kref)
{
	return refcount_inc_not_zero(&kref->refcount);
}

/*
 * kref_put_mutex()/kref_put_lock(): on the last put, release runs with the
 * lock held (release must drop it).  Macros, like the refcount helpers they
 * use, so the lock headers are only needed by callers.
 */
#define kref_put_mutex(kref, release, lock)				\
	({								\
		struct kref *__kshim_kr = (kref);			\
		int __kshim_kr_last = 0;				\
		if (refcount_dec_and_mutex_lock(&__kshim_kr->refcount, lock)) { \
			(release)(__kshim_kr);				\
			__kshim_kr_last = 1;				\
		}							\
		__kshim_kr_last;					\
	})

#define kref_put_lock(kref, release, lock)				\
	({								\
		struct kref *__kshim_kr = (kref);			\
		int __kshim_kr_last = 0;				\
		if (refcount_dec_and_lock(&__kshim_kr->refcount, lock)) { \
			(release)(__kshim_kr);				\
			__kshim_kr_last = 1;				\
		}							\
		__kshim_kr_last;					\
	})

#endif
