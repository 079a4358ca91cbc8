/* current: the task_struct of the running task. */
#ifndef _ASM_X86_CURRENT_H
#define _ASM_X86_CURRENT_H

#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/compiler.h"
#include "linux/kernel.h"
#endif

struct task_struct;

#ifdef __cplusplus
extern "C" {
#endif
/* The running task, kept up to date by the scheduler (the boot task outside any task). */
extern struct task_struct *kshim_current_task;
#ifdef __cplusplus
}
#endif

/* Atomic-safe. */
static inline struct task_struct *get_current(void)
{
	return kshim_current_task;
}

/* C++ code (libstdc++ has members named current) calls get_current() instead. */
#ifndef __cplusplus
#define current get_current()
#endif

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "asm/percpu.h"
#endif

#endif
