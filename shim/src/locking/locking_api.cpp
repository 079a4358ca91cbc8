// C API bridges for the locking subsystem: spinlocks, rwlocks, mutexes, semaphores, rwsems, wait queues, completions, RCU, lockdep.
#include <algorithm>

#include "kernel.hpp"
#include "locking/locking.hpp"
#include "sched/task.hpp"

#include "linux/completion.h"
#include "linux/kthread.h"
#include "linux/lockdep.h"
#include "linux/mutex.h"
#include "linux/rcupdate.h"
#include "linux/rwsem.h"
#include "linux/semaphore.h"
#include "linux/slab.h"
#include "linux/spinlock.h"
#include "linux/srcu.h"
#include "linux/swait.h"
#include "linux/wait.h"

using kshim::Locking;
using Mode = kshim::Locking::Mode;
using Join = kshim::Locking::Join;
using WakeFn = kshim::Locking::WakeFn;

#define CALLER_IP ((uintptr_t)__builtin_return_address(0))
// Where a bridge takes a wait queue's lock itself: an address inside the bridge, as lockdep's
// "at:" shows the kernel's own wait-queue function.
#define HERE_IP ((uintptr_t)_THIS_IP_)

namespace {
Locking &L() { return kshim::Kernel::get().locking(); }
}  // namespace

extern "C" {

// --- lockdep ---------------------------------------------------------------------------------

void lockdep_init_map_type(struct lockdep_map *lock, const char *name, struct lock_class_key *key,
                           int subclass, unsigned char inner)
{
    (void)subclass;
    kshim::Lockdep::init_map(lock, name, key, inner);
}

void lock_acquire(struct lockdep_map *lock, unsigned int subclass, int trylock, int read, int check,
                  struct lockdep_map *nest_lock, unsigned long ip)
{
    (void)nest_lock;
    L().dep.acquire(lock, subclass, trylock, read, check, ip);
}

void lock_release(struct lockdep_map *lock, unsigned long ip)
{
    L().dep.release(lock, ip);
}

int lock_is_held_type(const struct lockdep_map *lock, int read) { return L().dep.held(lock, read); }
int kshim_lockdep_depth(void) { return L().dep.current_depth(); }
void debug_show_held_locks(struct task_struct *task) { L().dep.print_held_locks(kshim::Task::of(task)); }

void debug_show_all_locks(void) { L().dep.print_all_held_locks(); }

void debug_check_no_locks_held(void) { L().dep.check_no_locks_held(); }

void lockdep_free_key_range(void *start, unsigned long size)
{
    L().dep.free_key_range((uintptr_t)start, (uintptr_t)start + size);
}

void lockdep_register_key(struct lock_class_key *key) { (void)key; }
void lockdep_unregister_key(struct lock_class_key *key) { (void)key; }
void kshim_lockdep_assert_failed(const char *file, int line, unsigned long ip) { L().dep.assert_failed(file, line, ip); }
void lockdep_off(void) { L().dep.set_off(true); }
void lockdep_on(void) { L().dep.set_off(!debug_locks); }

// --- spinlocks -------------------------------------------------------------------------------

void __raw_spin_lock_init(raw_spinlock_t *lock, const char *name, struct lock_class_key *key, short inner)
{
    Locking::init_spinlock(lock, name, key, inner);
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
    Locking::init_rwlock(lock, name, key);
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
    Locking::init_mutex(lock, name, key);
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
    return L().mutex_lock(lock, 0, TASK_INTERRUPTIBLE, nullptr, CALLER_IP);
}
int mutex_lock_interruptible_nested(struct mutex *lock, unsigned int subclass)
{
    return L().mutex_lock(lock, subclass, TASK_INTERRUPTIBLE, nullptr, CALLER_IP);
}
int mutex_lock_killable(struct mutex *lock)
{
    return L().mutex_lock(lock, 0, TASK_KILLABLE, nullptr, CALLER_IP);
}
int mutex_lock_killable_nested(struct mutex *lock, unsigned int subclass)
{
    return L().mutex_lock(lock, subclass, TASK_KILLABLE, nullptr, CALLER_IP);
}
int mutex_trylock(struct mutex *lock) { return L().mutex_trylock(lock, CALLER_IP); }
void mutex_unlock(struct mutex *lock) { L().mutex_unlock(lock, CALLER_IP); }

void mutex_destroy(struct mutex *lock) { L().mutex_destroy(lock, (uintptr_t)&mutex_destroy); }
int atomic_dec_and_mutex_lock(atomic_t *cnt, struct mutex *lock) { return L().dec_and_mutex_lock(cnt, lock, CALLER_IP); }

// --- semaphores ------------------------------------------------------------------------------

void sema_init(struct semaphore *sem, int val) { Locking::init_semaphore(sem, val); }

void down(struct semaphore *sem) { L().down(sem, TASK_UNINTERRUPTIBLE, MAX_SCHEDULE_TIMEOUT); }
int down_interruptible(struct semaphore *sem) { return L().down(sem, TASK_INTERRUPTIBLE, MAX_SCHEDULE_TIMEOUT); }
int down_killable(struct semaphore *sem) { return L().down(sem, TASK_KILLABLE, MAX_SCHEDULE_TIMEOUT); }
int down_trylock(struct semaphore *sem) { return !L().down_trylock(sem); }
int down_timeout(struct semaphore *sem, long timeout) { return L().down(sem, TASK_UNINTERRUPTIBLE, timeout); }
void up(struct semaphore *sem) { L().up(sem); }

// --- rw_semaphores ---------------------------------------------------------------------------

void __init_rwsem(struct rw_semaphore *sem, const char *name, struct lock_class_key *key)
{
    Locking::init_rw_semaphore(sem, name, key);
}

void down_read(struct rw_semaphore *sem) { L().rwsem_down(sem, false, 0, TASK_UNINTERRUPTIBLE, CALLER_IP); }
void down_read_nested(struct rw_semaphore *sem, int subclass)
{
    L().rwsem_down(sem, false, subclass, TASK_UNINTERRUPTIBLE, CALLER_IP);
}
int down_read_interruptible(struct rw_semaphore *sem)
{
    return L().rwsem_down(sem, false, 0, TASK_INTERRUPTIBLE, CALLER_IP);
}
int down_read_killable(struct rw_semaphore *sem)
{
    return L().rwsem_down(sem, false, 0, TASK_KILLABLE, CALLER_IP);
}
void down_read_non_owner(struct rw_semaphore *sem) { L().rwsem_down(sem, false, 0, TASK_UNINTERRUPTIBLE, CALLER_IP); }
void down_write(struct rw_semaphore *sem) { L().rwsem_down(sem, true, 0, TASK_UNINTERRUPTIBLE, CALLER_IP); }
void down_write_nested(struct rw_semaphore *sem, int subclass)
{
    L().rwsem_down(sem, true, subclass, TASK_UNINTERRUPTIBLE, CALLER_IP);
}
int down_write_killable(struct rw_semaphore *sem)
{
    return L().rwsem_down(sem, true, 0, TASK_KILLABLE, CALLER_IP);
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
    Locking::init_waitqueue(wq_head, name, key);
}

int default_wake_function(struct wait_queue_entry *wq_entry, unsigned mode, int flags, void *key)
{
    (void)flags;
    (void)key;
    return L().wake_entry(wq_entry, mode, WakeFn::Default);
}

int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned mode, int sync, void *key)
{
    (void)sync;
    (void)key;
    return L().wake_entry(wq_entry, mode, WakeFn::Autoremove);
}

