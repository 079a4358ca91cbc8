/* Read-copy update: rcu_read_lock/unlock, rcu_dereference/rcu_assign_pointer, synchronize_rcu, call_rcu, kfree_rcu. */
#ifndef __LINUX_RCUPDATE_H
#define __LINUX_RCUPDATE_H

#include "linux/types.h"
#include "linux/compiler.h"
#include "linux/stddef.h"
#include "linux/preempt.h"
#include "linux/bottom_half.h"
#include "linux/cleanup.h"
#include "asm/barrier.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "asm/processor.h"
#include "linux/atomic.h"
#include "linux/irqflags.h"
#include "linux/lockdep.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Read-side markers, as in a non-preemptible kernel: they disable preemption (so sleeping
 * inside is reported) and count the task as a reader. Atomic-safe. */
void __rcu_read_lock(void);
void __rcu_read_unlock(void);
/* 1 while the current task is inside rcu_read_lock(). */
int rcu_read_lock_held(void);
int rcu_read_lock_bh_held(void);
int rcu_read_lock_sched_held(void);
int rcu_read_lock_any_held(void);
/* Waits for a grace period: until every read-side section (of any task) has ended, and at
 * least one tick. May sleep. */
void synchronize_rcu(void);
void synchronize_rcu_expedited(void);
/* Queues func(head) to run after a grace period, in softirq context, from kshim's
 * "rcu_preempt" kthread. Atomic-safe. */
void call_rcu(struct rcu_head *head, rcu_callback_t func);
/* Waits until every callback queued before the call has run. May sleep. */
void rcu_barrier(void);
/* kfree_rcu/kvfree_rcu back end: kvfree(obj) after a grace period. head may be NULL (the
 * one-argument form, which may sleep). */
void kshim_kvfree_rcu(struct rcu_head *head, void *obj);

#ifdef __cplusplus
}
#endif

static __always_inline void rcu_read_lock(void)
{
	__rcu_read_lock();
}

static __always_inline void rcu_read_unlock(void)
{
	__rcu_read_unlock();
}

static __always_inline void rcu_read_lock_bh(void)
{
	local_bh_disable();
	__rcu_read_lock();
}

static __always_inline void rcu_read_unlock_bh(void)
{
	__rcu_read_unlock();
	local_bh_enable();
}

static __always_inline void rcu_read_lock_sched(void)
{
	preempt_disable();
	__rcu_read_lock();
}

static __always_inline void rcu_read_unlock_sched(void)
{
	__rcu_read_unlock();
	preempt_enable();
}

#define rcu_read_lock_sched_notrace()	rcu_read_lock_sched()
#define rcu_read_unlock_sched_notrace()	rcu_read_unlock_sched()

#define RCU_INITIALIZER(v)		(v)
#define rcu_access_pointer(p)		READ_ONCE(p)
#define rcu_dereference_raw(p)		({ __typeof__(p) __kr_p = READ_ONCE(p); __kr_p; })
#define rcu_dereference_check(p, c)	((void)(c), rcu_dereference_raw(p))
#define rcu_dereference_bh_check(p, c)	rcu_dereference_check(p, c)
#define rcu_dereference_sched_check(p, c) rcu_dereference_check(p, c)
#define rcu_dereference_protected(p, c)	((void)(c), (p))
#define rcu_dereference(p)		rcu_dereference_raw(p)
#define rcu_dereference_bh(p)		rcu_dereference_raw(p)
#define rcu_dereference_sched(p)	rcu_dereference_raw(p)
#define rcu_dereference_raw_check(p)	rcu_dereference_raw(p)
#define rcu_pointer_handoff(p)		(p)
#define unrcu_pointer(p)		(p)

/* Publishes v at p: everything written before is visible to readers that see v. */
#define rcu_assign_pointer(p, v)						\
	do {									\
		__typeof__(p) __kr_v = (v);					\
		smp_store_release(&(p), __kr_v);				\
	} while (0)
#define RCU_INIT_POINTER(p, v)		do { WRITE_ONCE(p, v); } while (0)
#define RCU_POINTER_INITIALIZER(p, v)	.p = RCU_INITIALIZER(v)
#define rcu_replace_pointer(rcu_ptr, ptr, c)					\
({										\
	__typeof__(ptr) __kr_tmp = rcu_dereference_protected((rcu_ptr), (c));	\
	rcu_assign_pointer((rcu_ptr), (ptr));					\
	__kr_tmp;								\
})

#define kvfree_rcu_arg_2(ptr, rhf)						\
	do {									\
		__typeof__(ptr) __kr_obj = (ptr);				\
		if (__kr_obj)							\
			kshim_kvfree_rcu(&__kr_obj->rhf, (void *)__kr_obj);	\
	} while (0)
#define kvfree_rcu_arg_1(ptr)							\
	do {									\
		void *__kr_obj = (void *)(ptr);					\
		if (__kr_obj)							\
			kshim_kvfree_rcu(NULL, __kr_obj);			\
	} while (0)
#define __kshim_kvfree_rcu_pick(_1, _2, name, ...) name
#define kfree_rcu(...)								\
	__kshim_kvfree_rcu_pick(__VA_ARGS__, kvfree_rcu_arg_2, kvfree_rcu_arg_1)(__VA_ARGS__)
#define kvfree_rcu(...)		kfree_rcu(__VA_ARGS__)
#define kfree_rcu_mightsleep(ptr) kvfree_rcu_arg_1(ptr)

#define init_rcu_head(head)		do { (void)(head); } while (0)
#define destroy_rcu_head(head)		do { (void)(head); } while (0)
#define init_rcu_head_on_stack(head)	do { (void)(head); } while (0)
#define destroy_rcu_head_on_stack(head)	do { (void)(head); } while (0)
#define rcu_is_watching()		1
#define rcu_sleep_check()		do { } while (0)
#define RCU_LOCKDEP_WARN(c, s)		do { } while (0)
#define RCU_NONIDLE(a)			do { a; } while (0)
#define cond_resched_rcu()							\
	do {									\
		rcu_read_unlock();						\
		cond_resched();							\
		rcu_read_lock();						\
	} while (0)

/* guard(rcu)() and scoped_guard(rcu): an RCU read-side section for the scope. */
DEFINE_LOCK_GUARD_0(rcu, rcu_read_lock(), rcu_read_unlock())

#endif
