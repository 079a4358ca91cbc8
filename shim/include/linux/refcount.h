/* refcount_t: a reference counter that saturates (and warns) instead of wrapping around. */
#ifndef _LINUX_REFCOUNT_H
#define _LINUX_REFCOUNT_H

#include "linux/types.h"
#include "linux/compiler.h"
#include "linux/atomic.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/bug.h"
#include "linux/limits.h"
#include "linux/spinlock_types.h"
#endif

typedef struct refcount_struct {
	atomic_t refs;
} refcount_t;

#define REFCOUNT_INIT(n)	{ .refs = ATOMIC_INIT(n), }
#define REFCOUNT_MAX		((int)(~0U >> 1))
/* Parked half-way into the negative range, far from both 0 and wrap-around. */
#define REFCOUNT_SATURATED	((-REFCOUNT_MAX - 1) / 2)

enum refcount_saturation_type {
	REFCOUNT_ADD_NOT_ZERO_OVF,
	REFCOUNT_ADD_OVF,
	REFCOUNT_ADD_UAF,
	REFCOUNT_SUB_UAF,
	REFCOUNT_DEC_LEAK,
};

#ifdef __cplusplus
extern "C" {
#endif

/* Reports a refcount misuse (implemented by the kshim runtime). */
void kshim_refcount_warn(const char *what);

#ifdef __cplusplus
}
#endif

static inline void refcount_set(refcount_t *r, int n)
{
	atomic_set(&r->refs, n);
}

static inline void refcount_set_release(refcount_t *r, int n)
{
	atomic_set_release(&r->refs, n);
}

static inline unsigned int refcount_read(const refcount_t *r)
{
	return (unsigned int)atomic_read(&r->refs);
}

/* Pin the counter at REFCOUNT_SATURATED (leaking the object) and report why. */
static inline void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t)
{
	refcount_set(r, REFCOUNT_SATURATED);
	switch (t) {
	case REFCOUNT_ADD_NOT_ZERO_OVF:
	case REFCOUNT_ADD_OVF:
		kshim_refcount_warn("refcount_t: saturated; leaking memory");
		break;
	case REFCOUNT_ADD_UAF:
		kshim_refcount_warn("refcount_t: addition on 0; use-after-free");
		break;
	case REFCOUNT_SUB_UAF:
		kshim_refcount_warn("refcount_t: underflow; use-after-free");
		break;
	case REFCOUNT_DEC_LEAK:
		kshim_refcount_warn("refcount_t: decrement hit 0; leaking memory");
		break;
	default:
		kshim_refcount_warn("refcount_t: unknown saturation event");
		break;
	}
}

/* Sum computed with wrap-around instead of signed overflow. */
static inline int __kshim_refcount_wrap_add(int a, int b)
{
	return (int)((unsigned int)a + (unsigned int)b);
}

/*
 * Add i unless the count is 0; returns whether it did.  A count that is
 * (or would become) negative is saturated.
 */
static inline bool __refcount_add_not_zero(int i, refcount_t *r, int *oldp)
{
	int old = refcount_read(r);

	do {
		if (!old)
			break;
	} while (!atomic_try_cmpxchg(&r->refs, &old, __kshim_refcount_wrap_add(old, i)));

	if (oldp)
		*oldp = old;
	if (unlikely(old < 0 || __kshim_refcount_wrap_add(old, i) < 0))
		refcount_warn_saturate(r, REFCOUNT_ADD_NOT_ZERO_OVF);
	return old != 0;
}

static inline __must_check bool refcount_add_not_zero(int i, refcount_t *r)
{
	return __refcount_add_not_zero(i, r, NULL);
}

static inline __must_check bool __refcount_inc_not_zero(refcount_t *r, int *oldp)
{
	return __refcount_add_not_zero(1, r, oldp);
}

static inline __must_check bool refcount_inc_not_zero(refcount_t *r)
{
	return __refcount_inc_not_zero(r, NULL);
}

/* Add i; adding to 0 is a use-after-free and saturates, as does overflow. */
static inline void __refcount_add(int i, refcount_t *r, int *oldp)
{
	int old = atomic_fetch_add(i, &r->refs);

	if (oldp)
		*oldp = old;
	if (unlikely(!old))
		refcount_warn_saturate(r, REFCOUNT_ADD_UAF);
	else if (unlikely(old < 0 || __kshim_refcount_wrap_add(old, i) < 0))
		refcount_warn_saturate(r, REFCOUNT_ADD_OVF);
}

