/* Signal checks for tasks: signal_pending is always false (kthreads get no signals here). */
#ifndef _LINUX_SCHED_SIGNAL_H
#define _LINUX_SCHED_SIGNAL_H

#include "linux/sched.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/compiler.h"
#include "linux/list.h"
#include "linux/rcupdate.h"
#include "linux/time.h"
#include "linux/sched/task.h"
#include "linux/rwsem.h"
#include "linux/gfp.h"
#include "linux/ratelimit.h"
#include "linux/cred.h"
#endif

static inline int signal_pending(struct task_struct *p) { (void)p; return 0; }
static inline int fatal_signal_pending(struct task_struct *p) { (void)p; return 0; }
static inline int signal_pending_state(unsigned int state, struct task_struct *p) { (void)state; (void)p; return 0; }
static inline void allow_signal(int sig) { (void)sig; }
static inline void disallow_signal(int sig) { (void)sig; }
static inline void flush_signals(struct task_struct *t) { (void)t; }

#define for_each_process(p) for ((p) = (struct task_struct *)0; (p); )

#endif
