/* Spinning locks: spin_lock and raw_spin_lock families (irq, irqsave, bh, trylock) with debug checks. */
#ifndef __LINUX_SPINLOCK_H
#define __LINUX_SPINLOCK_H

#include "linux/types.h"
#include "linux/compiler.h"
#include "linux/typecheck.h"
#include "linux/preempt.h"
#include "linux/irqflags.h"
#include "linux/bottom_half.h"
#include "linux/lockdep.h"
#include "linux/atomic.h"
#include "linux/spinlock_types.h"
#include "linux/cleanup.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The out-of-line lock operations. Lock operations disable preemption (and irqs or bottom
 * halves for the variants) and are atomic-safe; a lock that is held by another task (whose
 * holder slept, a bug) is reported as "BUG: spinlock lockup suspected" and then waited for. */
void __raw_spin_lock_init(raw_spinlock_t *lock, const char *name, struct lock_class_key *key,
			  short inner);
void _raw_spin_lock(raw_spinlock_t *lock);
void _raw_spin_lock_nested(raw_spinlock_t *lock, int subclass);
void _raw_spin_lock_bh(raw_spinlock_t *lock);
void _raw_spin_lock_irq(raw_spinlock_t *lock);
unsigned long _raw_spin_lock_irqsave(raw_spinlock_t *lock);
unsigned long _raw_spin_lock_irqsave_nested(raw_spinlock_t *lock, int subclass);
int _raw_spin_trylock(raw_spinlock_t *lock);
int _raw_spin_trylock_bh(raw_spinlock_t *lock);
void _raw_spin_unlock(raw_spinlock_t *lock);
void _raw_spin_unlock_bh(raw_spinlock_t *lock);
void _raw_spin_unlock_irq(raw_spinlock_t *lock);
void _raw_spin_unlock_irqrestore(raw_spinlock_t *lock, unsigned long flags);

#ifdef __cplusplus
}
#endif

