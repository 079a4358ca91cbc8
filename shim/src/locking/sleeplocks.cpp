// Sleeping locks: mutexes (FIFO hand-over, DEBUG_MUTEXES checks), counting semaphores and rw_semaphores.
#include <cstddef>

#include "debug/report.hpp"
#include "kernel.hpp"
#include "locking/locking.hpp"
#include "sched/scheduler.hpp"

#include "linux/atomic.h"
#include "linux/errno.h"
#include "linux/lockdep.h"
#include "linux/list.h"
#include "linux/mutex.h"
#include "linux/rwsem.h"
#include "linux/sched.h"
#include "linux/semaphore.h"

namespace kshim {

namespace {

// A sleeper on a wait_list: lives on the sleeper's stack.
struct Waiter {
    list_head node;
    Task *task;
    bool granted = false;   // the lock (or count) was handed over
    bool write = false;     // rwsem: waiting to write
};

Waiter *first_waiter(list_head *head)
{
    return reinterpret_cast<Waiter *>(reinterpret_cast<char *>(head->next) - offsetof(Waiter, node));
}

Waiter *waiter_of(list_head *node)
{
    return reinterpret_cast<Waiter *>(reinterpret_cast<char *>(node) - offsetof(Waiter, node));
}

task_struct *owner_of(const atomic_long_t &v) { return reinterpret_cast<task_struct *>(v.counter); }

// Sleeps until w is granted: 0; or -EINTR, with w off the wait list, once a signal that `state`
// lets through is pending (checked before each sleep, as the kernel's slow paths do). May sleep.
int sleep_until_granted(Kernel &k, Waiter &w, unsigned state)
{
    int ret = 0;
    while (!w.granted) {
        if (Scheduler::signal_pending_state(state, *w.task)) {
            list_del(&w.node);
            ret = -EINTR;
            break;
        }
        sleep_in(k, state);
    }
    k.sched().running()->ts.__state = TASK_RUNNING;
    return ret;
}

}  // namespace

// --- mutex -----------------------------------------------------------------------------------

void Locking::init_mutex(mutex *m, const char *name, lock_class_key *key)
{
    m->owner.counter = 0;
    init_spinlock(&m->wait_lock, "&lock->wait_lock", nullptr, LD_WAIT_SPIN);
    INIT_LIST_HEAD(&m->wait_list);
    m->magic = m;
    Lockdep::init_map(&m->dep_map, name, key, LD_WAIT_SLEEP);
}

int Locking::mutex_lock(mutex *m, unsigned subclass, unsigned state, lockdep_map *nest, uintptr_t ip)
{
    (void)nest;
    k_.reports().check_might_sleep("kernel/locking/mutex.c", 283);
    if (m->magic != m) {
        debug_locks_warn("lock->magic != lock", "kernel/locking/mutex-debug.c", 32, (uintptr_t)&::mutex_lock);
        if (!m->wait_list.next)
            INIT_LIST_HEAD(&m->wait_list);
    }
    Task &t = current_task(k_);
    dep.acquire(&m->dep_map, subclass, false, 0, true, ip);
    if (!m->owner.counter) {
        m->owner.counter = (long)(uintptr_t)&t.ts;
        return 0;
    }
    // Contended: queue in FIFO order; the unlocker hands the mutex over.
    Waiter w{};
    w.task = &t;
    list_add_tail(&w.node, &m->wait_list);
    WaitingOn note(t, WaitKind::Mutex, m);
    int ret = sleep_until_granted(k_, w, state);
    if (ret)
        dep.release(&m->dep_map, ip);
    return ret;
}

bool Locking::mutex_trylock(mutex *m, uintptr_t ip)
{
    if (m->owner.counter)
        return false;
    m->owner.counter = (long)(uintptr_t)&current_task(k_).ts;
    dep.acquire(&m->dep_map, 0, true, 0, true, ip);
    return true;
}

void Locking::mutex_unlock(mutex *m, uintptr_t ip)
{
    Task &t = current_task(k_);
    dep.release(&m->dep_map, ip);
    if (owner_of(m->owner) != &t.ts)
        debug_locks_warn("__owner_task(owner) != current", "kernel/locking/mutex.c", 941,
                         (uintptr_t)&::mutex_unlock);
    if (m->magic != m)
        debug_locks_warn("lock->magic != lock", "kernel/locking/mutex-debug.c", 73, (uintptr_t)&::mutex_unlock);
    if (!m->wait_list.next || list_empty(&m->wait_list)) {
        m->owner.counter = 0;
    } else {
        Waiter *w = first_waiter(&m->wait_list);
        list_del_init(&w->node);
        m->owner.counter = (long)(uintptr_t)&w->task->ts;
        w->granted = true;
        k_.sched().wake(w->task, TASK_NORMAL | TASK_WAKEKILL);
    }
    k_.sched().preempt_point(kPointUnlock);
}

void Locking::mutex_destroy(mutex *m, uintptr_t ip)
{
    if (mutex_is_locked(m))
        debug_locks_warn("mutex_is_locked(lock)", "kernel/locking/mutex-debug.c", 103, ip);
    m->magic = nullptr;
}

bool Locking::dec_and_mutex_lock(atomic_t *cnt, mutex *m, uintptr_t ip)
{
    // Not the last reference: drop it without the lock.
    if (atomic_add_unless(cnt, -1, 1))
        return false;
    mutex_lock(m, 0, TASK_UNINTERRUPTIBLE, nullptr, ip);
    if (atomic_dec_and_test(cnt))
        return true;
    mutex_unlock(m, ip);
    return false;
}

// --- semaphore -------------------------------------------------------------------------------

void Locking::init_semaphore(semaphore *s, int count)
{
    init_spinlock(&s->lock, "&sem->lock", nullptr, LD_WAIT_SPIN);
    s->count = (unsigned)count;
    INIT_LIST_HEAD(&s->wait_list);
}

int Locking::down(semaphore *s, unsigned state, long timeout)
{
    k_.reports().check_might_sleep("kernel/locking/semaphore.c", 55);
    if (s->count > 0) {
        --s->count;
        return 0;
    }
    Waiter w{};
    w.task = &current_task(k_);
    list_add_tail(&w.node, &s->wait_list);
    WaitingOn note(*w.task, WaitKind::Semaphore, s);
    for (;;) {
        if (Scheduler::signal_pending_state(state, *w.task)) {
            list_del(&w.node);
            return -EINTR;
        }
        if (timeout <= 0) {
            list_del(&w.node);
            return -ETIME;
        }
        w.task->ts.__state = state;
        timeout = k_.sched().schedule_timeout(timeout);
        if (w.granted)
            return 0;
    }
}

bool Locking::down_trylock(semaphore *s)
{
    if (s->count == 0)
        return false;
    --s->count;
    return true;
}

void Locking::up(semaphore *s)
{
    if (list_empty(&s->wait_list)) {
        ++s->count;
    } else {
        Waiter *w = first_waiter(&s->wait_list);
        list_del(&w->node);
        w->granted = true;
        k_.sched().wake(w->task, TASK_NORMAL | TASK_WAKEKILL);
    }
    k_.sched().preempt_point(kPointUnlock);
}

// --- rw_semaphore ----------------------------------------------------------------------------

void Locking::init_rw_semaphore(rw_semaphore *s, const char *name, lock_class_key *key)
{
    s->count.counter = 0;
    s->owner.counter = 0;
    init_spinlock(&s->wait_lock, "&sem->wait_lock", nullptr, LD_WAIT_SPIN);
    INIT_LIST_HEAD(&s->wait_list);
    s->magic = s;
    Lockdep::init_map(&s->dep_map, name, key, LD_WAIT_SLEEP);
}

// Hands the rwsem to whoever can have it now: the first waiter if it is a writer and the
// rwsem is free, or every waiting reader if the first waiter is a reader (as rwsem_mark_wake).
void Locking::rwsem_grant(rw_semaphore *s)
{
    Scheduler &sched = k_.sched();
    if (list_empty(&s->wait_list))
        return;
    Waiter *first = first_waiter(&s->wait_list);
    if (first->write) {
        if (s->count.counter != 0)
            return;
        list_del_init(&first->node);
        s->count.counter = -1;
        s->owner.counter = (long)(uintptr_t)&first->task->ts;
        first->granted = true;
        sched.wake(first->task, TASK_NORMAL | TASK_WAKEKILL);
        return;
    }
    if (s->count.counter < 0)
        return;
    list_head *pos = s->wait_list.next;
    while (pos != &s->wait_list) {
        list_head *nxt = pos->next;
        Waiter *w = waiter_of(pos);
        if (!w->write) {
            list_del_init(pos);
            ++s->count.counter;
            w->granted = true;
            sched.wake(w->task, TASK_NORMAL | TASK_WAKEKILL);
        }
        pos = nxt;
    }
}

int Locking::rwsem_down(rw_semaphore *s, bool write, unsigned subclass, unsigned state, uintptr_t ip)
{
    k_.reports().check_might_sleep("kernel/locking/rwsem.c", write ? 1574 : 1519);
    Task &t = current_task(k_);
    dep.acquire(&s->dep_map, subclass, false, write ? 0 : 1, true, ip);
    if (list_empty(&s->wait_list)) {
        if (write && s->count.counter == 0) {
            s->count.counter = -1;
            s->owner.counter = (long)(uintptr_t)&t.ts;
            return 0;
        }
        if (!write && s->count.counter >= 0) {
            ++s->count.counter;
            return 0;
        }
    }
    Waiter w{};
    w.task = &t;
    w.write = write;
    list_add_tail(&w.node, &s->wait_list);
    WaitingOn note(t, WaitKind::RwSem, s);
    int ret = sleep_until_granted(k_, w, state);
    if (ret) {
        dep.release(&s->dep_map, ip);
        rwsem_grant(s);   // a writer that gave up may have been holding back readers behind it
    }
    return ret;
}

bool Locking::rwsem_trylock(rw_semaphore *s, bool write, uintptr_t ip)
{
    if (!list_empty(&s->wait_list))
        return false;
    if (write) {
        if (s->count.counter != 0)
            return false;
        s->count.counter = -1;
        s->owner.counter = (long)(uintptr_t)&current_task(k_).ts;
    } else {
        if (s->count.counter < 0)
            return false;
        ++s->count.counter;
    }
    dep.acquire(&s->dep_map, 0, true, write ? 0 : 1, true, ip);
    return true;
}

void Locking::rwsem_up(rw_semaphore *s, bool write, uintptr_t ip)
{
    dep.release(&s->dep_map, ip);
    if (write) {
        if (s->count.counter != -1 || owner_of(s->owner) != &current_task(k_).ts)
            debug_locks_warn("sem->owner != current", "kernel/locking/rwsem.c", 1379, ip);
        s->count.counter = 0;
        s->owner.counter = 0;
    } else {
        if (s->count.counter <= 0)
            debug_locks_warn("!rwsem_test_oflags(sem, RWSEM_READER_OWNED)", "kernel/locking/rwsem.c",
                             1346, ip);
        else
            --s->count.counter;
    }
    rwsem_grant(s);
    k_.sched().preempt_point(kPointUnlock);
}

void Locking::rwsem_downgrade(rw_semaphore *s)
{
    dep.downgrade(&s->dep_map);
    s->count.counter = 1;
    s->owner.counter = 0;
    rwsem_grant(s);
}

}  // namespace kshim