int woken_wake_function(struct wait_queue_entry *wq_entry, unsigned mode, int sync, void *key)
{
    (void)sync;
    (void)key;
    return L().wake_entry(wq_entry, mode, WakeFn::Woken);
}

void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
    L().wait_add(wq_head, wq_entry, Join::Shared, HERE_IP);
}

void add_wait_queue_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
    L().wait_add(wq_head, wq_entry, Join::Exclusive, HERE_IP);
}

void add_wait_queue_priority(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
    L().wait_add(wq_head, wq_entry, Join::Priority, HERE_IP);
}

void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
    L().wait_remove(wq_head, wq_entry, HERE_IP);
}

void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state)
{
    L().prepare_wait(wq_head, wq_entry, state, Join::Shared, HERE_IP);
}

bool prepare_to_wait_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state)
{
    return L().prepare_wait(wq_head, wq_entry, state, Join::Exclusive, HERE_IP);
}

long prepare_to_wait_event(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state)
{
    return L().prepare_wait_event(wq_head, wq_entry, state, HERE_IP);
}

void init_wait_entry(struct wait_queue_entry *wq_entry, int flags) { Locking::init_wait_queue_entry(wq_entry, flags); }
void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
    L().finish_wait(wq_head, wq_entry, HERE_IP);
}
long wait_woken(struct wait_queue_entry *wq_entry, unsigned mode, long timeout)
{
    return L().wait_woken(wq_entry, mode, timeout);
}

void __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr_exclusive, void *key)
{
    L().wake(wq_head, mode, nr_exclusive, key, HERE_IP);
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
    L().wake(wq_head, mode, 1, key, HERE_IP);
}

