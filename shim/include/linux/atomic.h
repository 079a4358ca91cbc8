/* atomic_t, atomic64_t and atomic_long_t operations plus cmpxchg()/xchg(), on GCC __atomic builtins. */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include "linux/types.h"
#include "linux/compiler.h"
#include "asm/barrier.h"
#include "kshim/internal/preempt_point.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "asm/atomic.h"
#endif

#define ATOMIC_INIT(i)		{ (i) }
#define ATOMIC64_INIT(i)	{ (i) }
#define ATOMIC_LONG_INIT(i)	ATOMIC64_INIT(i)

/*
 * Every read-modify-write here is sequentially consistent, which satisfies
 * the _relaxed/_acquire/_release variants too; plain read/set are relaxed,
 * the _acquire reads and _release writes are what they say. Each read-modify-write
 * is a preemption point of the exploring scheduler (a no-op branch under FIFO).
 *
 * One generator makes the whole family for a type:
 *   pfx   - name prefix (atomic, atomic64, atomic_long)
 *   atype - the atomic struct type
 *   vtype - the value type in the API (int, s64, long)
 *   ctype - the type of the counter field
 */
#define __KSHIM_SC __ATOMIC_SEQ_CST

#define __KSHIM_ATOMIC_FAMILY(pfx, atype, vtype, ctype)				\
static inline vtype pfx##_read(const atype *v)					\
{ return (vtype)__atomic_load_n(&v->counter, __ATOMIC_RELAXED); }		\
static inline vtype pfx##_read_acquire(const atype *v)				\
{ return (vtype)__atomic_load_n(&v->counter, __ATOMIC_ACQUIRE); }		\
static inline void pfx##_set(atype *v, vtype i)					\
{ __atomic_store_n(&v->counter, (ctype)i, __ATOMIC_RELAXED); }			\
static inline void pfx##_set_release(atype *v, vtype i)				\
{ __atomic_store_n(&v->counter, (ctype)i, __ATOMIC_RELEASE); }			\
static inline void pfx##_add(vtype i, atype *v)					\
{ __kshim_preempt_point(KSHIM_PREEMPT_ATOMIC); __atomic_fetch_add(&v->counter, (ctype)i, __KSHIM_SC); }			\
static inline void pfx##_sub(vtype i, atype *v)					\
{ __kshim_preempt_point(KSHIM_PREEMPT_ATOMIC); __atomic_fetch_sub(&v->counter, (ctype)i, __KSHIM_SC); }			\
static inline void pfx##_inc(atype *v)						\
{ __kshim_preempt_point(KSHIM_PREEMPT_ATOMIC); __atomic_fetch_add(&v->counter, 1, __KSHIM_SC); }				\
static inline void pfx##_dec(atype *v)						\
{ __kshim_preempt_point(KSHIM_PREEMPT_ATOMIC); __atomic_fetch_sub(&v->counter, 1, __KSHIM_SC); }				\
static inline void pfx##_and(vtype i, atype *v)					\
{ __kshim_preempt_point(KSHIM_PREEMPT_ATOMIC); __atomic_fetch_and(&v->counter, (ctype)i, __KSHIM_SC); }			\
static inline void pfx##_andnot(vtype i, atype *v)				\
{ __kshim_preempt_point(KSHIM_PREEMPT_ATOMIC); __atomic_fetch_and(&v->counter, (ctype)~i, __KSHIM_SC); }			\
static inline void pfx##_or(vtype i, atype *v)					\
{ __kshim_preempt_point(KSHIM_PREEMPT_ATOMIC); __atomic_fetch_or(&v->counter, (ctype)i, __KSHIM_SC); }			\
static inline void pfx##_xor(vtype i, atype *v)					\
{ __kshim_preempt_point(KSHIM_PREEMPT_ATOMIC); __atomic_fetch_xor(&v->counter, (ctype)i, __KSHIM_SC); }			\
static inline vtype pfx##_add_return(vtype i, atype *v)				\
{ __kshim_preempt_point(KSHIM_PREEMPT_ATOMIC); return (vtype)__atomic_add_fetch(&v->counter, (ctype)i, __KSHIM_SC); }	\
static inline vtype pfx##_sub_return(vtype i, atype *v)				\
{ __kshim_preempt_point(KSHIM_PREEMPT_ATOMIC); return (vtype)__atomic_sub_fetch(&v->counter, (ctype)i, __KSHIM_SC); }	\
static inline vtype pfx##_inc_return(atype *v)					\
{ __kshim_preempt_point(KSHIM_PREEMPT_ATOMIC); return (vtype)__atomic_add_fetch(&v->counter, 1, __KSHIM_SC); }		\
static inline vtype pfx##_dec_return(atype *v)					\
{ __kshim_preempt_point(KSHIM_PREEMPT_ATOMIC); return (vtype)__atomic_sub_fetch(&v->counter, 1, __KSHIM_SC); }		\
static inline vtype pfx##_fetch_add(vtype i, atype *v)				\
{ __kshim_preempt_point(KSHIM_PREEMPT_ATOMIC); return (vtype)__atomic_fetch_add(&v->counter, (ctype)i, __KSHIM_SC); }	\
static inline vtype pfx##_fetch_sub(vtype i, atype *v)				\
{ __kshim_preempt_point(KSHIM_PREEMPT_ATOMIC); return (vtype)__atomic_fetch_sub(&v->counter, (ctype)i, __KSHIM_SC); }	\
static inline vtype pfx##_fetch_inc(atype *v)					\
{ __kshim_preempt_point(KSHIM_PREEMPT_ATOMIC); return (vtype)__atomic_fetch_add(&v->counter, 1, __KSHIM_SC); }		\
static inline vtype pfx##_fetch_dec(atype *v)					\
{ __kshim_preempt_point(KSHIM_PREEMPT_ATOMIC); return (vtype)__atomic_fetch_sub(&v->counter, 1, __KSHIM_SC); }		\
static inline vtype pfx##_fetch_and(vtype i, atype *v)				\
{ __kshim_preempt_point(KSHIM_PREEMPT_ATOMIC); return (vtype)__atomic_fetch_and(&v->counter, (ctype)i, __KSHIM_SC); }	\
static inline vtype pfx##_fetch_andnot(vtype i, atype *v)			\
{ __kshim_preempt_point(KSHIM_PREEMPT_ATOMIC); return (vtype)__atomic_fetch_and(&v->counter, (ctype)~i, __KSHIM_SC); }	\
static inline vtype pfx##_fetch_or(vtype i, atype *v)				\
{ __kshim_preempt_point(KSHIM_PREEMPT_ATOMIC); return (vtype)__atomic_fetch_or(&v->counter, (ctype)i, __KSHIM_SC); }		\
static inline vtype pfx##_fetch_xor(vtype i, atype *v)				\
{ __kshim_preempt_point(KSHIM_PREEMPT_ATOMIC); return (vtype)__atomic_fetch_xor(&v->counter, (ctype)i, __KSHIM_SC); }	\
static inline vtype pfx##_xchg(atype *v, vtype i)				\
{ __kshim_preempt_point(KSHIM_PREEMPT_ATOMIC); return (vtype)__atomic_exchange_n(&v->counter, (ctype)i, __KSHIM_SC); }	\
/* Stores i when the counter equals old; always returns the value it saw. */	\
static inline vtype pfx##_cmpxchg(atype *v, vtype old, vtype i)			\
{										\
	ctype seen = (ctype)old;						\
	__kshim_preempt_point(KSHIM_PREEMPT_ATOMIC);			\
	__atomic_compare_exchange_n(&v->counter, &seen, (ctype)i, 0,		\
				    __KSHIM_SC, __KSHIM_SC);			\
	return (vtype)seen;							\
}										\
/* Like cmpxchg, but reports success and on failure updates *old. */		\
static inline bool pfx##_try_cmpxchg(atype *v, vtype *old, vtype i)		\
{										\
	ctype seen = (ctype)*old;						\
	__kshim_preempt_point(KSHIM_PREEMPT_ATOMIC);			\
	bool ok = __atomic_compare_exchange_n(&v->counter, &seen, (ctype)i, 0,	\
					      __KSHIM_SC, __KSHIM_SC);		\
	if (!ok)								\
		*old = (vtype)seen;						\
	return ok;								\
}										\
static inline bool pfx##_sub_and_test(vtype i, atype *v)			\
{ return pfx##_sub_return(i, v) == 0; }						\
static inline bool pfx##_dec_and_test(atype *v)					\
{ return pfx##_dec_return(v) == 0; }						\
static inline bool pfx##_inc_and_test(atype *v)					\
{ return pfx##_inc_return(v) == 0; }						\
static inline bool pfx##_add_negative(vtype i, atype *v)			\
{ return pfx##_add_return(i, v) < 0; }						\
/* Adds a unless the counter is u; returns the value before. */		\
static inline vtype pfx##_fetch_add_unless(atype *v, vtype a, vtype u)		\
{										\
	vtype c = pfx##_read(v);						\
	do {									\
		if (c == u)							\
			break;							\
	} while (!pfx##_try_cmpxchg(v, &c, (vtype)(c + a)));			\
	return c;								\
}										\
static inline bool pfx##_add_unless(atype *v, vtype a, vtype u)			\
{ return pfx##_fetch_add_unless(v, a, u) != u; }				\
static inline bool pfx##_inc_not_zero(atype *v)					\
{ return pfx##_add_unless(v, 1, 0); }						\
static inline bool pfx##_inc_unless_negative(atype *v)				\
{										\
	vtype c = pfx##_read(v);						\
	do {									\
		if (c < 0)							\
			return false;						\
	} while (!pfx##_try_cmpxchg(v, &c, (vtype)(c + 1)));			\
	return true;								\
}										\
static inline bool pfx##_dec_unless_positive(atype *v)				\
{										\
	vtype c = pfx##_read(v);						\
	do {									\
		if (c > 0)							\
			return false;						\
	} while (!pfx##_try_cmpxchg(v, &c, (vtype)(c - 1)));			\
	return true;								\
}										\
/* Decrements only if the result stays >= 0; returns old value - 1 either way. */ \
static inline vtype pfx##_dec_if_positive(atype *v)				\
{										\
	vtype c = pfx##_read(v);						\
	vtype dec;								\
	do {									\
		dec = (vtype)(c - 1);						\
		if (dec < 0)							\
			break;							\
	} while (!pfx##_try_cmpxchg(v, &c, dec));				\
	return dec;								\
}

__KSHIM_ATOMIC_FAMILY(atomic, atomic_t, int, int)
__KSHIM_ATOMIC_FAMILY(atomic64, atomic64_t, s64, s64)
__KSHIM_ATOMIC_FAMILY(atomic_long, atomic_long_t, long, s64)

/* Ordering-suffixed names: the seq_cst implementations are strong enough for all of them. */
#define atomic_add_return_relaxed	atomic_add_return
#define atomic_add_return_acquire	atomic_add_return
#define atomic_add_return_release	atomic_add_return
#define atomic_sub_return_relaxed	atomic_sub_return
#define atomic_sub_return_acquire	atomic_sub_return
#define atomic_sub_return_release	atomic_sub_return
#define atomic_inc_return_relaxed	atomic_inc_return
#define atomic_inc_return_acquire	atomic_inc_return
#define atomic_inc_return_release	atomic_inc_return
#define atomic_dec_return_relaxed	atomic_dec_return
#define atomic_dec_return_acquire	atomic_dec_return
#define atomic_dec_return_release	atomic_dec_return
#define atomic_fetch_add_relaxed	atomic_fetch_add
#define atomic_fetch_add_acquire	atomic_fetch_add
#define atomic_fetch_add_release	atomic_fetch_add
#define atomic_fetch_sub_relaxed	atomic_fetch_sub
#define atomic_fetch_sub_acquire	atomic_fetch_sub
#define atomic_fetch_sub_release	atomic_fetch_sub
#define atomic_fetch_inc_relaxed	atomic_fetch_inc
#define atomic_fetch_dec_relaxed	atomic_fetch_dec
#define atomic_fetch_and_relaxed	atomic_fetch_and
#define atomic_fetch_or_relaxed		atomic_fetch_or
#define atomic_fetch_xor_relaxed	atomic_fetch_xor
#define atomic_fetch_andnot_relaxed	atomic_fetch_andnot
#define atomic_xchg_relaxed		atomic_xchg
#define atomic_xchg_acquire		atomic_xchg
#define atomic_xchg_release		atomic_xchg
#define atomic_cmpxchg_relaxed		atomic_cmpxchg
#define atomic_cmpxchg_acquire		atomic_cmpxchg
#define atomic_cmpxchg_release		atomic_cmpxchg
#define atomic_try_cmpxchg_relaxed	atomic_try_cmpxchg
#define atomic_try_cmpxchg_acquire	atomic_try_cmpxchg
#define atomic_try_cmpxchg_release	atomic_try_cmpxchg

#define atomic64_add_return_relaxed	atomic64_add_return
#define atomic64_sub_return_relaxed	atomic64_sub_return
#define atomic64_inc_return_relaxed	atomic64_inc_return
#define atomic64_dec_return_relaxed	atomic64_dec_return
#define atomic64_fetch_add_relaxed	atomic64_fetch_add
#define atomic64_fetch_sub_relaxed	atomic64_fetch_sub
#define atomic64_fetch_sub_release	atomic64_fetch_sub
#define atomic64_xchg_relaxed		atomic64_xchg
#define atomic64_cmpxchg_relaxed	atomic64_cmpxchg
#define atomic64_cmpxchg_acquire	atomic64_cmpxchg
#define atomic64_cmpxchg_release	atomic64_cmpxchg
#define atomic64_try_cmpxchg_relaxed	atomic64_try_cmpxchg
#define atomic64_try_cmpxchg_acquire	atomic64_try_cmpxchg
#define atomic64_try_cmpxchg_release	atomic64_try_cmpxchg

#define atomic_long_add_return_relaxed	atomic_long_add_return
#define atomic_long_inc_return_relaxed	atomic_long_inc_return
#define atomic_long_dec_return_relaxed	atomic_long_dec_return
#define atomic_long_fetch_add_relaxed	atomic_long_fetch_add
#define atomic_long_fetch_sub_release	atomic_long_fetch_sub
#define atomic_long_xchg_relaxed	atomic_long_xchg
#define atomic_long_cmpxchg_relaxed	atomic_long_cmpxchg
#define atomic_long_cmpxchg_acquire	atomic_long_cmpxchg
#define atomic_long_cmpxchg_release	atomic_long_cmpxchg
#define atomic_long_try_cmpxchg_relaxed	atomic_long_try_cmpxchg
#define atomic_long_try_cmpxchg_acquire	atomic_long_try_cmpxchg
#define atomic_long_try_cmpxchg_release	atomic_long_try_cmpxchg

/* ---- cmpxchg()/xchg() on plain scalars and pointers ---- */

/* Stores n into *ptr when it equals o; evaluates to the value *ptr had. */
#define cmpxchg(ptr, o, n)							\
	({									\
		__typeof__(*(ptr)) __kshim_cx_old = (o);			\
		__atomic_compare_exchange_n((ptr), &__kshim_cx_old, (n), 0,	\
					    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
		__kshim_cx_old;							\
	})

/* Like cmpxchg(); evaluates to success, and on failure stores the seen value in *oldp. */
#define try_cmpxchg(ptr, oldp, n)						\
	__atomic_compare_exchange_n((ptr), (oldp), (n), 0,			\
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)

#define xchg(ptr, x)	__atomic_exchange_n((ptr), (x), __ATOMIC_SEQ_CST)

#define cmpxchg_relaxed		cmpxchg
#define cmpxchg_acquire		cmpxchg
#define cmpxchg_release		cmpxchg
#define cmpxchg64		cmpxchg
#define cmpxchg64_relaxed	cmpxchg
#define cmpxchg_local		cmpxchg
#define cmpxchg64_local		cmpxchg
#define try_cmpxchg_relaxed	try_cmpxchg
#define try_cmpxchg_acquire	try_cmpxchg
#define try_cmpxchg_release	try_cmpxchg
#define try_cmpxchg64		try_cmpxchg
#define xchg_relaxed		xchg
#define xchg_acquire		xchg
#define xchg_release		xchg

/* Spin until the condition (over VAL) holds, for atomic counters. */
#define atomic_cond_read_relaxed(v, c)	smp_cond_load_relaxed(&(v)->counter, (c))
#define atomic_cond_read_acquire(v, c)	smp_cond_load_acquire(&(v)->counter, (c))
#define atomic64_cond_read_relaxed(v, c) smp_cond_load_relaxed(&(v)->counter, (c))
#define atomic64_cond_read_acquire(v, c) smp_cond_load_acquire(&(v)->counter, (c))

#endif
