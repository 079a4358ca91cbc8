/* Virtual CPUs: smp_processor_id, get_cpu/put_cpu, on_each_cpu. */
#ifndef __LINUX_SMP_H
#define __LINUX_SMP_H

#include "linux/types.h"
#include "linux/preempt.h"
#include "linux/cpumask.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/errno.h"
#include "linux/list.h"
#endif

typedef void (*smp_call_func_t)(void *info);

#ifdef __cplusplus
extern "C" {
#endif
/* Atomic-safe: the virtual CPU the current task runs on. */
unsigned int kshim_smp_processor_id(void);
void on_each_cpu(smp_call_func_t func, void *info, int wait);
int smp_call_function_single(int cpuid, smp_call_func_t func, void *info, int wait);
#ifdef __cplusplus
}
#endif

#define smp_processor_id()	((int)kshim_smp_processor_id())
#define raw_smp_processor_id()	((int)kshim_smp_processor_id())
#define get_cpu()		({ preempt_disable(); smp_processor_id(); })
#define put_cpu()		preempt_enable()

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/llist.h"
#endif

#endif
