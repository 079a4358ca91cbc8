/* Wait queues: wait_queue_head_t, prepare_to_wait/finish_wait, wake_up*, and the wait_event* macros. */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#include "linux/types.h"
#include "linux/list.h"
#include "linux/compiler.h"
#include "linux/kernel.h"
#include "linux/spinlock.h"
#include "linux/sched.h"

typedef struct wait_queue_entry wait_queue_entry_t;

typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry, unsigned mode, int flags,
				 void *key);

#define WQ_FLAG_EXCLUSIVE	0x01
#define WQ_FLAG_WOKEN		0x02
#define WQ_FLAG_BOOKMARK	0x04
#define WQ_FLAG_CUSTOM		0x08
#define WQ_FLAG_DONE		0x10
#define WQ_FLAG_PRIORITY	0x20

/* "private" is a C++ keyword: C++ code (tests) sees the field as "priv". */
#ifdef __cplusplus
#define __kshim_wq_private priv
#else
#define __kshim_wq_private private
#endif

struct wait_queue_entry {
	unsigned int		flags;
	void			*__kshim_wq_private;	/* the task to wake */
	wait_queue_func_t	func;
	struct list_head	entry;
};

struct wait_queue_head {
	spinlock_t		lock;
	struct list_head	head;
};
typedef struct wait_queue_head wait_queue_head_t;

#ifdef __cplusplus
extern "C" {
#endif

void __init_waitqueue_head(struct wait_queue_head *wq_head, const char *name,
			   struct lock_class_key *key);
/* Wake functions are atomic-safe. They return 1 if the task was woken. */
int default_wake_function(struct wait_queue_entry *wq_entry, unsigned mode, int flags, void *key);
int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned mode, int flags, void *key);
int woken_wake_function(struct wait_queue_entry *wq_entry, unsigned mode, int flags, void *key);
/* Queue manipulation; each takes wq_head->lock. Atomic-safe. */
void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void add_wait_queue_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void add_wait_queue_priority(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
/* Queue the entry (non-exclusive at the head, exclusive at the tail) if it is not queued yet,
 * then set the task state. Atomic-safe; the caller then schedules. */
void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state);
bool prepare_to_wait_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
			       int state);
long prepare_to_wait_event(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
			   int state);
void init_wait_entry(struct wait_queue_entry *wq_entry, int flags);
/* Sets TASK_RUNNING and dequeues the entry. Atomic-safe. */
void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
/* May sleep up to timeout jiffies unless woken_wake_function already ran. */
long wait_woken(struct wait_queue_entry *wq_entry, unsigned mode, long timeout);
/* Calls the wake function of each entry: all non-exclusive ones, and up to nr_exclusive
 * exclusive ones (0: all). __wake_up takes wq_head->lock; the _locked forms expect the caller
 * to hold it. Atomic-safe. */
void __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr_exclusive, void *key);
void __wake_up_locked_key(struct wait_queue_head *wq_head, unsigned int mode, void *key);
void __wake_up_locked(struct wait_queue_head *wq_head, unsigned int mode, int nr);
void __wake_up_sync_key(struct wait_queue_head *wq_head, unsigned int mode, void *key);
void __wake_up_sync(struct wait_queue_head *wq_head, unsigned int mode);

#ifdef __cplusplus
}
#endif

#define __WAITQUEUE_INITIALIZER(name, tsk)					\
	{ .flags = 0, .__kshim_wq_private = (tsk), .func = default_wake_function,	\
	  .entry = { NULL, NULL } }
#define DECLARE_WAITQUEUE(name, tsk)						\
	struct wait_queue_entry name = __WAITQUEUE_INITIALIZER(name, tsk)

#define __WAIT_QUEUE_HEAD_INITIALIZER(name)					\
	{ .lock = __SPIN_LOCK_INITIALIZER(name.lock), .head = LIST_HEAD_INIT(name.head) }
#define DECLARE_WAIT_QUEUE_HEAD(name)						\
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