static inline void refcount_add(int i, refcount_t *r)
{
	__refcount_add(i, r, NULL);
}

static inline void __refcount_inc(refcount_t *r, int *oldp)
{
	__refcount_add(1, r, oldp);
}

static inline void refcount_inc(refcount_t *r)
{
	__refcount_inc(r, NULL);
}

/* Subtract i; true when that dropped the count to exactly 0. */
static inline __must_check bool __refcount_sub_and_test(int i, refcount_t *r, int *oldp)
{
	int old = atomic_fetch_sub(i, &r->refs);

	if (oldp)
		*oldp = old;
	if (old == i) {
		smp_acquire__after_ctrl_dep();
		return true;
	}
	if (unlikely(old < 0 || __kshim_refcount_wrap_add(old, -i) < 0))
		refcount_warn_saturate(r, REFCOUNT_SUB_UAF);
	return false;
}

static inline __must_check bool refcount_sub_and_test(int i, refcount_t *r)
{
	return __refcount_sub_and_test(i, r, NULL);
}

static inline __must_check bool __refcount_dec_and_test(refcount_t *r, int *oldp)
{
	return __refcount_sub_and_test(1, r, oldp);
}

static inline __must_check bool refcount_dec_and_test(refcount_t *r)
{
	return __refcount_dec_and_test(r, NULL);
}

/* Decrement that must not reach 0 (that would leak the object). */
static inline void __refcount_dec(refcount_t *r, int *oldp)
{
	int old = atomic_fetch_sub(1, &r->refs);

	if (oldp)
		*oldp = old;
	if (unlikely(old <= 1))
		refcount_warn_saturate(r, REFCOUNT_DEC_LEAK);
}

static inline void refcount_dec(refcount_t *r)
{
	__refcount_dec(r, NULL);
}

/* 1 -> 0 only; true when it did that. */
static inline __must_check bool refcount_dec_if_one(refcount_t *r)
{
	int val = 1;

	return atomic_try_cmpxchg(&r->refs, &val, 0);
}

/* Decrement unless the count is 1; false (and no change) when it was 1. */
static inline __must_check bool refcount_dec_not_one(refcount_t *r)
{
	int val = atomic_read(&r->refs);
	int next;

	do {
		if (unlikely(val == REFCOUNT_SATURATED))
			return true;
		if (val == 1)
			return false;
		next = __kshim_refcount_wrap_add(val, -1);
		if (next > val) {
			kshim_refcount_warn("refcount_t: underflow; use-after-free");
			return true;
		}
	} while (!atomic_try_cmpxchg(&r->refs, &val, next));

	return true;
}

/*
 * Decrement, and when that reaches 0 return true with the lock held.  These
 * are macros so that this header needs neither mutex.h nor spinlock.h; the
 * caller already includes whichever lock it passes.
 */
#define refcount_dec_and_mutex_lock(r, lock)				\
	({								\
		refcount_t *__kshim_rc_r = (r);				\
		bool __kshim_rc_zero = false;				\
		if (!refcount_dec_not_one(__kshim_rc_r)) {		\
			mutex_lock(lock);				\
			__kshim_rc_zero = refcount_dec_and_test(__kshim_rc_r); \
			if (!__kshim_rc_zero)				\
				mutex_unlock(lock);			\
		}							\
		__kshim_rc_zero;					\
	})

#define refcount_dec_and_lock(r, lock)					\
	({								\
		refcount_t *__kshim_rc_r = (r);				\
		bool __kshim_rc_zero = false;				\
		if (!refcount_dec_not_one(__kshim_rc_r)) {		\
			spin_lock(lock);				\
			__kshim_rc_zero = refcount_dec_and_test(__kshim_rc_r); \
			if (!__kshim_rc_zero)				\
				spin_unlock(lock);			\
		}							\
		__kshim_rc_zero;					\
	})

#define refcount_dec_and_lock_irqsave(r, lock, flags)			\
	({								\
		refcount_t *__kshim_rc_r = (r);				\
		bool __kshim_rc_zero = false;				\
		if (!refcount_dec_not_one(__kshim_rc_r)) {		\
			spin_lock_irqsave(lock, *(flags));		\
			__kshim_rc_zero = refcount_dec_and_test(__kshim_rc_r); \
			if (!__kshim_rc_zero)				\
				spin_unlock_irqrestore(lock, *(flags));	\
		}							\
		__kshim_rc_zero;					\
	})

#endif
