/* Task reference counts: get_task_struct/put_task_struct. */
#ifndef _LINUX_SCHED_TASK_H
#define _LINUX_SCHED_TASK_H

#include "linux/sched.h"

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
