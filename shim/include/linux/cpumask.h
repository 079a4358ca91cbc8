/* CPU masks over the virtual CPUs: num_online_cpus, for_each_online_cpu, cpumask_of. */
#ifndef __LINUX_CPUMASK_H
#define __LINUX_CPUMASK_H

#include "linux/types.h"
#include "linux/string.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/kernel.h"
#include "linux/bitmap.h"
#include "linux/atomic.h"
#endif

#define NR_CPUS 64

typedef struct cpumask { DECLARE_BITMAP(bits, NR_CPUS); } cpumask_t;
typedef struct cpumask cpumask_var_t[1];

#define cpumask_bits(maskp) ((maskp)->bits)

#ifdef __cplusplus
extern "C" {
#endif
extern unsigned int nr_cpu_ids;
extern const struct cpumask *const cpu_online_mask;
extern const struct cpumask *const cpu_possible_mask;
extern const struct cpumask *const cpu_present_mask;
extern const struct cpumask *const cpu_active_mask;
const struct cpumask *cpumask_of(unsigned int cpu);
#ifdef __cplusplus
}
#endif

static inline bool cpumask_test_cpu(int cpu, const struct cpumask *cpumask)
{
	return (cpumask->bits[cpu / (8 * sizeof(long))] >> (cpu % (8 * sizeof(long)))) & 1;
}

static inline void cpumask_set_cpu(unsigned int cpu, struct cpumask *dstp)
{
	dstp->bits[cpu / (8 * sizeof(long))] |= 1UL << (cpu % (8 * sizeof(long)));
}

static inline void cpumask_clear_cpu(int cpu, struct cpumask *dstp)
{
	dstp->bits[cpu / (8 * sizeof(long))] &= ~(1UL << (cpu % (8 * sizeof(long))));
}

static inline void cpumask_clear(struct cpumask *dstp)
{
	unsigned int i;
	for (i = 0; i < sizeof(dstp->bits) / sizeof(dstp->bits[0]); i++)
		dstp->bits[i] = 0;
}

static inline void cpumask_copy(struct cpumask *dstp, const struct cpumask *srcp)
{
	*dstp = *srcp;
}

static inline unsigned int cpumask_weight(const struct cpumask *srcp)
{
	unsigned int i, w = 0;
	for (i = 0; i < sizeof(srcp->bits) / sizeof(srcp->bits[0]); i++)
		w += (unsigned int)__builtin_popcountl(srcp->bits[i]);
	return w;
}

static inline unsigned int cpumask_next(int n, const struct cpumask *srcp)
{
	unsigned int cpu;
	for (cpu = (unsigned int)(n + 1); cpu < nr_cpu_ids; cpu++)
		if (cpumask_test_cpu((int)cpu, srcp))
			return cpu;
	return nr_cpu_ids;
}

static inline unsigned int cpumask_first(const struct cpumask *srcp)
{
	return cpumask_next(-1, srcp);
}

#define for_each_cpu(cpu, mask)						\
	for ((cpu) = cpumask_first(mask); (cpu) < nr_cpu_ids;		\
	     (cpu) = cpumask_next((int)(cpu), mask))

#define for_each_possible_cpu(cpu)	for_each_cpu((cpu), cpu_possible_mask)
#define for_each_online_cpu(cpu)	for_each_cpu((cpu), cpu_online_mask)
#define for_each_present_cpu(cpu)	for_each_cpu((cpu), cpu_present_mask)

#define num_online_cpus()	cpumask_weight(cpu_online_mask)
#define num_possible_cpus()	cpumask_weight(cpu_possible_mask)
#define num_present_cpus()	cpumask_weight(cpu_present_mask)
#define num_active_cpus()	cpumask_weight(cpu_active_mask)
#define cpu_online(cpu)		cpumask_test_cpu((cpu), cpu_online_mask)
#define cpu_possible(cpu)	cpumask_test_cpu((cpu), cpu_possible_mask)
#define cpu_present(cpu)	cpumask_test_cpu((cpu), cpu_present_mask)

static inline bool zalloc_cpumask_var(cpumask_var_t *mask, gfp_t flags)
{
	(void)flags;
	cpumask_clear(*mask);
	return true;
}
static inline bool alloc_cpumask_var(cpumask_var_t *mask, gfp_t flags)
{
	return zalloc_cpumask_var(mask, flags);
}
static inline void free_cpumask_var(cpumask_var_t mask) { (void)mask; }

#endif
