// C API bridges for the locking subsystem: spinlocks, rwlocks, mutexes, semaphores, rwsems, wait queues, completions, RCU, lockdep.
#include <climits>

#include "kernel.hpp"
#include "kthread/kthread.hpp"
#include "locking/locking.hpp"
#include "sched/scheduler.hpp"

#include "linux/completion.h"
#include "linux/kthread.h"
#include "linux/lockdep.h"
#include "linux/mutex.h"
#include "linux/rcupdate.h"
#include "linux/rwsem.h"
#include "linux/semaphore.h"
#include "linux/slab.h"
#include "linux/spinlock.h"
#include "linux/swait.h"
#include "linux/wait.h"

using kshim::Locking;
using Mode = kshim::Locking::Mode;

#define CALLER_IP ((uintptr_t)__builtin_return_address(0))

namespace {
Locking &L() { return Locking::get(); }
}  // namespace

extern "C" {

// --- lockdep ---------------------------------------------------------------------------------

void lockdep_init_map_type(struct lockdep_map *lock, const char *name, struct lock_class_key *key,
                           int subclass, unsigned char inner)
{
    (void)subclass;
    lock->key = key;
    lock->name = name;
    lock->wait_type_inner = inner;
}

void lock_acquire(struct lockdep_map *lock, unsigned int subclass, int trylock, int read, int check,
                  struct lockdep_map *nest_lock, unsigned long ip)
{
    (void)nest_lock;
    L().dep.acquire(lock, subclass, trylock, read, check, ip);
}

void lock_release(struct lockdep_map *lock, unsigned long ip)
{
    (void)ip;
    L().dep.release(lock);
}

int lock_is_held_type(const struct lockdep_map *lock, int read) { return L().dep.held(lock, read); }
int kshim_lockdep_depth(void) { return L().dep.depth(&kshim::current_task()); }
void debug_show_held_locks(struct task_struct *task) { L().dep.print_held_locks(kshim::Task::of(task)); }

void debug_show_all_locks(void)
{
    for (auto &t : kshim::Kernel::get().sched().tasks())
        if (t->alive() && L().dep.depth(t.get()))
            L().dep.print_held_locks(t.get());
}

void debug_check_no_locks_held(void) { L().dep.check_no_locks_held(); }

void lockdep_free_key_range(void *start, unsigned long size)
{
    L().dep.free_key_range((uintptr_t)start, (uintptr_t)start + size);
}

void lockdep_register_key(struct lock_class_key *key) { (void)key; }
void lockdep_unregister_key(struct lock_class_key *key) { (void)key; }
void lockdep_off(void) { L().dep.set_off(true); }
void lockdep_on(void) { L().dep.set_off(!debug_locks); }

// --- spinlocks -------------------------------------------------------------------------------

void __raw_spin_lock_init(raw_spinlock_t *lock, const char *name, struct lock_class_key *key, short inner)
{
    lock->raw_lock.val = 0;
    lock->magic = SPINLOCK_MAGIC;
    lock->owner = SPINLOCK_OWNER_INIT;
    lock->owner_cpu = (unsigned)-1;
    lockdep_init_map_type(&lock->dep_map, name, key, 0, (unsigned char)inner);
}

void _raw_spin_lock(raw_spinlock_t *lock) { L().spin_lock(lock, Mode::Plain, 0, CALLER_IP); }
void _raw_spin_lock_nested(raw_spinlock_t *lock, int subclass) { L().spin_lock(lock, Mode::Plain, subclass, CALLER_IP); }
void _raw_spin_lock_bh(raw_spinlock_t *lock) { L().spin_lock(lock, Mode::Bh, 0, CALLER_IP); }
void _raw_spin_lock_irq(raw_spinlock_t *lock) { L().spin_lock(lock, Mode::Irq, 0, CALLER_IP); }
unsigned long _raw_spin_lock_irqsave(raw_spinlock_t *lock) { return L().spin_lock(lock, Mode::Save, 0, CALLER_IP); }
unsigned long _raw_spin_lock_irqsave_nested(raw_spinlock_t *lock, int subclass)
{
    return L().spin_lock(lock, Mode::Save, subclass, CALLER_IP);
}
int _raw_spin_trylock(raw_spinlock_t *lock) { return L().spin_trylock(lock, Mode::Plain, CALLER_IP); }
int _raw_spin_trylock_bh(raw_spinlock_t *lock) { return L().spin_trylock(lock, Mode::Bh, CALLER_IP); }
void _raw_spin_unlock(raw_spinlock_t *lock) { L().spin_unlock(lock, Mode::Plain, 0, CALLER_IP); }
void _raw_spin_unlock_bh(raw_spinlock_t *lock) { L().spin_unlock(lock, Mode::Bh, 0, CALLER_IP); }
void _raw_spin_unlock_irq(raw_spinlock_t *lock) { L().spin_unlock(lock, Mode::Irq, 0, CALLER_IP); }
void _raw_spin_unlock_irqrestore(raw_spinlock_t *lock, unsigned long flags)
{
    L().spin_unlock(lock, Mode::Save, flags, CALLER_IP);
}

// --- rwlocks ---------------------------------------------------------------------------------

void __rwlock_init(rwlock_t *lock, const char *name, struct lock_class_key *key)
{
    lock->raw_lock.readers = 0;
    lock->raw_lock.writer = 0;
    lock->magic = RWLOCK_MAGIC;
    lock->owner = SPINLOCK_OWNER_INIT;
    lock->owner_cpu = (unsigned)-1;
    lockdep_init_map_type(&lock->dep_map, name, key, 0, LD_WAIT_CONFIG);
}

void _raw_read_lock(rwlock_t *lock) { L().rw_lock(lock, false, Mode::Plain, 0, CALLER_IP); }
void _raw_read_lock_bh(rwlock_t *lock) { L().rw_lock(lock, false, Mode::Bh, 0, CALLER_IP); }
void _raw_read_lock_irq(rwlock_t *lock) { L().rw_lock(lock, false, Mode::Irq, 0, CALLER_IP); }
unsigned long _raw_read_lock_irqsave(rwlock_t *lock) { return L().rw_lock(lock, false, Mode::Save, 0, CALLER_IP); }
int _raw_read_trylock(rwlock_t *lock) { return L().rw_trylock(lock, false, Mode::Plain, CALLER_IP); }
void _raw_read_unlock(rwlock_t *lock) { L().rw_unlock(lock, false, Mode::Plain, 0, CALLER_IP); }
void _raw_read_unlock_bh(rwlock_t *lock) { L().rw_unlock(lock, false, Mode::Bh, 0, CALLER_IP); }
void _raw_read_unlock_irq(rwlock_t *lock) { L().rw_unlock(lock, false, Mode::Irq, 0, CALLER_IP); }
void _raw_read_unlock_irqrestore(rwlock_t *lock, unsigned long flags)
{
    L().rw_unlock(lock, false, Mode::Save, flags, CALLER_IP);
}
void _raw_write_lock(rwlock_t *lock) { L().rw_lock(lock, true, Mode::Plain, 0, CALLER_IP); }
void _raw_write_lock_nested(rwlock_t *lock, int subclass) { L().rw_lock(lock, true, Mode::Plain, subclass, CALLER_IP); }
void _raw_write_lock_bh(rwlock_t *lock) { L().rw_lock(lock, true, Mode::Bh, 0, CALLER_IP); }
void _raw_write_lock_irq(rwlock_t *lock) { L().rw_lock(lock, true, Mode::Irq, 0, CALLER_IP); }
unsigned long _raw_write_lock_irqsave(rwlock_t *lock) { return L().rw_lock(lock, true, Mode::Save, 0, CALLER_IP); }
int _raw_write_trylock(rwlock_t *lock) { return L().rw_trylock(lock, true, Mode::Plain, CALLER_IP); }
void _raw_write_unlock(rwlock_t *lock) { L().rw_unlock(lock, true, Mode::Plain, 0, CALLER_IP); }
void _raw_write_unlock_bh(rwlock_t *lock) { L().rw_unlock(lock, true, Mode::Bh, 0, CALLER_IP); }
void _raw_write_unlock_irq(rwlock_t *lock) { L().rw_unlock(lock, true, Mode::Irq, 0, CALLER_IP); }
void _raw_write_unlock_irqrestore(rwlock_t *lock, unsigned long flags)
{
    L().rw_unlock(lock, true, Mode::Save, flags, CALLER_IP);
}

// --- mutexes ---------------------------------------------------------------------------------

void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key)
{
    lock->owner.counter = 0;
    __raw_spin_lock_init(&lock->wait_lock, "&lock->wait_lock", nullptr, LD_WAIT_SPIN);
    INIT_LIST_HEAD(&lock->wait_list);
    lock->magic = lock;
    lockdep_init_map_type(&lock->dep_map, name, key, 0, LD_WAIT_SLEEP);
}

