/* Per-CPU allocation: alloc_percpu, alloc_percpu_gfp, __alloc_percpu, free_percpu, plus percpu-defs.h. */
#ifndef __LINUX_PERCPU_H
#define __LINUX_PERCPU_H

#include "linux/types.h"
#include "linux/preempt.h"
#include "linux/smp.h"
#include "linux/cpumask.h"
#include "linux/init.h"
#include "linux/cleanup.h"
#include "linux/gfp.h"
#include "asm/percpu.h"

/* 6.1's limit for one dynamic per-CPU allocation (PCPU_MIN_UNIT_SIZE). */
#define PCPU_MIN_UNIT_SIZE	(32 << 10)

#ifdef __cplusplus
extern "C" {
#endif
/* May sleep with GFP_KERNEL. Zeroed copies for every possible CPU; NULL (with a warning) for
 * a size of 0 or above PCPU_MIN_UNIT_SIZE or an alignment that is not a power of two up to
 * PAGE_SIZE, NULL quietly when out of memory. */
void __percpu *__alloc_percpu(size_t size, size_t align);
void __percpu *__alloc_percpu_gfp(size_t size, size_t align, gfp_t gfp);
/* Any context; free_percpu(NULL) does nothing. */
void free_percpu(void __percpu *__pdata);
#ifdef __cplusplus
}
#endif

#define alloc_percpu_gfp(type, gfp)						\
	((__typeof__(type) __percpu *)__alloc_percpu_gfp(sizeof(type), __alignof__(type), gfp))
#define alloc_percpu(type)							\
	((__typeof__(type) __percpu *)__alloc_percpu(sizeof(type), __alignof__(type)))

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/bug.h"
#endif

#endif