#define init_waitqueue_head(wq_head)						\
	do {									\
		static struct lock_class_key __key;				\
		__init_waitqueue_head((wq_head), #wq_head, &__key);		\
	} while (0)

#define __WAIT_QUEUE_HEAD_INIT_ONSTACK(name) ({ init_waitqueue_head(&name); name; })
#define DECLARE_WAIT_QUEUE_HEAD_ONSTACK(name)					\
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INIT_ONSTACK(name)

#define DEFINE_WAIT_FUNC(name, function)					\
	struct wait_queue_entry name = {					\
		.flags = 0,							\
		.__kshim_wq_private = get_current(),				\
		.func = function,						\
		.entry = LIST_HEAD_INIT((name).entry),				\
	}
#define DEFINE_WAIT(name) DEFINE_WAIT_FUNC(name, autoremove_wake_function)

#define init_wait(wait)								\
	do {									\
		(wait)->__kshim_wq_private = get_current();			\
		(wait)->func = autoremove_wake_function;			\
		INIT_LIST_HEAD(&(wait)->entry);					\
		(wait)->flags = 0;						\
	} while (0)

static inline void init_waitqueue_entry(struct wait_queue_entry *wq_entry, struct task_struct *p)
{
	wq_entry->flags = 0;
	wq_entry->__kshim_wq_private = p;
	wq_entry->func = default_wake_function;
}

static inline void init_waitqueue_func_entry(struct wait_queue_entry *wq_entry,
					     wait_queue_func_t func)
{
	wq_entry->flags = 0;
	wq_entry->__kshim_wq_private = NULL;
	wq_entry->func = func;
}

/* Lockless checks: see the kernel's comment on the barrier a waker needs before them. */
static inline int waitqueue_active(struct wait_queue_head *wq_head)
{
	return !list_empty(&wq_head->head);
}

static inline bool wq_has_single_sleeper(struct wait_queue_head *wq_head)
{
	return list_is_singular(&wq_head->head);
}

static inline bool wq_has_sleeper(struct wait_queue_head *wq_head)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return waitqueue_active(wq_head);
}

/* The unlocked-queue helpers: the caller holds wq_head->lock. */
static inline void __add_wait_queue(struct wait_queue_head *wq_head,
				    struct wait_queue_entry *wq_entry)
{
	list_add(&wq_entry->entry, &wq_head->head);
}

static inline void __add_wait_queue_entry_tail(struct wait_queue_head *wq_head,
					       struct wait_queue_entry *wq_entry)
{
	list_add_tail(&wq_entry->entry, &wq_head->head);
}

static inline void __add_wait_queue_exclusive(struct wait_queue_head *wq_head,
					      struct wait_queue_entry *wq_entry)
{
	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	__add_wait_queue(wq_head, wq_entry);
}

static inline void __remove_wait_queue(struct wait_queue_head *wq_head,
				       struct wait_queue_entry *wq_entry)
{
	(void)wq_head;
	list_del(&wq_entry->entry);
}

#define wake_up(x)			__wake_up(x, TASK_NORMAL, 1, NULL)
#define wake_up_nr(x, nr)		__wake_up(x, TASK_NORMAL, nr, NULL)
#define wake_up_all(x)			__wake_up(x, TASK_NORMAL, 0, NULL)
#define wake_up_locked(x)		__wake_up_locked((x), TASK_NORMAL, 1)
#define wake_up_all_locked(x)		__wake_up_locked((x), TASK_NORMAL, 0)
#define wake_up_interruptible(x)	__wake_up(x, TASK_INTERRUPTIBLE, 1, NULL)
#define wake_up_interruptible_nr(x, nr)	__wake_up(x, TASK_INTERRUPTIBLE, nr, NULL)
#define wake_up_interruptible_all(x)	__wake_up(x, TASK_INTERRUPTIBLE, 0, NULL)
#define wake_up_interruptible_sync(x)	__wake_up_sync((x), TASK_INTERRUPTIBLE)
#define wake_up_sync(x)			__wake_up_sync((x), TASK_NORMAL)
#define wake_up_poll(x, m)		__wake_up(x, TASK_NORMAL, 1, (void *)(uintptr_t)(m))
#define wake_up_interruptible_poll(x, m) __wake_up(x, TASK_INTERRUPTIBLE, 1, (void *)(uintptr_t)(m))