#define raw_spin_lock_init(lock)						\
	do {									\
		static struct lock_class_key __key;				\
		__raw_spin_lock_init((lock), #lock, &__key, LD_WAIT_SPIN);	\
	} while (0)

#define raw_spin_is_locked(lock)	(READ_ONCE((lock)->raw_lock.val) != 0)
#define raw_spin_is_contended(lock)	(((void)(lock)), 0)
#define raw_spin_lock(lock)		_raw_spin_lock(lock)
#define raw_spin_lock_nested(lock, subclass) _raw_spin_lock_nested(lock, subclass)
#define raw_spin_lock_bh(lock)		_raw_spin_lock_bh(lock)
#define raw_spin_lock_irq(lock)		_raw_spin_lock_irq(lock)
#define raw_spin_lock_irqsave(lock, flags)					\
	do {									\
		typecheck(unsigned long, flags);				\
		flags = _raw_spin_lock_irqsave(lock);				\
	} while (0)
#define raw_spin_lock_irqsave_nested(lock, flags, subclass)			\
	do {									\
		typecheck(unsigned long, flags);				\
		flags = _raw_spin_lock_irqsave_nested(lock, subclass);		\
	} while (0)
#define raw_spin_trylock(lock)		_raw_spin_trylock(lock)
#define raw_spin_trylock_bh(lock)	_raw_spin_trylock_bh(lock)
#define raw_spin_trylock_irq(lock)						\
({										\
	local_irq_disable();							\
	raw_spin_trylock(lock) ? 1 : ({ local_irq_enable(); 0; });		\
})
#define raw_spin_trylock_irqsave(lock, flags)					\
({										\
	local_irq_save(flags);							\
	raw_spin_trylock(lock) ? 1 : ({ local_irq_restore(flags); 0; });	\
})
#define raw_spin_unlock(lock)		_raw_spin_unlock(lock)
#define raw_spin_unlock_bh(lock)	_raw_spin_unlock_bh(lock)
#define raw_spin_unlock_irq(lock)	_raw_spin_unlock_irq(lock)
#define raw_spin_unlock_irqrestore(lock, flags)					\
	do {									\
		typecheck(unsigned long, flags);				\
		_raw_spin_unlock_irqrestore(lock, flags);			\
	} while (0)
#define assert_raw_spin_locked(lock)	BUG_ON(!raw_spin_is_locked(lock))
#define raw_spin_lock_irqsave_nosync(lock, flags) raw_spin_lock_irqsave(lock, flags)

/* spinlock_t: a raw_spinlock_t underneath (no PREEMPT_RT sleeping spinlocks). */
static __always_inline raw_spinlock_t *spinlock_check(spinlock_t *lock)
{
	return &lock->rlock;
}

#define spin_lock_init(_lock)							\
	do {									\
		static struct lock_class_key __key;				\
		__raw_spin_lock_init(spinlock_check(_lock), #_lock, &__key, LD_WAIT_CONFIG); \
	} while (0)

static __always_inline void spin_lock(spinlock_t *lock)
{
	_raw_spin_lock(&lock->rlock);
}

static __always_inline void spin_lock_bh(spinlock_t *lock)
{
	_raw_spin_lock_bh(&lock->rlock);
}

static __always_inline void spin_lock_irq(spinlock_t *lock)
{
	_raw_spin_lock_irq(&lock->rlock);
}

static __always_inline int spin_trylock(spinlock_t *lock)
{
	return _raw_spin_trylock(&lock->rlock);
}

static __always_inline int spin_trylock_bh(spinlock_t *lock)
{
	return _raw_spin_trylock_bh(&lock->rlock);
}

static __always_inline void spin_unlock(spinlock_t *lock)
{
	_raw_spin_unlock(&lock->rlock);
}

static __always_inline void spin_unlock_bh(spinlock_t *lock)
{
	_raw_spin_unlock_bh(&lock->rlock);
}

static __always_inline void spin_unlock_irq(spinlock_t *lock)
{
	_raw_spin_unlock_irq(&lock->rlock);
}

static __always_inline void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	_raw_spin_unlock_irqrestore(&lock->rlock, flags);
}

static __always_inline int spin_is_locked(spinlock_t *lock)
{
	return raw_spin_is_locked(&lock->rlock);
}

static __always_inline int spin_is_contended(spinlock_t *lock)
{
	(void)lock;
	return 0;
}

#define spin_lock_nested(lock, subclass)	_raw_spin_lock_nested(spinlock_check(lock), subclass)
#define spin_lock_nest_lock(lock, nest_lock)	do { (void)(nest_lock); spin_lock(lock); } while (0)
#define spin_lock_irqsave(lock, flags)		raw_spin_lock_irqsave(spinlock_check(lock), flags)
#define spin_lock_irqsave_nested(lock, flags, subclass) \
	raw_spin_lock_irqsave_nested(spinlock_check(lock), flags, subclass)
#define spin_trylock_irq(lock)			raw_spin_trylock_irq(spinlock_check(lock))
#define spin_trylock_irqsave(lock, flags)	raw_spin_trylock_irqsave(spinlock_check(lock), flags)
#define assert_spin_locked(lock)		assert_raw_spin_locked(&(lock)->rlock)

/* Decrements atomic; if it reaches 0, returns 1 with lock held. May take the lock. */
static inline int _atomic_dec_and_lock(atomic_t *atomic, spinlock_t *lock)
{
	if (atomic_add_unless(atomic, -1, 1))
		return 0;
	spin_lock(lock);
	if (atomic_dec_and_test(atomic))
		return 1;
	spin_unlock(lock);
	return 0;
}

static inline int _atomic_dec_and_lock_irqsave(atomic_t *atomic, spinlock_t *lock,
					       unsigned long *flags)
{
	if (atomic_add_unless(atomic, -1, 1))
		return 0;
	spin_lock_irqsave(lock, *flags);
	if (atomic_dec_and_test(atomic))
		return 1;
	spin_unlock_irqrestore(lock, *flags);
	return 0;
}

#define atomic_dec_and_lock(atomic, lock)	_atomic_dec_and_lock(atomic, lock)
#define atomic_dec_and_lock_irqsave(atomic, lock, flags) \
	_atomic_dec_and_lock_irqsave(atomic, lock, &(flags))

#include "linux/rwlock.h"

/* Lock guards (linux/cleanup.h): guard(spinlock)(&l), scoped_guard(spinlock_irqsave, &l) ... */
DEFINE_LOCK_GUARD_1(raw_spinlock, raw_spinlock_t, raw_spin_lock(_T->lock), raw_spin_unlock(_T->lock))
DEFINE_LOCK_GUARD_1(raw_spinlock_nested, raw_spinlock_t,
		    raw_spin_lock_nested(_T->lock, SINGLE_DEPTH_NESTING), raw_spin_unlock(_T->lock))
DEFINE_LOCK_GUARD_1(raw_spinlock_irq, raw_spinlock_t, raw_spin_lock_irq(_T->lock),
		    raw_spin_unlock_irq(_T->lock))
DEFINE_LOCK_GUARD_1(raw_spinlock_irqsave, raw_spinlock_t, raw_spin_lock_irqsave(_T->lock, _T->flags),
		    raw_spin_unlock_irqrestore(_T->lock, _T->flags), unsigned long flags)
DEFINE_LOCK_GUARD_1(spinlock, spinlock_t, spin_lock(_T->lock), spin_unlock(_T->lock))
DEFINE_LOCK_GUARD_1(spinlock_irq, spinlock_t, spin_lock_irq(_T->lock), spin_unlock_irq(_T->lock))
DEFINE_LOCK_GUARD_1(spinlock_irqsave, spinlock_t, spin_lock_irqsave(_T->lock, _T->flags),
		    spin_unlock_irqrestore(_T->lock, _T->flags), unsigned long flags)

#endif
