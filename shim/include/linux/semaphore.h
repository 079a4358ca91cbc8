/* Counting semaphores: sema_init, down (and its interruptible/killable/trylock/timeout forms), up. */
#ifndef __LINUX_SEMAPHORE_H
#define __LINUX_SEMAPHORE_H

#include "linux/types.h"
#include "linux/list.h"
#include "linux/spinlock_types.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/spinlock.h"
#endif

/* wait_list holds the sleepers in FIFO order; up() hands the count straight to the first. */
struct semaphore {
	raw_spinlock_t		lock;
	unsigned int		count;
	struct list_head	wait_list;
};

#define __SEMAPHORE_INITIALIZER(name, n)					\
{										\
	.lock = __RAW_SPIN_LOCK_INITIALIZER((name).lock),			\
	.count = n,								\
	.wait_list = LIST_HEAD_INIT((name).wait_list),				\
}

#define DEFINE_SEMAPHORE(name) struct semaphore name = __SEMAPHORE_INITIALIZER(name, 1)

#ifdef __cplusplus
extern "C" {
#endif

/* Atomic-safe. */
void sema_init(struct semaphore *sem, int val);
/* May sleep (TASK_UNINTERRUPTIBLE). */
void down(struct semaphore *sem);
/* May sleep; 0 once acquired (no signals exist, so never -EINTR). */
int down_interruptible(struct semaphore *sem);
int down_killable(struct semaphore *sem);
/* Atomic-safe. Returns 0 if the semaphore was acquired, 1 if not (the opposite of spin_trylock). */
int down_trylock(struct semaphore *sem);
/* May sleep at most timeout jiffies; 0 once acquired, -ETIME on timeout. */
int down_timeout(struct semaphore *sem, long timeout);
/* Atomic-safe; any context may call it, not only the downer. */
void up(struct semaphore *sem);

#ifdef __cplusplus
}
#endif

#endif
