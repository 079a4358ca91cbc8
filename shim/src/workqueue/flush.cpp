// CMWQ flushing: flush colors, flush_work waiters, draining, the flush-dependency checks.
#include "workqueue/workqueue.hpp"

#include <algorithm>

#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "time/timer.hpp"
#include "kernel.hpp"
#include "locking/locking.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"
#include "sched/scheduler.hpp"
#include "workqueue/work_data.hpp"

#include "linux/list.h"
#include "linux/sched.h"
#include "linux/workqueue.h"

namespace kshim {

// Sleeps uninterruptibly until flag is set by whoever wakes the task; `why` is what it waits
// for (deadlock reports). May sleep.
void Workqueues::sleep_until(bool &flag, const WaitNote &why)
{
    Task *self = k_.sched().running();
    if (!self)
        k_.reports().fatal_outside_task("flush");
    WaitingOn note(*self, why.kind, why.obj, why.target);
    while (!flag) {
        self->ts.__state = TASK_UNINTERRUPTIBLE;
        k_.sched().schedule();
    }
}

// check_flush_dependency: a WQ_MEM_RECLAIM item must not wait for !WQ_MEM_RECLAIM work
// (WARN_ONCE); atomic-safe.
void Workqueues::check_flush_dependency(workqueue_struct *target, work_func_t target_func)
{
    Worker *w = self_worker();
    if (!w || !w->current_pwq || (target && (target->flags & WQ_MEM_RECLAIM)))
        return;
    workqueue_struct *mine = w->current_pwq->wq;
    if ((mine->flags & (WQ_MEM_RECLAIM | __WQ_LEGACY)) != WQ_MEM_RECLAIM || reclaim_warned_)
        return;
    reclaim_warned_ = true;  // WARN_ONCE
    const std::string cur = k_.symbols().text((uintptr_t)w->current_func, 's');
    const std::string tgt = target_func ? k_.symbols().text((uintptr_t)target_func, 's') : "0x0";
    k_.reports().warn(__FILE__, __LINE__, (uintptr_t)__builtin_return_address(0),
                      strprintf("workqueue: WQ_MEM_RECLAIM %s:%s is flushing !WQ_MEM_RECLAIM %s:%s",
                                mine->name.c_str(), cur.c_str(), target ? target->name.c_str() : "", tgt.c_str()));
}

// Whether the current task is a worker running an item of wq; atomic-safe.
bool Workqueues::runs_item_of(workqueue_struct *wq) const
{
    Worker *w = self_worker();
    return w && w->current_pwq && w->current_pwq->wq == wq;
}

// lock_map_acquire + lock_map_release: lockdep learns that the caller waits for whoever holds
// m, and reports a self-deadlock or an inverted order then. Atomic-safe.
void Workqueues::touch_map(lockdep_map *m, uintptr_t ip)
{
    Lockdep &dep = k_.locking().dep;
    dep.acquire(m, 0, false, 0, true, ip);
    dep.release(m, ip);
}

// Wakes, oldest first, the flushers of wq whose colors have all drained; atomic-safe.
void Workqueues::wake_flushers(workqueue_struct *wq)
{
    // The oldest flushers of this workqueue finish first; each waits for its color and older.
    for (Flusher *f : flushers_) {
        if (f->wq != wq || f->done)
            continue;
        // It waits for every color except those handed out after its own.
        bool clear = true;
        for (unsigned c = 0; c < 16; ++c) {
            unsigned newer = (c - f->color) & 15;
            bool after = newer != 0 && newer <= ((wq->work_color - f->color) & 15);
            if (!after && wq->inflight[c])
                clear = false;
        }
        if (!clear)
            break;
        f->done = true;
        k_.sched().wake(f->task, TASK_NORMAL);
    }
}

// __flush_workqueue: waits for every item queued before the call; may sleep. From one of the
// workqueue's own items lockdep reports the recursion and kshim returns at once (Linux hangs).
void Workqueues::flush(workqueue_struct *wq, uintptr_t ip)
{
    k_.reports().check_might_sleep(__FILE__, __LINE__);
    touch_map(&wq->lockdep_map, ip);
    if (runs_item_of(wq))
        return;
    // Like __flush_workqueue, check the dependency only when there is something to wait for.
    if (std::any_of(std::begin(wq->inflight), std::end(wq->inflight), [](int n) { return n != 0; }))
        check_flush_dependency(wq, nullptr);
    Flusher f{wq, wq->work_color, k_.sched().running()};
    unsigned next = (wq->work_color + 1) & 15;
    if (!wq->inflight[next])
        wq->work_color = next;
    flushers_.push_back(&f);
    wake_flushers(wq);
    sleep_until(f.done, {WaitKind::Workqueue, wq, nullptr});
    flushers_.erase(std::find(flushers_.begin(), flushers_.end(), &f));
}

// drain_workqueue: flushes until no item is left, chained re-queues included; may sleep.
void Workqueues::drain(workqueue_struct *wq, uintptr_t ip)
{
    wq->flags |= __WQ_DRAINING;
    for (unsigned tries = 1;; ++tries) {
        flush(wq, ip);
        bool empty = std::all_of(wq->pwqs.begin(), wq->pwqs.end(),
                                 [](Pwq *p) { return p->nr_active == 0 && list_empty(&p->inactive); });
        if (empty || runs_item_of(wq))
            break;
        if (tries == 10 || (tries % 100 == 0 && tries <= 1000))
            k_.log().emit(4, strprintf("workqueue %s: drain_workqueue() isn't complete after %u tries",
                                       wq->name.c_str(), tries));
    }
    wq->flags &= ~(unsigned)__WQ_DRAINING;
}

// flush_work waiters of this item: started marks their run as begun, its end wakes them;
// atomic-safe.
void Workqueues::notify_work_waiters(work_struct *work, bool started)
{
    for (auto it = work_waiters_.begin(); it != work_waiters_.end();) {
        if (it->work != work) {
            ++it;
        } else if (started) {
            it->wait_next_start = false;
            ++it;
        } else if (!it->wait_next_start) {
            *it->done = true;
            k_.sched().wake(it->task, TASK_NORMAL);
            it = work_waiters_.erase(it);
        } else {
            ++it;
        }
    }
}

// flush_work: waits for the item's last queueing to finish; may sleep.
bool Workqueues::flush_work(work_struct *work, uintptr_t ip)
{
    return wait_for_work(work, false, ip);
}

// __flush_work. Unless a cancel waits, lockdep learns that the caller waits for the item (and,
// on an ordered or WQ_MEM_RECLAIM workqueue, for the whole workqueue, as start_flush_work
// forces). May sleep.
bool Workqueues::wait_for_work(work_struct *work, bool from_cancel, uintptr_t ip)
{
    k_.reports().check_might_sleep(__FILE__, __LINE__);
    touch_map(&work->lockdep_map, ip);   // from a cancel too, as 6.1's __flush_work
    Worker *running = executing(work);
    bool queued = is_pending(work) && is_queued(work);
    if (!queued && !running)
        return false;
    Worker *self = self_worker();
    if (running && running == self && !queued) {
        // A work item flushing itself would wait forever.
        k_.reports().warn(__FILE__, __LINE__, (uintptr_t)__builtin_return_address(0),
                          "workqueue: a work item is flushing itself (it would deadlock)");
        return false;
    }
    workqueue_struct *wq = queued ? pwq_of(work)->wq : running->current_pwq->wq;
    check_flush_dependency(wq, work->func);
    if (!from_cancel && (wq->max_active == 1 || (wq->flags & WQ_MEM_RECLAIM)))
        touch_map(&wq->lockdep_map, ip);
    bool done = false;
    work_waiters_.push_back({work, queued, k_.sched().running(), &done});
    sleep_until(done, {WaitKind::Work, work, running ? running->task : nullptr});
    return true;
}

// flush_delayed_work: fires an armed timer at once, then waits; may sleep.
bool Workqueues::flush_delayed(delayed_work *dw, uintptr_t ip)
{
    if (k_.timer_lists().disarm(&dw->timer))
        enqueue(dw->cpu, dw->wq, &dw->work);
    return flush_work(&dw->work, ip);
}

// flush_rcu_work: ends the grace-period wait at once, then waits; may sleep.
bool Workqueues::flush_rcu(rcu_work *rw, uintptr_t ip)
{
    for (auto it = rcu_pending_.begin(); it != rcu_pending_.end(); ++it)
        if (it->first == rw) {
            workqueue_struct *wq = it->second;
            rcu_pending_.erase(it);
            enqueue(WORK_CPU_UNBOUND, wq, &rw->work);
            break;
        }
    return flush_work(&rw->work, ip);
}

// schedule_on_each_cpu: runs func on every CPU's system_wq pool and waits; may sleep.
int Workqueues::on_each_cpu(void (*func)(work_struct *))
{
    std::vector<work_struct> works(k_.sched().cpus());
    for (unsigned c = 0; c < works.size(); ++c) {
        INIT_WORK(&works[c], func);
        queue((int)c, system_wq, &works[c]);
    }
    for (auto &w : works)
        flush_work(&w, (uintptr_t)__builtin_return_address(0));
    return 0;
}

}  // namespace kshim