/*
 * The wait_event family. Each is a loop over prepare_to_wait_event(), a test of the
 * condition, and `sleep` (schedule() or a timed form); the condition is evaluated again after
 * every wake-up, and finish_wait() leaves the queue. An interruptible (or killable, for
 * SIGKILL) wait also ends with -ERESTARTSYS once a signal is pending (allow_signal, send_sig).
 */
#define __kshim_wait_is_interruptible(state)					\
	((state) & (TASK_INTERRUPTIBLE | TASK_WAKEKILL))

#define __kshim_wait_event(wq_head, condition, state, exclusive, ret, sleep)	\
({										\
	struct wait_queue_entry __kw_entry;					\
	long __kw_ret = (ret);							\
	init_wait_entry(&__kw_entry, (exclusive) ? WQ_FLAG_EXCLUSIVE : 0);	\
	for (;;) {								\
		long __kw_int = prepare_to_wait_event(&(wq_head), &__kw_entry, (state)); \
		if (condition)							\
			break;							\
		if (__kshim_wait_is_interruptible(state) && __kw_int) {	\
			__kw_ret = __kw_int;					\
			break;							\
		}								\
		sleep;								\
	}									\
	finish_wait(&(wq_head), &__kw_entry);					\
	__kw_ret;								\
})

/* For the timed forms: true once the condition holds or the time is up; a condition that
 * becomes true just as the time runs out still counts, with 1 jiffy left. */
#define __kshim_cond_timeout(condition, left)					\
({										\
	bool __kw_cond = (condition);						\
	if (__kw_cond && !(left))						\
		(left) = 1;							\
	__kw_cond || !(left);							\
})

#define __kshim_wait_event_untimed(wq_head, condition, state, exclusive, sleep)	\
do {										\
	might_sleep();								\
	if (!(condition))							\
		(void)__kshim_wait_event(wq_head, condition, state, exclusive, 0, sleep); \
} while (0)

/* The untimed interruptible/killable forms: 0, or -ERESTARTSYS when a signal ended the wait. */
#define __kshim_wait_event_signalled(wq_head, condition, state, exclusive)	\
({										\
	int __kw_sret = 0;							\
	might_sleep();								\
	if (!(condition))							\
		__kw_sret = (int)__kshim_wait_event(wq_head, condition, state, exclusive, 0, schedule()); \
	__kw_sret;								\
})

#define __kshim_wait_event_timed(wq_head, condition, state, timeout)		\
({										\
	long __kw_left = (timeout);						\
	might_sleep();								\
	if (!__kshim_cond_timeout(condition, __kw_left))			\
		__kw_left = __kshim_wait_event(wq_head,				\
			__kshim_cond_timeout(condition, __kw_ret), state, 0,	\
			__kw_left, __kw_ret = schedule_timeout(__kw_ret));	\
	__kw_left;								\
})

#define wait_event(wq_head, condition)						\
	__kshim_wait_event_untimed(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, schedule())
#define io_wait_event(wq_head, condition)					\
	__kshim_wait_event_untimed(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, io_schedule())
#define wait_event_idle(wq_head, condition)					\
	__kshim_wait_event_untimed(wq_head, condition, TASK_IDLE, 0, schedule())
#define wait_event_idle_exclusive(wq_head, condition)				\
	__kshim_wait_event_untimed(wq_head, condition, TASK_IDLE, 1, schedule())
#define wait_event_cmd(wq_head, condition, cmd1, cmd2)				\
	__kshim_wait_event_untimed(wq_head, condition, TASK_UNINTERRUPTIBLE, 0,	\
				   cmd1; schedule(); cmd2)
#define wait_event_interruptible(wq_head, condition)	\
	__kshim_wait_event_signalled(wq_head, condition, TASK_INTERRUPTIBLE, 0)
#define wait_event_interruptible_exclusive(wq_head, condition)	\
	__kshim_wait_event_signalled(wq_head, condition, TASK_INTERRUPTIBLE, 1)
#define wait_event_freezable(wq_head, condition) wait_event_interruptible(wq_head, condition)
#define wait_event_killable(wq_head, condition)	\
	__kshim_wait_event_signalled(wq_head, condition, TASK_KILLABLE, 0)