void mutex_lock(struct mutex *lock) { L().mutex_lock(lock, 0, TASK_UNINTERRUPTIBLE, nullptr, CALLER_IP); }
void mutex_lock_nested(struct mutex *lock, unsigned int subclass)
{
    L().mutex_lock(lock, subclass, TASK_UNINTERRUPTIBLE, nullptr, CALLER_IP);
}
void _mutex_lock_nest_lock(struct mutex *lock, struct lockdep_map *nest_lock)
{
    L().mutex_lock(lock, 0, TASK_UNINTERRUPTIBLE, nest_lock, CALLER_IP);
}
void mutex_lock_io(struct mutex *lock) { L().mutex_lock(lock, 0, TASK_UNINTERRUPTIBLE, nullptr, CALLER_IP); }
void mutex_lock_io_nested(struct mutex *lock, unsigned int subclass)
{
    L().mutex_lock(lock, subclass, TASK_UNINTERRUPTIBLE, nullptr, CALLER_IP);
}
int mutex_lock_interruptible(struct mutex *lock)
{
    L().mutex_lock(lock, 0, TASK_INTERRUPTIBLE, nullptr, CALLER_IP);
    return 0;
}
int mutex_lock_interruptible_nested(struct mutex *lock, unsigned int subclass)
{
    L().mutex_lock(lock, subclass, TASK_INTERRUPTIBLE, nullptr, CALLER_IP);
    return 0;
}
int mutex_lock_killable(struct mutex *lock)
{
    L().mutex_lock(lock, 0, TASK_KILLABLE, nullptr, CALLER_IP);
    return 0;
}
int mutex_lock_killable_nested(struct mutex *lock, unsigned int subclass)
{
    L().mutex_lock(lock, subclass, TASK_KILLABLE, nullptr, CALLER_IP);
    return 0;
}
int mutex_trylock(struct mutex *lock) { return L().mutex_trylock(lock, CALLER_IP); }
void mutex_unlock(struct mutex *lock) { L().mutex_unlock(lock, CALLER_IP); }

