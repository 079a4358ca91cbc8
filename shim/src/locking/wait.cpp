// Wait queues, simple wait queues and completions: queueing, wake functions and the waits.
#include <climits>

#include "debug/report.hpp"
#include "kernel.hpp"
#include "kthread/kthread.hpp"
#include "locking/locking.hpp"
#include "sched/scheduler.hpp"

#include "linux/completion.h"
#include "linux/errno.h"
#include "linux/lockdep.h"
#include "linux/sched.h"
#include "linux/swait.h"
#include "linux/wait.h"

namespace kshim {

namespace {

wait_queue_entry *entry_of(list_head *node)
{
    return reinterpret_cast<wait_queue_entry *>(reinterpret_cast<char *>(node) -
                                                offsetof(wait_queue_entry, entry));
}

swait_queue *swaiter_of(list_head *node)
{
    return reinterpret_cast<swait_queue *>(reinterpret_cast<char *>(node) - offsetof(swait_queue, task_list));
}

// Sets e's flags for joining a queue `how`.
void mark(wait_queue_entry *e, Locking::Join how)
{
    switch (how) {
    case Locking::Join::Shared: e->flags &= ~WQ_FLAG_EXCLUSIVE; break;
    case Locking::Join::Exclusive: e->flags |= WQ_FLAG_EXCLUSIVE; break;
    case Locking::Join::Priority: e->flags |= WQ_FLAG_EXCLUSIVE | WQ_FLAG_PRIORITY; break;
    case Locking::Join::AsFlagged: break;
    }
}

// Links e into q: exclusive waiters at the tail, the others (and priority ones) at the head.
void insert(wait_queue_head *q, wait_queue_entry *e, Locking::Join how)
{
    if (how != Locking::Join::Priority && (e->flags & WQ_FLAG_EXCLUSIVE))
        __add_wait_queue_entry_tail(q, e);
    else
        __add_wait_queue(q, e);
}

}  // namespace

// --- wait queues -----------------------------------------------------------------------------

void Locking::init_waitqueue(wait_queue_head *q, const char *name, lock_class_key *key)
{
    init_spinlock(&q->lock.rlock, name, key, LD_WAIT_CONFIG);
    INIT_LIST_HEAD(&q->head);
}

void Locking::init_wait_queue_entry(wait_queue_entry *e, int flags)
{
    e->flags = (unsigned)flags;
    e->priv = get_current();
    e->func = autoremove_wake_function;
    INIT_LIST_HEAD(&e->entry);
}

// A head whose lock lost its magic is freed or corrupted memory: reported once (spinlock bad
// magic), and then no list of it is walked or linked (its pointers are garbage). Atomic-safe.
bool Locking::head_corrupt(wait_queue_head *q)
{
    if (q->lock.rlock.magic == SPINLOCK_MAGIC)
        return false;
    spin_bug(&q->lock.rlock, "bad magic");
    return true;
}

void Locking::wait_add(wait_queue_head *q, wait_queue_entry *e, Join how, uintptr_t ip)
{
    mark(e, how);
    if (head_corrupt(q))
        return;
    unsigned long flags = spin_lock(&q->lock.rlock, Mode::Save, 0, ip);
    insert(q, e, how);
    spin_unlock(&q->lock.rlock, Mode::Save, flags, ip);
}

void Locking::wait_remove(wait_queue_head *q, wait_queue_entry *e, uintptr_t ip)
{
    if (head_corrupt(q))
        return;
    unsigned long flags = spin_lock(&q->lock.rlock, Mode::Save, 0, ip);
    __remove_wait_queue(q, e);
    spin_unlock(&q->lock.rlock, Mode::Save, flags, ip);
}

bool Locking::prepare_wait(wait_queue_head *q, wait_queue_entry *e, int state, Join how, uintptr_t ip)
{
    bool was_empty = false;
    mark(e, how);
    if (head_corrupt(q)) {
        current_task(k_).ts.__state = (unsigned)state;  // the caller's sleep then times out
        return false;
    }
    unsigned long flags = spin_lock(&q->lock.rlock, Mode::Save, 0, ip);
    if (list_empty(&e->entry)) {
        was_empty = list_empty(&q->head);
        insert(q, e, how);
    }
    Task &t = current_task(k_);
    t.ts.__state = (unsigned)state;
    t.waits = {WaitKind::WaitQueue, q, nullptr};   // until finish_wait
    spin_unlock(&q->lock.rlock, Mode::Save, flags, ip);
    return was_empty;
}

long Locking::prepare_wait_event(wait_queue_head *q, wait_queue_entry *e, int state, uintptr_t ip)
{
    if (Scheduler::signal_pending_state((unsigned)state, current_task(k_))) {
        if (head_corrupt(q)) {
            INIT_LIST_HEAD(&e->entry);
            return -ERESTARTSYS;
        }
        unsigned long flags = spin_lock(&q->lock.rlock, Mode::Save, 0, ip);
        list_del_init(&e->entry);
        spin_unlock(&q->lock.rlock, Mode::Save, flags, ip);
        return -ERESTARTSYS;
    }
    prepare_wait(q, e, state, Join::AsFlagged, ip);
    return 0;
}

void Locking::finish_wait(wait_queue_head *q, wait_queue_entry *e, uintptr_t ip)
{
    Task &t = current_task(k_);
    t.ts.__state = TASK_RUNNING;
    if (t.waits.kind == WaitKind::WaitQueue)
        t.waits = {};
    if (list_empty_careful(&e->entry))
        return;
    if (head_corrupt(q)) {
        INIT_LIST_HEAD(&e->entry);  // its neighbours are garbage: unlink from nothing
        return;
    }
    unsigned long flags = spin_lock(&q->lock.rlock, Mode::Save, 0, ip);
    list_del_init(&e->entry);
    spin_unlock(&q->lock.rlock, Mode::Save, flags, ip);
}

long Locking::wait_woken(wait_queue_entry *e, unsigned mode, long timeout)
{
    Task &t = current_task(k_);
    t.ts.__state = mode;
    if (!(e->flags & WQ_FLAG_WOKEN))
        timeout = k_.sched().schedule_timeout(timeout);
    t.ts.__state = TASK_RUNNING;
    e->flags &= ~WQ_FLAG_WOKEN;
    return timeout;
}

int Locking::wake_entry(wait_queue_entry *e, unsigned mode, WakeFn fn)
{
    if (fn == WakeFn::Woken)
        e->flags |= WQ_FLAG_WOKEN;
    int woke = k_.sched().wake(Task::of(static_cast<task_struct *>(e->priv)), mode);
    if (woke && fn == WakeFn::Autoremove)
        list_del_init_careful(&e->entry);
    return woke;
}

void Locking::wake(wait_queue_head *q, unsigned mode, int nr, void *key, uintptr_t ip)
{
    if (head_corrupt(q))
        return;
    unsigned long flags = spin_lock(&q->lock.rlock, Mode::Save, 0, ip);
    wake_queue(q, mode, nr, key);
    spin_unlock(&q->lock.rlock, Mode::Save, flags, ip);
    k_.sched().preempt_point(kPointWakeup);
}

void Locking::wake_queue(wait_queue_head *q, unsigned mode, int nr, void *key)
{
    // Every non-exclusive entry, then exclusive ones until nr of them agreed to wake (0: all).
    list_head *pos = q->head.next;
    while (pos != &q->head) {
        list_head *nxt = pos->next;   // the wake function may dequeue the entry
        wait_queue_entry *e = entry_of(pos);
        unsigned flags = e->flags;
        int ret = e->func(e, mode, 0, key);
        if (ret < 0)
            break;
        if (ret && (flags & WQ_FLAG_EXCLUSIVE) && !--nr)
            break;
        pos = nxt;
    }
}

// --- simple wait queues ----------------------------------------------------------------------

void Locking::init_swait(swait_queue_head *q, const char *name, lock_class_key *key)
{
    init_spinlock(&q->lock, name, key, LD_WAIT_SPIN);
    INIT_LIST_HEAD(&q->task_list);
}

void Locking::swake(swait_queue_head *q, bool all)
{
    while (!list_empty(&q->task_list)) {
        swait_queue *w = swaiter_of(q->task_list.next);
        k_.sched().wake(Task::of(w->task), TASK_NORMAL);
        list_del_init(&w->task_list);
        if (!all)
            return;
    }
}

void Locking::prepare_swait(swait_queue_head *q, swait_queue *w, int state)
{
    Task &t = current_task(k_);
    w->task = &t.ts;
    if (list_empty(&w->task_list))
        list_add_tail(&w->task_list, &q->task_list);
    t.ts.__state = (unsigned)state;
}

void Locking::finish_swait(swait_queue *w)
{
    current_task(k_).ts.__state = TASK_RUNNING;
    if (!list_empty_careful(&w->task_list))
        list_del_init(&w->task_list);
}

// --- completions -----------------------------------------------------------------------------

long Locking::wait_for_completion(completion *x, long timeout, unsigned state)
{
    k_.reports().check_might_sleep("kernel/sched/completion.c", 101);
    Task &t = current_task(k_);
    if (!x->done) {
        WaitingOn note(t, WaitKind::Completion, x);
        swait_queue w{};
        w.task = &t.ts;
        INIT_LIST_HEAD(&w.task_list);
        do {
            if (list_empty(&w.task_list))
                list_add_tail(&w.task_list, &x->wait.task_list);
            // A pending signal ends an interruptible (or killable) wait: -ERESTARTSYS.
            if (Scheduler::signal_pending_state(state, t)) {
                timeout = -ERESTARTSYS;
                break;
            }
            t.ts.__state = state;
            timeout = k_.sched().schedule_timeout(timeout);
        } while (!x->done && timeout);
        t.ts.__state = TASK_RUNNING;
        if (!list_empty(&w.task_list))
            list_del_init(&w.task_list);
        if (!x->done || timeout < 0)
            return timeout;
    }
    if (x->done != UINT_MAX)
        --x->done;
    return timeout ? timeout : 1;
}

void Locking::complete(completion *x, bool all)
{
    if (all)
        x->done = UINT_MAX;
    else if (x->done != UINT_MAX)
        ++x->done;
    while (!list_empty(&x->wait.task_list)) {
        swait_queue *w = swaiter_of(x->wait.task_list.next);
        list_del_init(&w->task_list);
        k_.sched().wake(Task::of(w->task), TASK_NORMAL | TASK_WAKEKILL);
        if (!all)
            break;
    }
    k_.sched().preempt_point(kPointWakeup);
}

bool Locking::try_wait_for_completion(completion *x)
{
    if (!READ_ONCE(x->done))
        return false;
    if (x->done != UINT_MAX)
        --x->done;
    return true;
}

void Locking::complete_and_exit(completion *x, long code)
{
    // No preemption point between the two: what follows the completion is core code, never
    // the module's (that is what this call is for).
    Task &t = current_task(k_);
    ++t.preempt_count;
    if (x)
        complete(x, false);
    --t.preempt_count;
    k_.kthreads().exit(code);
}

}  // namespace kshim
