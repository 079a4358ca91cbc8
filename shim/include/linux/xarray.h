/* XArray basics: xa_init(_flags), DEFINE_XARRAY, xa_store/load/erase/insert/cmpxchg, xa_alloc(_cyclic), xa_for_each, value and error entries. */
#ifndef _LINUX_XARRAY_H
#define _LINUX_XARRAY_H

#include "linux/bitmap.h"
#include "linux/bug.h"
#include "linux/compiler.h"
#include "linux/gfp.h"
#include "linux/kernel.h"
#include "linux/rcupdate.h"
#include "linux/spinlock.h"
#include "linux/types.h"
#include "linux/err.h"
#include "linux/limits.h"

/*
 * kshim's xarray is an ordered map from index to entry (not Linux's radix tree of nodes);
 * xa_head points at it, and is NULL exactly when the array is empty. Entries, value entries
 * and error entries follow 6.1's encoding; marks are not provided.
 */
struct xarray {
	spinlock_t	xa_lock;
	gfp_t		xa_flags;
	void __rcu	*xa_head;
};

#define XA_FLAGS_TRACK_FREE	((gfp_t)4U)
#define XA_FLAGS_ZERO_BUSY	((gfp_t)8U)
#define XA_FLAGS_ALLOC_WRAPPED	((gfp_t)16U)
#define XA_FLAGS_ACCOUNT	((gfp_t)32U)
#define XA_FLAGS_LOCK_IRQ	((gfp_t)1U)
#define XA_FLAGS_LOCK_BH	((gfp_t)2U)
#define XA_FLAGS_ALLOC		XA_FLAGS_TRACK_FREE
#define XA_FLAGS_ALLOC1		(XA_FLAGS_TRACK_FREE | XA_FLAGS_ZERO_BUSY)

#define XARRAY_INIT(name, flags) {						\
	.xa_lock = __SPIN_LOCK_INITIALIZER(name.xa_lock),			\
	.xa_flags = flags,							\
	.xa_head = NULL,							\
}
#define DEFINE_XARRAY_FLAGS(name, flags)	struct xarray name = XARRAY_INIT(name, flags)
#define DEFINE_XARRAY(name)			DEFINE_XARRAY_FLAGS(name, 0)
#define DEFINE_XARRAY_ALLOC(name)		DEFINE_XARRAY_FLAGS(name, XA_FLAGS_ALLOC)
#define DEFINE_XARRAY_ALLOC1(name)		DEFINE_XARRAY_FLAGS(name, XA_FLAGS_ALLOC1)

/* Entries: value entries (odd), internal entries (low bits 10), errors among the internal. */
static inline void *xa_mk_value(unsigned long v)
{
	WARN_ON((long)v < 0);
	return (void *)((v << 1) | 1);
}
static inline unsigned long xa_to_value(const void *entry) { return (unsigned long)entry >> 1; }
static inline bool xa_is_value(const void *entry) { return (unsigned long)entry & 1; }
static inline void *xa_mk_internal(unsigned long v) { return (void *)((v << 2) | 2); }
static inline unsigned long xa_to_internal(const void *entry) { return (unsigned long)entry >> 2; }
static inline bool xa_is_internal(const void *entry) { return ((unsigned long)entry & 3) == 2; }
static inline bool xa_is_err(const void *entry)
{
	return unlikely(xa_is_internal(entry) && entry >= xa_mk_internal(-MAX_ERRNO));
}
/* The errno in an error entry (xa_store's -ENOMEM or -EINVAL), 0 for any other entry. */
static inline int xa_err(void *entry)
{
	return xa_is_err(entry) ? (int)((long)entry >> 2) : 0;
}
#define XA_ZERO_ENTRY	xa_mk_internal(257)
static inline bool xa_is_zero(const void *entry) { return unlikely(entry == XA_ZERO_ENTRY); }

struct xa_limit {
	u32 max;
	u32 min;
};
#define XA_LIMIT(_min, _max)	(struct xa_limit) { .max = _max, .min = _min }
#define xa_limit_32b		XA_LIMIT(0, UINT_MAX)
#define xa_limit_31b		XA_LIMIT(0, INT_MAX)
#define xa_limit_16b		XA_LIMIT(0, USHRT_MAX)

typedef unsigned xa_mark_t;
#define XA_PRESENT	((xa_mark_t)8U)

