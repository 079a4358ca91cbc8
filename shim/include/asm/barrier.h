/* Memory barriers (mb/rmb/wmb, smp_*, dma_*) and acquire/release accessors, mapped to GCC atomics. */
#ifndef _ASM_BARRIER_H
#define _ASM_BARRIER_H

#include "linux/compiler.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/types.h"
#include "linux/stringify.h"
#include "linux/printk.h"
#endif

/*
 * The shim runs kernel code as ordinary threads, so every barrier is a real
 * inter-thread fence: full barriers are sequentially consistent fences and the
 * one-sided ones use acquire/release fences (which on x86 cost nothing beyond
 * stopping the compiler).
 */
#define mb()		__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define rmb()		__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define wmb()		__atomic_thread_fence(__ATOMIC_RELEASE)
#define dma_rmb()	rmb()
#define dma_wmb()	wmb()
#define dma_mb()	mb()

#define smp_mb()	mb()
#define smp_rmb()	rmb()
#define smp_wmb()	wmb()
#define __smp_mb()	mb()
#define __smp_rmb()	rmb()
#define __smp_wmb()	wmb()
#define virt_mb()	mb()
#define virt_rmb()	rmb()
#define virt_wmb()	wmb()

#define smp_mb__before_atomic()		mb()
#define smp_mb__after_atomic()		mb()
#define smp_mb__after_spinlock()	mb()
#define smp_mb__after_unlock_lock()	mb()
#define smp_mb__after_switch_mm()	mb()

/* Turn the control dependency of a preceding load into acquire ordering. */
#define smp_acquire__after_ctrl_dep()	__atomic_thread_fence(__ATOMIC_ACQUIRE)

#define smp_store_mb(var, value)				\
	do {							\
		WRITE_ONCE(var, value);				\
		mb();						\
	} while (0)
#define set_mb(var, value)	smp_store_mb(var, value)

#define smp_store_release(p, v)	__atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define smp_load_acquire(p)	__atomic_load_n((p), __ATOMIC_ACQUIRE)
#define virt_store_mb(var, value)	smp_store_mb(var, value)
#define virt_store_release(p, v)	smp_store_release(p, v)
#define virt_load_acquire(p)		smp_load_acquire(p)

/* Spin until cond_expr (which may use VAL, the freshly loaded *ptr) holds; yields that value. */
#define smp_cond_load_relaxed(ptr, cond_expr)				\
	({								\
		__typeof__(ptr) __kshim_scl_p = (ptr);			\
		__typeof__(*(ptr)) VAL;					\
		for (;;) {						\
			VAL = READ_ONCE(*__kshim_scl_p);		\
			if (cond_expr)					\
				break;					\
			__builtin_ia32_pause();				\
		}							\
		VAL;							\
	})

#define smp_cond_load_acquire(ptr, cond_expr)				\
	({								\
		__typeof__(*(ptr)) __kshim_sca_v =			\
			smp_cond_load_relaxed(ptr, cond_expr);		\
		smp_acquire__after_ctrl_dep();				\
		__kshim_sca_v;						\
	})

#define barrier_nospec()	do { } while (0)

#endif
