/* The exploring scheduler's optional preemption points, inline in the shim headers (atomics). */
#ifndef _KSHIM_INTERNAL_PREEMPT_POINT_H
#define _KSHIM_INTERNAL_PREEMPT_POINT_H

#ifdef __cplusplus
extern "C" {
#endif
/*
 * Bits of the points the run's policy takes (1 unlock, 2 atomic, 4 wakeup; sched/policy.hpp):
 * 0 under FIFO, so that a point costs one load and one predictable branch.
 */
extern unsigned int kshim_preempt_points;
/* The running task may give way here if the policy says so. Any context (a no-op in atomic). */
void kshim_preempt_point(unsigned int kind);
#ifdef __cplusplus
}
#endif

#define KSHIM_PREEMPT_ATOMIC 2u

/* A preemption point of kind k, taken only when the run's policy enables it. */
#define __kshim_preempt_point(k)						\
	do {									\
		if (__builtin_expect(kshim_preempt_points & (k), 0))		\
			kshim_preempt_point(k);					\
	} while (0)

#endif