void __wake_up_sync(struct wait_queue_head *wq_head, unsigned int mode) { L().wake(wq_head, mode, 1, nullptr, HERE_IP); }

// --- simple wait queues ----------------------------------------------------------------------

void __init_swait_queue_head(struct swait_queue_head *q, const char *name, struct lock_class_key *key)
{
    Locking::init_swait(q, name, key);
}

void swake_up_locked(struct swait_queue_head *q) { L().swake(q, false); }
void swake_up_one(struct swait_queue_head *q) { L().swake(q, false); }
void swake_up_all(struct swait_queue_head *q) { L().swake(q, true); }
void prepare_to_swait_exclusive(struct swait_queue_head *q, struct swait_queue *wait, int state)
{
    L().prepare_swait(q, wait, state);
}

long prepare_to_swait_event(struct swait_queue_head *q, struct swait_queue *wait, int state)
{
    L().prepare_swait(q, wait, state);
    return 0;
}

void finish_swait(struct swait_queue_head *q, struct swait_queue *wait)
{
    (void)q;
    L().finish_swait(wait);
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
    return (int)std::min(0L, L().wait_for_completion(x, MAX_SCHEDULE_TIMEOUT, TASK_INTERRUPTIBLE));   // 0 or -ERESTARTSYS
}
int wait_for_completion_killable(struct completion *x)
{
    return (int)std::min(0L, L().wait_for_completion(x, MAX_SCHEDULE_TIMEOUT, TASK_KILLABLE));   // 0 or -ERESTARTSYS
}
int wait_for_completion_state(struct completion *x, unsigned int state)
{
    return (int)std::min(0L, L().wait_for_completion(x, MAX_SCHEDULE_TIMEOUT, state));   // 0 or -ERESTARTSYS
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

bool try_wait_for_completion(struct completion *x) { return L().try_wait_for_completion(x); }

bool completion_done(struct completion *x) { return READ_ONCE(x->done) != 0; }
void complete(struct completion *x) { L().complete(x, false); }
void complete_all(struct completion *x) { L().complete(x, true); }

void kthread_complete_and_exit(struct completion *comp, long code) { L().complete_and_exit(comp, code); }

// --- RCU -------------------------------------------------------------------------------------

void __rcu_read_lock(void) { L().rcu.enter(CALLER_IP); }
void __rcu_read_unlock(void) { L().rcu.exit(CALLER_IP); }
int rcu_read_lock_held(void) { return L().rcu.nesting() > 0; }
int rcu_read_lock_bh_held(void) { return L().rcu.held_bh(); }
int rcu_read_lock_sched_held(void) { return L().rcu.held_sched(); }
int rcu_read_lock_any_held(void) { return L().rcu.held_sched(); }
void synchronize_rcu(void) { L().rcu.synchronize(); }
void synchronize_rcu_expedited(void) { L().rcu.synchronize(); }
void call_rcu(struct rcu_head *head, rcu_callback_t func) { L().rcu.queue(head, func, nullptr); }
void rcu_barrier(void) { L().rcu.wait_callbacks(); }

void kshim_kvfree_rcu(struct rcu_head *head, void *obj) { L().rcu.kvfree(head, obj); }

}  // extern "C"

extern "C" {

// --- SRCU ------------------------------------------------------------------------------------

int __init_srcu_struct(struct srcu_struct *ssp, const char *name, struct lock_class_key *key)
{
    *ssp = srcu_struct{};
    kshim::Lockdep::init_map(&ssp->dep_map, name, key, LD_WAIT_SLEEP);
    return 0;
}

void cleanup_srcu_struct(struct srcu_struct *ssp) { L().srcu.cleanup(ssp); }
int __srcu_read_lock(struct srcu_struct *ssp) { return L().srcu.enter(ssp, CALLER_IP); }
void __srcu_read_unlock(struct srcu_struct *ssp, int idx) { L().srcu.exit(ssp, idx, CALLER_IP); }
int srcu_read_lock_held(const struct srcu_struct *ssp) { return L().dep.held(&ssp->dep_map, -1); }
void synchronize_srcu(struct srcu_struct *ssp) { L().srcu.synchronize(ssp); }
void synchronize_srcu_expedited(struct srcu_struct *ssp) { L().srcu.synchronize(ssp); }
void call_srcu(struct srcu_struct *, struct rcu_head *, rcu_callback_t) { kshim_not_implemented("call_srcu"); }
void srcu_barrier(struct srcu_struct *) { kshim_not_implemented("srcu_barrier"); }

}  // extern "C"