void mutex_destroy(struct mutex *lock)
{
    if (mutex_is_locked(lock))
        L().debug_locks_warn("mutex_is_locked(lock)", "kernel/locking/mutex-debug.c", 103,
                             (uintptr_t)&mutex_destroy);
    lock->magic = nullptr;
}

int atomic_dec_and_mutex_lock(atomic_t *cnt, struct mutex *lock)
{
    if (atomic_add_unless(cnt, -1, 1))
        return 0;
    L().mutex_lock(lock, 0, TASK_UNINTERRUPTIBLE, nullptr, CALLER_IP);
    if (!atomic_dec_and_test(cnt)) {
        L().mutex_unlock(lock, CALLER_IP);
        return 0;
    }
    return 1;
}

// --- semaphores ------------------------------------------------------------------------------

void sema_init(struct semaphore *sem, int val)
{
    __raw_spin_lock_init(&sem->lock, "&sem->lock", nullptr, LD_WAIT_SPIN);
    sem->count = (unsigned)val;
    INIT_LIST_HEAD(&sem->wait_list);
}

void down(struct semaphore *sem) { L().down(sem, TASK_UNINTERRUPTIBLE, MAX_SCHEDULE_TIMEOUT); }
int down_interruptible(struct semaphore *sem) { return L().down(sem, TASK_INTERRUPTIBLE, MAX_SCHEDULE_TIMEOUT); }
int down_killable(struct semaphore *sem) { return L().down(sem, TASK_KILLABLE, MAX_SCHEDULE_TIMEOUT); }
int down_trylock(struct semaphore *sem) { return L().down_trylock(sem) ? 0 : 1; }
int down_timeout(struct semaphore *sem, long timeout) { return L().down(sem, TASK_UNINTERRUPTIBLE, timeout); }
void up(struct semaphore *sem) { L().up(sem); }

// --- rw_semaphores ---------------------------------------------------------------------------

