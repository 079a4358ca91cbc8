/* current: the task_struct of the running task. */
#ifndef _ASM_X86_CURRENT_H
#define _ASM_X86_CURRENT_H

struct task_struct;

#ifdef __cplusplus
extern "C" {
#endif
/* Atomic-safe. Outside any task (the host's own thread) it returns the boot task. */
struct task_struct *get_current(void);
#ifdef __cplusplus
}
#endif

/* C++ code (libstdc++ has members named current) calls get_current() instead. */
#ifndef __cplusplus
#define current get_current()
#endif

#endif
