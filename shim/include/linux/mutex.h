/* Sleeping mutual-exclusion locks: struct mutex, mutex_lock/unlock/trylock, with the DEBUG_MUTEXES checks. */
#ifndef __LINUX_MUTEX_H
#define __LINUX_MUTEX_H

#include "linux/types.h"
#include "linux/list.h"
#include "linux/atomic.h"
#include "linux/lockdep.h"
#include "linux/spinlock_types.h"
#include "linux/cleanup.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "asm/processor.h"
#include "asm/current.h"
#endif

/* owner holds the holder's task_struct (0 when unlocked); wait_list holds the sleeping lockers
 * in FIFO order. magic points at the mutex itself once initialized. */
struct mutex {
	atomic_long_t		owner;
	raw_spinlock_t		wait_lock;
	struct list_head	wait_list;
	void			*magic;
	struct lockdep_map	dep_map;
};

#define __MUTEX_INITIALIZER(lockname)						\
	{ .owner = ATOMIC_LONG_INIT(0),						\
	  .wait_lock = __RAW_SPIN_LOCK_INITIALIZER(lockname.wait_lock),		\
	  .wait_list = LIST_HEAD_INIT(lockname.wait_list),			\
	  .magic = &lockname,							\
	  .dep_map = { .key = 0, .name = #lockname, .wait_type_inner = LD_WAIT_SLEEP } }

#define DEFINE_MUTEX(mutexname) struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

#ifdef __cplusplus
extern "C" {
#endif

void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key);
/* All lock operations may sleep (TASK_UNINTERRUPTIBLE, or INTERRUPTIBLE/KILLABLE for those
 * variants); waiters get the mutex in FIFO order. The interruptible and killable variants
 * return 0, or -EINTR without the mutex when a signal they let through is pending. */
void mutex_lock(struct mutex *lock);
void mutex_lock_nested(struct mutex *lock, unsigned int subclass);
void _mutex_lock_nest_lock(struct mutex *lock, struct lockdep_map *nest_lock);
void mutex_lock_io(struct mutex *lock);
void mutex_lock_io_nested(struct mutex *lock, unsigned int subclass);
int mutex_lock_interruptible(struct mutex *lock);
int mutex_lock_interruptible_nested(struct mutex *lock, unsigned int subclass);
int mutex_lock_killable(struct mutex *lock);
int mutex_lock_killable_nested(struct mutex *lock, unsigned int subclass);
/* Atomic-safe (though not from hardirq in Linux). Returns 1 if the mutex was taken. */
int mutex_trylock(struct mutex *lock);
/* Must be called by the owner, from process context. Never sleeps; wakes the first waiter. */
void mutex_unlock(struct mutex *lock);
void mutex_destroy(struct mutex *lock);
/* Decrements cnt; if it reaches 0, returns 1 with lock held. May sleep. */
int atomic_dec_and_mutex_lock(atomic_t *cnt, struct mutex *lock);

#ifdef __cplusplus
}
#endif

#define mutex_init(mutex)							\
	do {									\
		static struct lock_class_key __key;				\
		__mutex_init((mutex), #mutex, &__key);				\
	} while (0)

static inline bool mutex_is_locked(struct mutex *lock)
{
	return atomic_long_read(&lock->owner) != 0;
}

#define mutex_lock_nest_lock(lock, nest_lock) _mutex_lock_nest_lock(lock, &(nest_lock)->dep_map)

/* guard(mutex)(&m) and scoped_guard(mutex, &m): see linux/cleanup.h. */
DEFINE_GUARD(mutex, struct mutex *, mutex_lock(_T), mutex_unlock(_T))

#endif
