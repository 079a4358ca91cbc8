/* Tasks: struct task_struct, task states, schedule() and schedule_timeout(), wake-ups. */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include "linux/types.h"
#include "linux/compiler.h"
#include "linux/jiffies.h"
#include "linux/list.h"
#include "linux/preempt.h"
#include "linux/smp.h"
#include "linux/kernel.h"
#include "asm/current.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/rcupdate.h"
#include "linux/wait.h"
#include "linux/refcount.h"
#include "linux/mutex.h"
#include "linux/workqueue.h"
#include "linux/random.h"
#include "linux/uidgid.h"
#include "asm/unistd.h"
#include "linux/unistd.h"
#endif

#define TASK_RUNNING			0x0000
#define TASK_INTERRUPTIBLE		0x0001
#define TASK_UNINTERRUPTIBLE		0x0002
#define __TASK_STOPPED			0x0004
#define __TASK_TRACED			0x0008
#define EXIT_DEAD			0x0010
#define EXIT_ZOMBIE			0x0020
#define EXIT_TRACE			(EXIT_ZOMBIE | EXIT_DEAD)
#define TASK_PARKED			0x0040
#define TASK_DEAD			0x0080
#define TASK_WAKEKILL			0x0100
#define TASK_WAKING			0x0200
#define TASK_NOLOAD			0x0400
#define TASK_NEW			0x0800
#define TASK_RTLOCK_WAIT		0x1000
#define TASK_FREEZABLE			0x2000
#define TASK_STATE_MAX			0x4000
#define TASK_KILLABLE			(TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_STOPPED			(TASK_WAKEKILL | __TASK_STOPPED)
#define TASK_TRACED			__TASK_TRACED
#define TASK_IDLE			(TASK_UNINTERRUPTIBLE | TASK_NOLOAD)
#define TASK_NORMAL			(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

#define PF_IDLE			0x00000002
#define PF_EXITING		0x00000004
#define PF_WQ_WORKER		0x00000020
#define PF_KTHREAD		0x00200000
#define PF_NO_SETAFFINITY	0x04000000

#define MAX_NICE		19
#define MIN_NICE		-20
#define MAX_RT_PRIO		100
#define DEFAULT_PRIO		(MAX_RT_PRIO + 20)
#define NICE_TO_PRIO(nice)	((nice) + DEFAULT_PRIO)
#define PRIO_TO_NICE(prio)	((prio) - DEFAULT_PRIO)

struct mm_struct;
#ifndef __cplusplus	/* the C library's struct sched_param is the same */
struct sched_param {
	int sched_priority;
};
#endif

#include "kshim/internal/task_struct.h"

#define set_current_state(state_value)					\
	do {								\
		WRITE_ONCE(get_current()->__state, (state_value));		\
		__atomic_signal_fence(__ATOMIC_SEQ_CST);		\
	} while (0)
#define __set_current_state(state_value)				\
	do { WRITE_ONCE(get_current()->__state, (state_value)); } while (0)
#define set_special_state(state_value) __set_current_state(state_value)

#define task_is_running(task)	(READ_ONCE((task)->__state) == TASK_RUNNING)
#define task_pid_nr(tsk)	((tsk)->pid)
#define task_tgid_nr(tsk)	((tsk)->tgid)
#define task_pid_vnr(tsk)	((tsk)->pid)
#define task_nice(p)		PRIO_TO_NICE((p)->static_prio)
#define get_task_comm(buf, tsk) __get_task_comm(buf, sizeof(buf), tsk)

#ifdef __cplusplus
extern "C" {
#endif

/* Scheduling points; all may sleep. */
void schedule(void);
void io_schedule(void);
void schedule_preempt_disabled(void);
long schedule_timeout(long timeout);
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_killable(long timeout);
long schedule_timeout_uninterruptible(long timeout);
long schedule_timeout_idle(long timeout);
long io_schedule_timeout(long timeout);
void yield(void);
int _cond_resched(void);
/* Wake-ups: atomic-safe. Return 1 if the task was woken, 0 if it was already running. */
int wake_up_process(struct task_struct *tsk);
int wake_up_state(struct task_struct *tsk, unsigned int state);
void set_user_nice(struct task_struct *p, long nice);
#ifndef __cplusplus	/* C++ sees the C library's sched_setscheduler(pid_t, ...) */
int sched_setscheduler(struct task_struct *p, int policy, const struct sched_param *param)
	__asm__("kshim_sched_setscheduler");
#endif
void sched_set_fifo(struct task_struct *p);
void sched_set_fifo_low(struct task_struct *p);
void sched_set_normal(struct task_struct *p, int nice);
char *__get_task_comm(char *to, size_t len, struct task_struct *tsk);
void set_task_comm(struct task_struct *tsk, const char *from);
int need_resched(void);
struct task_struct *find_task_by_vpid(pid_t nr);
unsigned int task_cpu(const struct task_struct *p);

#ifdef __cplusplus
}
#endif

#define cond_resched() _cond_resched()

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/hrtimer.h"
#endif

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/signal_types.h"
#endif

#endif