void __init_rwsem(struct rw_semaphore *sem, const char *name, struct lock_class_key *key)
{
    sem->count.counter = 0;
    sem->owner.counter = 0;
    __raw_spin_lock_init(&sem->wait_lock, "&sem->wait_lock", nullptr, LD_WAIT_SPIN);
    INIT_LIST_HEAD(&sem->wait_list);
    sem->magic = sem;
    lockdep_init_map_type(&sem->dep_map, name, key, 0, LD_WAIT_SLEEP);
}

void down_read(struct rw_semaphore *sem) { L().rwsem_down(sem, false, 0, TASK_UNINTERRUPTIBLE, CALLER_IP); }
void down_read_nested(struct rw_semaphore *sem, int subclass)
{
    L().rwsem_down(sem, false, subclass, TASK_UNINTERRUPTIBLE, CALLER_IP);
}
int down_read_interruptible(struct rw_semaphore *sem)
{
    L().rwsem_down(sem, false, 0, TASK_INTERRUPTIBLE, CALLER_IP);
    return 0;
}
int down_read_killable(struct rw_semaphore *sem)
{
    L().rwsem_down(sem, false, 0, TASK_KILLABLE, CALLER_IP);
    return 0;
}
void down_read_non_owner(struct rw_semaphore *sem) { L().rwsem_down(sem, false, 0, TASK_UNINTERRUPTIBLE, CALLER_IP); }
void down_write(struct rw_semaphore *sem) { L().rwsem_down(sem, true, 0, TASK_UNINTERRUPTIBLE, CALLER_IP); }
void down_write_nested(struct rw_semaphore *sem, int subclass)
{
    L().rwsem_down(sem, true, subclass, TASK_UNINTERRUPTIBLE, CALLER_IP);
}
int down_write_killable(struct rw_semaphore *sem)
{
    L().rwsem_down(sem, true, 0, TASK_KILLABLE, CALLER_IP);
    return 0;
}
int down_read_trylock(struct rw_semaphore *sem) { return L().rwsem_trylock(sem, false, CALLER_IP); }
int down_write_trylock(struct rw_semaphore *sem) { return L().rwsem_trylock(sem, true, CALLER_IP); }
void up_read(struct rw_semaphore *sem) { L().rwsem_up(sem, false, CALLER_IP); }
void up_read_non_owner(struct rw_semaphore *sem) { L().rwsem_up(sem, false, CALLER_IP); }
void up_write(struct rw_semaphore *sem) { L().rwsem_up(sem, true, CALLER_IP); }
void downgrade_write(struct rw_semaphore *sem) { L().rwsem_downgrade(sem); }

// --- wait queues -----------------------------------------------------------------------------

void __init_waitqueue_head(struct wait_queue_head *wq_head, const char *name, struct lock_class_key *key)
{
    __raw_spin_lock_init(&wq_head->lock.rlock, name, key, LD_WAIT_CONFIG);
    INIT_LIST_HEAD(&wq_head->head);
}

int default_wake_function(struct wait_queue_entry *wq_entry, unsigned mode, int flags, void *key)
{
    (void)flags;
    (void)key;
    return wake_up_state(static_cast<task_struct *>(wq_entry->priv), mode);
}

int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned mode, int sync, void *key)
{
    int ret = default_wake_function(wq_entry, mode, sync, key);
    if (ret)
        list_del_init_careful(&wq_entry->entry);
    return ret;
}

int woken_wake_function(struct wait_queue_entry *wq_entry, unsigned mode, int sync, void *key)
{
    wq_entry->flags |= WQ_FLAG_WOKEN;
    return default_wake_function(wq_entry, mode, sync, key);
}

void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
    unsigned long flags;
    wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
    spin_lock_irqsave(&wq_head->lock, flags);
    __add_wait_queue(wq_head, wq_entry);
    spin_unlock_irqrestore(&wq_head->lock, flags);
}

void add_wait_queue_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
    unsigned long flags;
    wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
    spin_lock_irqsave(&wq_head->lock, flags);
    __add_wait_queue_entry_tail(wq_head, wq_entry);
    spin_unlock_irqrestore(&wq_head->lock, flags);
}

void add_wait_queue_priority(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
    unsigned long flags;
    wq_entry->flags |= WQ_FLAG_EXCLUSIVE | WQ_FLAG_PRIORITY;
    spin_lock_irqsave(&wq_head->lock, flags);
    __add_wait_queue(wq_head, wq_entry);
    spin_unlock_irqrestore(&wq_head->lock, flags);
}