#ifdef __cplusplus
extern "C" {
#endif
/* All need no context in kshim (xa_lock is taken by the locking forms only); allocation with
 * a blocking gfp may sleep in Linux. */
void *xa_load(struct xarray *xa, unsigned long index);
void *__xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
void *__xa_erase(struct xarray *xa, unsigned long index);
void *__xa_cmpxchg(struct xarray *xa, unsigned long index, void *old, void *entry, gfp_t gfp);
int __xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
int __xa_alloc(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit, gfp_t gfp);
int __xa_alloc_cyclic(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit, u32 *next, gfp_t gfp);
/* The first present entry at an index in [*index, max] (after *index for xa_find_after);
 * *index is set to it. NULL when there is none. */
void *xa_find(struct xarray *xa, unsigned long *index, unsigned long max, xa_mark_t filter);
void *xa_find_after(struct xarray *xa, unsigned long *index, unsigned long max, xa_mark_t filter);
void xa_destroy(struct xarray *xa);
#ifdef __cplusplus
}
#endif

static inline void xa_init_flags(struct xarray *xa, gfp_t flags)
{
	spin_lock_init(&xa->xa_lock);
	xa->xa_flags = flags;
	xa->xa_head = NULL;
}

static inline void xa_init(struct xarray *xa)
{
	xa_init_flags(xa, 0);
}

static inline bool xa_empty(const struct xarray *xa)
{
	return xa->xa_head == NULL;
}

#define xa_lock(xa)		spin_lock(&(xa)->xa_lock)
#define xa_unlock(xa)		spin_unlock(&(xa)->xa_lock)
#define xa_lock_bh(xa)		spin_lock_bh(&(xa)->xa_lock)
#define xa_unlock_bh(xa)	spin_unlock_bh(&(xa)->xa_lock)
#define xa_lock_irq(xa)		spin_lock_irq(&(xa)->xa_lock)
#define xa_unlock_irq(xa)	spin_unlock_irq(&(xa)->xa_lock)
#define xa_lock_irqsave(xa, flags)	spin_lock_irqsave(&(xa)->xa_lock, flags)
#define xa_unlock_irqrestore(xa, flags)	spin_unlock_irqrestore(&(xa)->xa_lock, flags)

/* The locking forms: the array's lock around the __xa_* engine. */
#define __kshim_xa_locked(xa, expr)						\
	({ __typeof__(expr) __xr; xa_lock(xa); __xr = (expr); xa_unlock(xa); __xr; })

/* Returns the old entry (NULL if none), or an error entry: check with xa_err(). */
static inline void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	return __kshim_xa_locked(xa, __xa_store(xa, index, entry, gfp));
}

static inline void *xa_erase(struct xarray *xa, unsigned long index)
{
	return __kshim_xa_locked(xa, __xa_erase(xa, index));
}

/* Stores entry if the current one is old; returns the entry that was there. */
static inline void *xa_cmpxchg(struct xarray *xa, unsigned long index, void *old, void *entry, gfp_t gfp)
{
	return __kshim_xa_locked(xa, __xa_cmpxchg(xa, index, old, entry, gfp));
}

/* 0, -EBUSY if index is in use, -EINVAL or -ENOMEM. */
static inline int xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	return __kshim_xa_locked(xa, __xa_insert(xa, index, entry, gfp));
}

/* The lowest free index in limit (an XA_FLAGS_ALLOC array): 0 and *id, or -EBUSY when full. */
static inline int xa_alloc(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit, gfp_t gfp)
{
	return __kshim_xa_locked(xa, __xa_alloc(xa, id, entry, limit, gfp));
}

/* From *next on, wrapping once: 0, 1 if it wrapped, or -EBUSY. */
static inline int xa_alloc_cyclic(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit,
				  u32 *next, gfp_t gfp)
{
	return __kshim_xa_locked(xa, __xa_alloc_cyclic(xa, id, entry, limit, next, gfp));
}

/* Reserves index: loads as NULL, counts as used for xa_insert and xa_alloc. */
static inline int xa_reserve(struct xarray *xa, unsigned long index, gfp_t gfp)
{
	return xa_err(xa_cmpxchg(xa, index, NULL, XA_ZERO_ENTRY, gfp));
}

static inline void xa_release(struct xarray *xa, unsigned long index)
{
	xa_cmpxchg(xa, index, XA_ZERO_ENTRY, NULL, 0);
}

#define xa_for_each_range(xa, index, entry, start, last)			\
	for (index = start, entry = xa_find(xa, &index, last, XA_PRESENT);	\
	     entry; entry = xa_find_after(xa, &index, last, XA_PRESENT))
#define xa_for_each_start(xa, index, entry, start)				\
	xa_for_each_range(xa, index, entry, start, ULONG_MAX)
#define xa_for_each(xa, index, entry)	xa_for_each_start(xa, index, entry, 0)

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/sched.h"
#endif

#endif