#define wait_event_killable_exclusive(wq_head, condition)	\
	__kshim_wait_event_signalled(wq_head, condition, TASK_KILLABLE, 1)
#define wait_event_timeout(wq_head, condition, timeout)				\
	__kshim_wait_event_timed(wq_head, condition, TASK_UNINTERRUPTIBLE, timeout)
#define wait_event_idle_timeout(wq_head, condition, timeout)			\
	__kshim_wait_event_timed(wq_head, condition, TASK_IDLE, timeout)
#define wait_event_interruptible_timeout(wq_head, condition, timeout)		\
	__kshim_wait_event_timed(wq_head, condition, TASK_INTERRUPTIBLE, timeout)
#define wait_event_freezable_timeout(wq_head, condition, timeout)		\
	__kshim_wait_event_timed(wq_head, condition, TASK_INTERRUPTIBLE, timeout)
#define wait_event_killable_timeout(wq_head, condition, timeout)		\
	__kshim_wait_event_timed(wq_head, condition, TASK_KILLABLE, timeout)

/* The _lock_irq forms: called with lock (a spinlock_t, not a pointer) held with irqs off;
 * it is dropped around each sleep. */
#define wait_event_lock_irq_cmd(wq_head, condition, lock, cmd)			\
	do {									\
		if (!(condition))						\
			(void)__kshim_wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0, \
				spin_unlock_irq(&(lock)); cmd; schedule(); spin_lock_irq(&(lock))); \
	} while (0)
#define wait_event_lock_irq(wq_head, condition, lock)				\
	wait_event_lock_irq_cmd(wq_head, condition, lock, )
#define wait_event_interruptible_lock_irq(wq_head, condition, lock)		\
({										\
	wait_event_lock_irq(wq_head, condition, lock);				\
	0;									\
})
#define wait_event_lock_irq_timeout(wq_head, condition, lock, timeout)		\
({										\
	long __kw_left = (timeout);						\
	if (!__kshim_cond_timeout(condition, __kw_left))			\
		__kw_left = __kshim_wait_event(wq_head,				\
			__kshim_cond_timeout(condition, __kw_ret), TASK_UNINTERRUPTIBLE, 0, \
			__kw_left, spin_unlock_irq(&(lock));			\
			__kw_ret = schedule_timeout(__kw_ret); spin_lock_irq(&(lock))); \
	__kw_left;								\
})
#define wait_event_interruptible_lock_irq_timeout(wq_head, condition, lock, timeout) \
	wait_event_lock_irq_timeout(wq_head, condition, lock, timeout)

/* The _locked forms: called with wq_head.lock held (spin_lock or spin_lock_irq). */
#define __kshim_wait_event_locked(wq_head, condition, exclusive, unlock, relock) \
({										\
	DEFINE_WAIT(__kw_wait);							\
	if (exclusive)								\
		__kw_wait.flags |= WQ_FLAG_EXCLUSIVE;				\
	while (!(condition)) {							\
		if (list_empty(&__kw_wait.entry))				\
			__add_wait_queue_entry_tail(&(wq_head), &__kw_wait);	\
		set_current_state(TASK_INTERRUPTIBLE);				\
		unlock(&(wq_head).lock);					\
		schedule();							\
		relock(&(wq_head).lock);					\
	}									\
	__set_current_state(TASK_RUNNING);					\
	if (!list_empty(&__kw_wait.entry))					\
		list_del_init(&__kw_wait.entry);				\
	0;									\
})
#define wait_event_interruptible_locked(wq, condition)				\
	__kshim_wait_event_locked(wq, condition, 0, spin_unlock, spin_lock)
#define wait_event_interruptible_locked_irq(wq, condition)			\
	__kshim_wait_event_locked(wq, condition, 0, spin_unlock_irq, spin_lock_irq)
#define wait_event_interruptible_exclusive_locked(wq, condition)		\
	__kshim_wait_event_locked(wq, condition, 1, spin_unlock, spin_lock)
#define wait_event_interruptible_exclusive_locked_irq(wq, condition)		\
	__kshim_wait_event_locked(wq, condition, 1, spin_unlock_irq, spin_lock_irq)

#endif