void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
    unsigned long flags;
    spin_lock_irqsave(&wq_head->lock, flags);
    __remove_wait_queue(wq_head, wq_entry);
    spin_unlock_irqrestore(&wq_head->lock, flags);
}

void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state)
{
    unsigned long flags;
    wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
    spin_lock_irqsave(&wq_head->lock, flags);
    if (list_empty(&wq_entry->entry))
        __add_wait_queue(wq_head, wq_entry);
    set_current_state(state);
    spin_unlock_irqrestore(&wq_head->lock, flags);
}

bool prepare_to_wait_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state)
{
    unsigned long flags;
    bool was_empty = false;
    wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
    spin_lock_irqsave(&wq_head->lock, flags);
    if (list_empty(&wq_entry->entry)) {
        was_empty = list_empty(&wq_head->head);
        __add_wait_queue_entry_tail(wq_head, wq_entry);
    }
    set_current_state(state);
    spin_unlock_irqrestore(&wq_head->lock, flags);
    return was_empty;
}

long prepare_to_wait_event(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state)
{
    unsigned long flags;
    spin_lock_irqsave(&wq_head->lock, flags);
    if (list_empty(&wq_entry->entry)) {
        if (wq_entry->flags & WQ_FLAG_EXCLUSIVE)
            __add_wait_queue_entry_tail(wq_head, wq_entry);
        else
            __add_wait_queue(wq_head, wq_entry);
    }
    set_current_state(state);
    spin_unlock_irqrestore(&wq_head->lock, flags);
    return 0;   // no signals: never -ERESTARTSYS
}

void init_wait_entry(struct wait_queue_entry *wq_entry, int flags)
{
    wq_entry->flags = (unsigned)flags;
    wq_entry->priv = get_current();
    wq_entry->func = autoremove_wake_function;
    INIT_LIST_HEAD(&wq_entry->entry);
}

void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
    unsigned long flags;
    __set_current_state(TASK_RUNNING);
    if (!list_empty_careful(&wq_entry->entry)) {
        spin_lock_irqsave(&wq_head->lock, flags);
        list_del_init(&wq_entry->entry);
        spin_unlock_irqrestore(&wq_head->lock, flags);
    }
}

long wait_woken(struct wait_queue_entry *wq_entry, unsigned mode, long timeout)
{
    set_current_state(mode);
    if (!(wq_entry->flags & WQ_FLAG_WOKEN))
        timeout = schedule_timeout(timeout);
    __set_current_state(TASK_RUNNING);
    wq_entry->flags &= ~WQ_FLAG_WOKEN;
    return timeout;
}

void __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr_exclusive, void *key)
{
    unsigned long flags;
    spin_lock_irqsave(&wq_head->lock, flags);
    L().wake_queue(wq_head, mode, nr_exclusive, key);
    spin_unlock_irqrestore(&wq_head->lock, flags);
}

void __wake_up_locked_key(struct wait_queue_head *wq_head, unsigned int mode, void *key)
{
    L().wake_queue(wq_head, mode, 1, key);
}

void __wake_up_locked(struct wait_queue_head *wq_head, unsigned int mode, int nr)
{
    L().wake_queue(wq_head, mode, nr, nullptr);
}

void __wake_up_sync_key(struct wait_queue_head *wq_head, unsigned int mode, void *key)
{
    __wake_up(wq_head, mode, 1, key);
}

void __wake_up_sync(struct wait_queue_head *wq_head, unsigned int mode) { __wake_up(wq_head, mode, 1, nullptr); }

// --- simple wait queues ----------------------------------------------------------------------

void __init_swait_queue_head(struct swait_queue_head *q, const char *name, struct lock_class_key *key)
{
    __raw_spin_lock_init(&q->lock, name, key, LD_WAIT_SPIN);
    INIT_LIST_HEAD(&q->task_list);
}

void swake_up_locked(struct swait_queue_head *q)
{
    if (list_empty(&q->task_list))
        return;
    struct swait_queue *w = list_first_entry(&q->task_list, struct swait_queue, task_list);
    wake_up_process(w->task);
    list_del_init(&w->task_list);
}

void swake_up_one(struct swait_queue_head *q) { swake_up_locked(q); }

