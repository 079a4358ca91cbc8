/* Signals to tasks: send_sig, signal_pending and fatal_signal_pending, flush and dequeue. */
#ifndef _LINUX_SCHED_SIGNAL_H
#define _LINUX_SCHED_SIGNAL_H

#include "linux/signal.h"
#include "linux/sched.h"
#include "linux/refcount.h"
#include "linux/sched/task.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/compiler.h"
#include "linux/list.h"
#include "linux/rcupdate.h"
#include "linux/time.h"
#include "linux/rwsem.h"
#include "linux/gfp.h"
#include "linux/ratelimit.h"
#include "linux/cred.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Whether p has a signal pending (any), or sig in particular. Atomic-safe. */
int kshim_signal_pending(struct task_struct *p);
int kshim_signal_has(struct task_struct *p, int sig);
/* Sends sig to p: queued if p allowed it (allow_signal), dropped otherwise as for a 6.1
 * kthread; wakes p from an interruptible sleep (SIGKILL: also a killable one). 0, or -EINVAL
 * for a bad signal number. Atomic-safe. */
int send_sig(int sig, struct task_struct *p, int priv);
int send_sig_info(int sig, struct kernel_siginfo *info, struct task_struct *p);
/* Drops every pending signal of t. Atomic-safe. */
void flush_signals(struct task_struct *t);
/* Takes the lowest pending signal of the current task off and returns it; 0 if none. */
int kernel_dequeue_signal(void);

#ifdef __cplusplus
}
#endif

static inline int signal_pending(struct task_struct *p) { return kshim_signal_pending(p); }
static inline int __fatal_signal_pending(struct task_struct *p) { return kshim_signal_has(p, SIGKILL); }
static inline int fatal_signal_pending(struct task_struct *p)
{
	return signal_pending(p) && __fatal_signal_pending(p);
}
static inline int signal_pending_state(unsigned int state, struct task_struct *p)
{
	if (!(state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)))
		return 0;
	if (!signal_pending(p))
		return 0;
	return (state & TASK_INTERRUPTIBLE) || __fatal_signal_pending(p);
}

#define for_each_process(p) for ((p) = (struct task_struct *)0; (p); )

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/cleanup.h"
#endif

#endif
