/* Reader-writer semaphores: down_read/up_read, down_write/up_write, trylocks and downgrade_write. */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H

#include "linux/types.h"
#include "linux/list.h"
#include "linux/atomic.h"
#include "linux/lockdep.h"
#include "linux/spinlock_types.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/linkage.h"
#include "linux/spinlock.h"
#endif

/* count: 0 free, N > 0 held by N readers, -1 held by a writer (kshim's encoding). owner: the
 * writer's task_struct. wait_list: sleepers in FIFO order. */
struct rw_semaphore {
	atomic_long_t		count;
	atomic_long_t		owner;
	raw_spinlock_t		wait_lock;
	struct list_head	wait_list;
	void			*magic;
	struct lockdep_map	dep_map;
};

#define __RWSEM_INITIALIZER(lockname)						\
	{ .count = ATOMIC_LONG_INIT(0),						\
	  .owner = ATOMIC_LONG_INIT(0),						\
	  .wait_lock = __RAW_SPIN_LOCK_INITIALIZER(lockname.wait_lock),		\
	  .wait_list = LIST_HEAD_INIT((lockname).wait_list),			\
	  .magic = &(lockname),							\
	  .dep_map = { .key = 0, .name = #lockname, .wait_type_inner = LD_WAIT_SLEEP } }

#define DECLARE_RWSEM(name) struct rw_semaphore name = __RWSEM_INITIALIZER(name)

#ifdef __cplusplus
extern "C" {
#endif

void __init_rwsem(struct rw_semaphore *sem, const char *name, struct lock_class_key *key);
/* The lock operations may sleep (TASK_UNINTERRUPTIBLE; KILLABLE for _killable, which returns
 * 0 as no signals exist). Readers share; a reader arriving while anyone waits queues behind. */
void down_read(struct rw_semaphore *sem);
void down_read_nested(struct rw_semaphore *sem, int subclass);
int down_read_interruptible(struct rw_semaphore *sem);
int down_read_killable(struct rw_semaphore *sem);
void down_read_non_owner(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
void down_write_nested(struct rw_semaphore *sem, int subclass);
int down_write_killable(struct rw_semaphore *sem);
/* Atomic-safe; 1 on success, 0 if contended. */
int down_read_trylock(struct rw_semaphore *sem);
int down_write_trylock(struct rw_semaphore *sem);
/* Atomic-safe; they wake the waiters that can now run. */
void up_read(struct rw_semaphore *sem);
void up_read_non_owner(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);
void downgrade_write(struct rw_semaphore *sem);

#ifdef __cplusplus
}
#endif

#define init_rwsem(sem)								\
	do {									\
		static struct lock_class_key __key;				\
		__init_rwsem((sem), #sem, &__key);				\
	} while (0)

static inline int rwsem_is_locked(struct rw_semaphore *sem)
{
	return atomic_long_read(&sem->count) != 0;
}

static inline int rwsem_is_contended(struct rw_semaphore *sem)
{
	return !list_empty(&sem->wait_list);
}

#define down_write_nest_lock(sem, nest_lock)	down_write(sem)
#define lockdep_assert_held_write_sem(sem)	lockdep_assert_held_write(sem)

#endif