void swake_up_all(struct swait_queue_head *q)
{
    while (!list_empty(&q->task_list))
        swake_up_locked(q);
}

void prepare_to_swait_exclusive(struct swait_queue_head *q, struct swait_queue *wait, int state)
{
    wait->task = get_current();
    if (list_empty(&wait->task_list))
        list_add_tail(&wait->task_list, &q->task_list);
    set_current_state(state);
}

long prepare_to_swait_event(struct swait_queue_head *q, struct swait_queue *wait, int state)
{
    prepare_to_swait_exclusive(q, wait, state);
    return 0;
}

void finish_swait(struct swait_queue_head *q, struct swait_queue *wait)
{
    (void)q;
    __set_current_state(TASK_RUNNING);
    if (!list_empty_careful(&wait->task_list))
        list_del_init(&wait->task_list);
}

// --- completions -----------------------------------------------------------------------------

void wait_for_completion(struct completion *x)
{
    L().wait_for_completion(x, MAX_SCHEDULE_TIMEOUT, TASK_UNINTERRUPTIBLE);
}
void wait_for_completion_io(struct completion *x)
{
    L().wait_for_completion(x, MAX_SCHEDULE_TIMEOUT, TASK_UNINTERRUPTIBLE);
}
int wait_for_completion_interruptible(struct completion *x)
{
    L().wait_for_completion(x, MAX_SCHEDULE_TIMEOUT, TASK_INTERRUPTIBLE);
    return 0;
}
int wait_for_completion_killable(struct completion *x)
{
    L().wait_for_completion(x, MAX_SCHEDULE_TIMEOUT, TASK_KILLABLE);
    return 0;
}
int wait_for_completion_state(struct completion *x, unsigned int state)
{
    L().wait_for_completion(x, MAX_SCHEDULE_TIMEOUT, state);
    return 0;
}
unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout)
{
    return (unsigned long)L().wait_for_completion(x, (long)timeout, TASK_UNINTERRUPTIBLE);
}
unsigned long wait_for_completion_io_timeout(struct completion *x, unsigned long timeout)
{
    return (unsigned long)L().wait_for_completion(x, (long)timeout, TASK_UNINTERRUPTIBLE);
}
long wait_for_completion_interruptible_timeout(struct completion *x, unsigned long timeout)
{
    return L().wait_for_completion(x, (long)timeout, TASK_INTERRUPTIBLE);
}
long wait_for_completion_killable_timeout(struct completion *x, unsigned long timeout)
{
    return L().wait_for_completion(x, (long)timeout, TASK_KILLABLE);
}

bool try_wait_for_completion(struct completion *x)
{
    if (!READ_ONCE(x->done))
        return false;
    if (x->done != UINT_MAX)
        x->done--;
    return true;
}

bool completion_done(struct completion *x) { return READ_ONCE(x->done) != 0; }
void complete(struct completion *x) { L().complete(x, false); }
void complete_all(struct completion *x) { L().complete(x, true); }

void kthread_complete_and_exit(struct completion *comp, long code)
{
    if (comp)
        complete(comp);
    kthread_exit(code);
}

// --- RCU -------------------------------------------------------------------------------------

void __rcu_read_lock(void) { L().rcu.enter(CALLER_IP); }
void __rcu_read_unlock(void) { L().rcu.exit(CALLER_IP); }
int rcu_read_lock_held(void) { return L().rcu.nesting() > 0; }
int rcu_read_lock_bh_held(void) { return L().rcu.nesting() > 0 || softirq_count() != 0; }
int rcu_read_lock_sched_held(void) { return L().rcu.nesting() > 0 || preempt_count() != 0 || irqs_disabled(); }
int rcu_read_lock_any_held(void) { return rcu_read_lock_sched_held(); }
void synchronize_rcu(void) { L().rcu.synchronize(); }
void synchronize_rcu_expedited(void) { L().rcu.synchronize(); }
void call_rcu(struct rcu_head *head, rcu_callback_t func) { L().rcu.queue(head, func, nullptr); }
void rcu_barrier(void) { L().rcu.wait_callbacks(); }

void kshim_kvfree_rcu(struct rcu_head *head, void *obj)
{
    if (!head) {
        // The headless form: may sleep, and frees after a grace period of its own.
        L().rcu.synchronize();
        kvfree(obj);
        return;
    }
    L().rcu.queue(head, nullptr, obj);
}

}  // extern "C"
