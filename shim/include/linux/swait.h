/* Simple wait queues (the waiting side of struct completion): swait_queue_head and swake_up_*. */
#ifndef _LINUX_SWAIT_H
#define _LINUX_SWAIT_H

#include "linux/types.h"
#include "linux/list.h"
#include "linux/spinlock_types.h"

struct task_struct;

struct swait_queue_head {
	raw_spinlock_t		lock;
	struct list_head	task_list;
};

struct swait_queue {
	struct task_struct	*task;
	struct list_head	task_list;
};

#define __SWAIT_QUEUE_HEAD_INITIALIZER(name)					\
	{ .lock = __RAW_SPIN_LOCK_INITIALIZER(name.lock),			\
	  .task_list = LIST_HEAD_INIT((name).task_list) }

#define DECLARE_SWAIT_QUEUE_HEAD(name)						\
	struct swait_queue_head name = __SWAIT_QUEUE_HEAD_INITIALIZER(name)

#ifdef __cplusplus
extern "C" {
#endif

void __init_swait_queue_head(struct swait_queue_head *q, const char *name,
			     struct lock_class_key *key);
/* Atomic-safe: wake the first waiter (removing it from the queue), or all of them. */
void swake_up_one(struct swait_queue_head *q);
void swake_up_all(struct swait_queue_head *q);
void swake_up_locked(struct swait_queue_head *q);
/* The waiting side: queue at the tail, set the state, then schedule(); finish_swait() undoes. */
void prepare_to_swait_exclusive(struct swait_queue_head *q, struct swait_queue *wait, int state);
long prepare_to_swait_event(struct swait_queue_head *q, struct swait_queue *wait, int state);
void finish_swait(struct swait_queue_head *q, struct swait_queue *wait);

#ifdef __cplusplus
}
#endif

#define init_swait_queue_head(q)						\
	do {									\
		static struct lock_class_key __key;				\
		__init_swait_queue_head((q), #q, &__key);			\
	} while (0)

static inline int swait_active(struct swait_queue_head *wq)
{
	return !list_empty(&wq->task_list);
}

static inline bool swq_has_sleeper(struct swait_queue_head *wq)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return swait_active(wq);
}

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/spinlock.h"
#include "linux/wait.h"
#endif

#endif
