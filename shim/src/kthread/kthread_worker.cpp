// kthread_worker: creation, the worker loop, queueing (now and delayed), flushing, cancelling and destruction, as 6.1.
#include "kthread/kthread_worker.hpp"

#include <cstddef>
#include <cstring>

#include "debug/report.hpp"
#include "kernel.hpp"
#include "kthread/kthread.hpp"
#include "mm/memory.hpp"
#include "sched/scheduler.hpp"
#include "time/timer.hpp"

#include "linux/gfp.h"
#include "linux/kthread.h"
#include "linux/list.h"
#include "linux/smp.h"
#include "linux/spinlock.h"

namespace kshim {

// A flush barrier: a work queued behind the one to wait for, and the task waiting on it.
struct KthreadWorkers::Flush {
    kthread_work work;
    Task *waiter;
    bool done;
};

namespace {

kthread_delayed_work *delayed_of(kthread_work *work)
{
    return reinterpret_cast<kthread_delayed_work *>(reinterpret_cast<char *>(work) -
                                                    offsetof(kthread_delayed_work, work));
}

kthread_delayed_work *delayed_of(timer_list *t)
{
    return reinterpret_cast<kthread_delayed_work *>(reinterpret_cast<char *>(t) -
                                                    offsetof(kthread_delayed_work, timer));
}

// The work a delayed work's timer will queue: what unload reports name for the timer.
const void *delayed_work_code(timer_list *t) { return (const void *)delayed_of(t)->work.func; }

}  // namespace

KthreadWorkers::KthreadWorkers(Kernel &k) : k_(k) {}

// A WARN_ON_ONCE of kernel/kthread.c at `line` (6.1's numbering). Any context.
void KthreadWorkers::warn(int line)
{
    k_.reports().warn("kernel/kthread.c", line, (uintptr_t)__builtin_return_address(0), "");
}

void KthreadWorkers::init(kthread_worker *w, const char *name, void *key)
{
    std::memset(static_cast<void *>(w), 0, sizeof *w);
    __raw_spin_lock_init(&w->lock, name, static_cast<lock_class_key *>(key), LD_WAIT_SPIN);
    INIT_LIST_HEAD(&w->work_list);
    INIT_LIST_HEAD(&w->delayed_work_list);
}

kthread_worker *KthreadWorkers::create(int cpu, unsigned flags, std::string name, const void *caller)
{
    auto *w = static_cast<kthread_worker *>(k_.mm().kmalloc(sizeof(kthread_worker), GFP_KERNEL | __GFP_ZERO,
                                                            (uintptr_t)caller));
    if (!w)
        return static_cast<kthread_worker *>(ERR_PTR(-ENOMEM));
    static lock_class_key key;
    init(w, "(worker)->lock", &key);
    Task *t = k_.kthreads().create(&kthread_worker_fn, w, std::move(name), cpu);
    t->owner = k_.module_map().find((uintptr_t)caller);
    w->flags = flags;
    w->task = &t->ts;
    k_.sched().wake(t, TASK_NORMAL);
    return w;
}

int KthreadWorkers::run(kthread_worker *w)
{
    Task *self = k_.sched().running();
    if (w->task && w->task != &self->ts)
        warn(794);
    w->task = &self->ts;
    for (;;) {
        self->ts.__state = TASK_INTERRUPTIBLE;
        // Stopped: leave with the worker detached from this task.
        if (self->should_stop) {
            self->ts.__state = TASK_RUNNING;
            w->task = nullptr;
            return 0;
        }
        kthread_work *work = nullptr;
        if (!list_empty(&w->work_list)) {
            work = list_first_entry(&w->work_list, kthread_work, node);
            list_del_init(&work->node);
        }
        w->current_work = work;
        // A work to run: process context, TASK_RUNNING. None: sleep until one is queued.
        if (work) {
            self->ts.__state = TASK_RUNNING;
            work->func(work);
        } else {
            k_.sched().schedule();
        }
        k_.sched().voluntary_point(false);
    }
}

// kthread_insert_work_sanity_check: work is on no list, and was never queued on another worker.
void KthreadWorkers::sanity(kthread_worker *w, kthread_work *work)
{
    if (!list_empty(&work->node))
        warn(973);
    if (work->worker && work->worker != w)
        warn(975);
}

// kthread_insert_work: links work before pos on w and wakes the worker if it is idle.
void KthreadWorkers::insert(kthread_worker *w, kthread_work *work, list_head *pos)
{
    sanity(w, work);
    list_add_tail(&work->node, pos);
    work->worker = w;
    if (!w->current_work && w->task)
        k_.sched().wake(Task::of(w->task), TASK_NORMAL);
}

bool KthreadWorkers::queue(kthread_worker *w, kthread_work *work)
{
    if (!list_empty(&work->node) || work->canceling)
        return false;
    insert(w, work, &w->work_list);
    return true;
}

void KthreadWorkers::timer_fired(timer_list *t)
{
    kthread_delayed_work *dw = delayed_of(t);
    kthread_work *work = &dw->work;
    kthread_worker *w = work->worker;
    if (!w) {
        warn(1040);
        return;
    }
    list_del_init(&work->node);
    if (!work->canceling)
        insert(w, work, &w->work_list);
}

// __kthread_queue_delayed_work: due now for delay 0, else on the delayed list with its timer.
void KthreadWorkers::queue_delayed_locked(kthread_worker *w, kthread_delayed_work *dw, unsigned long delay)
{
    kthread_work *work = &dw->work;
    if (dw->timer.function != &kthread_delayed_work_timer_fn)
        warn(1064);
    if (!delay) {
        insert(w, work, &w->work_list);
        return;
    }
    sanity(w, work);
    list_add(&work->node, &w->delayed_work_list);
    work->worker = w;
    // Kthreads exist before TimerLists: the resolver goes in at the first delayed queueing.
    if (!resolver_installed_) {
        resolver_installed_ = true;
        k_.timer_lists().resolve_callback(&kthread_delayed_work_timer_fn, &delayed_work_code);
    }
    k_.timer_lists().arm(&dw->timer, k_.clock().jiffies() + delay, kshim_smp_processor_id());
}

bool KthreadWorkers::queue_delayed(kthread_worker *w, kthread_delayed_work *dw, unsigned long delay)
{
    if (!list_empty(&dw->work.node) || dw->work.canceling)
        return false;
    queue_delayed_locked(w, dw, delay);
    return true;
}

// kthread_cancel_delayed_work_timer: disarms the timer with the cancel count raised.
void KthreadWorkers::cancel_timer(kthread_work *work)
{
    ++work->canceling;
    k_.timer_lists().disarm(&delayed_of(work)->timer);
    --work->canceling;
}

// __kthread_cancel_work: takes work off whichever list it is on.
bool KthreadWorkers::dequeue(kthread_work *work)
{
    if (list_empty(&work->node))
        return false;
    list_del_init(&work->node);
    return true;
}

bool KthreadWorkers::mod_delayed(kthread_worker *w, kthread_delayed_work *dw, unsigned long delay)
{
    kthread_work *work = &dw->work;
    bool ret = false;
    // Never queued: nothing to cancel.
    if (work->worker) {
        if (work->worker != w)
            warn(1265);
        cancel_timer(work);
        if (work->canceling)
            return true;   // another cancel owns it; the queue count does not change
        ret = dequeue(work);
    }
    queue_delayed_locked(w, dw, delay);
    return ret;
}

void KthreadWorkers::flush_fn(kthread_work *work)
{
    auto *f = reinterpret_cast<Flush *>(reinterpret_cast<char *>(work) - offsetof(Flush, work));
    f->done = true;
    Kernel::get().sched().wake(f->waiter, TASK_NORMAL);
}

// Sleeps (uninterruptible) until the barrier f has run.
void KthreadWorkers::wait(Flush &f)
{
    kshim_might_sleep("kernel/sched/completion.c", 138);
    while (!f.done) {
        f.waiter->ts.__state = TASK_UNINTERRUPTIBLE;
        k_.sched().schedule();
    }
}

void KthreadWorkers::flush_work(kthread_work *work)
{
    kthread_worker *w = work->worker;
    if (!w)
        return;
    Flush f{{}, &k_.sched().current_or_boot(), false};
    INIT_LIST_HEAD(&f.work.node);
    f.work.func = &KthreadWorkers::flush_fn;
    // Behind the pending work, or first in line behind the running one; else nothing to wait for.
    if (!list_empty(&work->node))
        insert(w, &f.work, work->node.next);
    else if (w->current_work == work)
        insert(w, &f.work, w->work_list.next);
    else
        return;
    wait(f);
}

void KthreadWorkers::flush_worker(kthread_worker *w)
{
    Flush f{{}, &k_.sched().current_or_boot(), false};
    INIT_LIST_HEAD(&f.work.node);
    f.work.func = &KthreadWorkers::flush_fn;
    queue(w, &f.work);
    wait(f);
}

bool KthreadWorkers::cancel_sync(kthread_work *work, bool delayed)
{
    kthread_worker *w = work->worker;
    if (!w)
        return false;
    if (delayed)
        cancel_timer(work);
    bool ret = dequeue(work);
    if (w->current_work != work)
        return ret;
    ++work->canceling;
    flush_work(work);
    --work->canceling;
    return ret;
}

void KthreadWorkers::destroy(kthread_worker *w)
{
    task_struct *task = w->task;
    if (!task) {
        warn(1401);
        return;
    }
    flush_worker(w);
    k_.kthreads().stop(Task::of(task));
    if (!list_empty(&w->work_list))
        warn(1406);
    k_.mm().kfree(w, (uintptr_t)__builtin_return_address(0));
}

}  // namespace kshim
