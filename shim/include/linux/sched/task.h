/* Task reference counts: get_task_struct/put_task_struct. */
#ifndef _LINUX_SCHED_TASK_H
#define _LINUX_SCHED_TASK_H

#include "linux/sched.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/uaccess.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif
/* Atomic-safe. The runtime keeps every task until the kernel object goes away. */
struct task_struct *get_task_struct(struct task_struct *t);
void put_task_struct(struct task_struct *t);
#ifdef __cplusplus
}
#endif

#endif
