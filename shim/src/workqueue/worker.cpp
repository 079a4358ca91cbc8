// CMWQ kworkers: worker pools, the worker loop, running one item, max_active, concurrency management.
#include "workqueue/workqueue.hpp"

#include <algorithm>

#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "kernel.hpp"
#include "locking/locking.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"
#include "sched/scheduler.hpp"
#include "trace/tracer.hpp"
#include "workqueue/work_data.hpp"

#include "linux/list.h"
#include "linux/sched.h"
#include "linux/workqueue.h"

// Outside the namespace, so that call traces show the C name Linux's show.
extern "C" __attribute__((noinline)) void process_one_work(kshim::Workqueues *wqs, kshim::Worker *w,
                                                           work_struct *work)
{
    wqs->call_item(w, work, _THIS_IP_);
    asm volatile("" ::: "memory");  // no tail call: this frame stays under the work function
}

namespace kshim {

// CPU cpu's pool (normal or high priority), made on first use; atomic-safe.
Pool *Workqueues::pool_for(unsigned cpu, bool highpri)
{
    Pool *&p = percpu_[highpri][cpu];
    if (!p) {
        pools_.push_back(std::make_unique<Pool>());
        p = pools_.back().get();
        p->id = (int)pools_.size() - 1;
        p->cpu = (int)cpu;
        p->highpri = highpri;
        INIT_LIST_HEAD(&p->worklist);
    }
    return p;
}

// The unbound pool (normal or high priority), made on first use; atomic-safe.
Pool *Workqueues::unbound_pool(bool highpri)
{
    Pool *&p = unbound_[highpri];
    if (!p) {
        pools_.push_back(std::make_unique<Pool>());
        p = pools_.back().get();
        p->id = (int)pools_.size() - 1;
        p->highpri = highpri;
        INIT_LIST_HEAD(&p->worklist);
    }
    return p;
}

// A new idle kworker task for pool p, with the SleepHook and PF_WQ_WORKER; atomic-safe (the
// task first runs when woken).
Worker *Workqueues::create_worker(Pool *p)
{
    auto w = std::make_unique<Worker>();
    Worker *wp = w.get();
    wp->pool = p;
    int n = p->next_id++;
    std::string name = p->cpu >= 0 ? strprintf("kworker/%d:%d%s", p->cpu, n, p->highpri ? "H" : "")
                                   : strprintf("kworker/u%d:%d%s", p->id, n, p->highpri ? "H" : "");
    Task *t = k_.sched().create(TaskKind::Worker, name, [this, wp] { worker_main(wp); return 0L; });
    t->wq_worker = wp;
    t->sleep_hook = this;
    t->ts.flags |= PF_WQ_WORKER;
    t->idle_daemon = true;
    if (p->cpu >= 0) {
        t->cpu = (unsigned)p->cpu;
        t->ts.cpu = t->cpu;
        t->bound = true;
    }
    if (p->highpri)
        k_.sched().set_nice(t, MIN_NICE);
    wp->task = t;
    p->idle.push_back(wp);
    p->workers.push_back(std::move(w));
    return wp;
}

// Wakes the pool's first idle worker, or creates one; atomic-safe.
void Workqueues::wake_worker(Pool *p)
{
    Worker *w = p->idle.empty() ? create_worker(p) : p->idle.back();
    k_.sched().wake(w->task, TASK_NORMAL);
}

// The kworker's main loop: sleep while there is nothing to do, then run items while the pool
// needs this worker (bound pools keep one running worker per CPU).
void Workqueues::worker_main(Worker *w)
{
    Pool *p = w->pool;
    Task *self = w->task;
    for (;;) {
        // Idle: nothing for this worker to do.
        while (!need_more_worker(p)) {
            self->idle_daemon = true;
            self->ts.__state = TASK_IDLE;
            k_.sched().schedule();
        }
        // Busy: leave the idle list for the busy one (executing() looks there) and count as
        // running.
        self->idle_daemon = false;
        w->state = WorkerState::Busy;
        p->idle.erase(std::find(p->idle.begin(), p->idle.end(), w));
        busy_.push_back(w);
        if (p->cpu >= 0)
            ++p->nr_running;
        do {
            process_one(w, list_first_entry(&p->worklist, work_struct, entry));
            if (!w->scheduled.empty()) [[unlikely]]
                run_scheduled(w);
        } while (!list_empty(&p->worklist) && (p->cpu < 0 || p->nr_running <= 1));
        drop_maps(w);
        // Back to idle.
        busy_.erase(std::find(busy_.begin(), busy_.end(), w));
        if (p->cpu >= 0)
            --p->nr_running;
        w->state = WorkerState::Idle;
        p->idle.push_back(w);
    }
}

// process_scheduled_works: the items that collided with this worker's item, in order; may
// sleep (inside their work functions).
void Workqueues::run_scheduled(Worker *w)
{
    while (!w->scheduled.empty()) {
        work_struct *next = w->scheduled.front();
        w->scheduled.pop_front();
        process_one(w, next);
    }
}

// find_worker_executing_work: the worker running this item now, or null (a busy worker between
// two items has no current_work); atomic-safe.
Worker *Workqueues::executing(work_struct *work) const
{
    for (Worker *w : busy_)
        if (w->current_work == work && w->current_func == work->func)
            return w;
    return nullptr;
}

// The current task's kworker, or null when it is no kworker; atomic-safe.
Worker *Workqueues::self_worker() const
{
    Task *t = k_.sched().running();
    return t ? static_cast<Worker *>(t->wq_worker) : nullptr;
}

// Runs one item taken from the pool's worklist (process_one_work), on the worker's own task;
// may sleep (inside the work function).
inline void Workqueues::process_one(Worker *w, work_struct *work)
{
    // Never run an item concurrently with itself: let the worker running it take it next
    // (no other worker can be running it when this one is the only busy one).
    if (Worker *other = busy_.size() > 1 ? executing(work) : nullptr; other && other != w) {
        list_del_init(&work->entry);
        other->scheduled.push_back(work);
        return;
    }
    begin_item(w, work);
    Tracer &tr = k_.trace();
    if (tr.on()) [[unlikely]]
        tr.execute_start(work, (const void *)w->current_func);
    process_one_work(this, w, work);
    // The item may be freed by now: only its address is used below.
    if (tr.on()) [[unlikely]]
        tr.execute_end(work, (const void *)w->current_func);
    end_item(w, work);
}

// Takes the item off the worklist and makes it the worker's current item; atomic-safe.
inline void Workqueues::begin_item(Worker *w, work_struct *work)
{
    Pool *p = w->pool;
    list_del_init(&work->entry);
    p->watchdog_ns = k_.clock().now();   // progress, for the workqueue watchdog
    p->lockup_reported = false;
    Pwq *pwq = pwq_of(work);
    w->current_work = work;
    w->current_func = work->func;
    w->current_pwq = pwq;
    w->current_color = color_of(work);
    set_offq(work, p->id, WorkState::Idle);
    // As process_one_work does: if the pool still needs a worker (always so on an unbound pool
    // with work left, which has no concurrency management), wake or create one for the rest.
    if (need_more_worker(p))
        wake_worker(p);
    --pwq->wq->pending;
    note_wait(pwq);
    if (!work_waiters_.empty()) [[unlikely]]   // a start concerns flush_work waiters only
        notify_work_waiters(work, true);
}

// Items leave a pwq in queue order (cancels aside), so the oldest run of queue times is the
// item starting now; atomic-safe.
inline void Workqueues::note_wait(Pwq *pwq)
{
    auto &q = pwq->queued_at;
    if (q.empty())
        return;
    uint64_t waited = k_.clock().now() - q.front().first;
    kshim_wq_stats &st = pwq->wq->stats;
    if (waited > st.longest_wait_ns) [[unlikely]]
        st.longest_wait_ns = waited;
    if (--q.front().second == 0) [[unlikely]]
        end_run(pwq);
}

// note_wait took the last item of the oldest run: the run goes. Out of line, as runs hold many
// items in virtual time. Atomic-safe.
void Workqueues::end_run(Pwq *pwq) { pwq->queued_at.pop_front(); }

// Calls the work function with the workqueue's and the item's lockdep maps held (hold_maps),
// and outside concurrency management if the workqueue is WQ_CPU_INTENSIVE; may sleep. ip:
// where the maps are taken. Only w and the lock depth live across the call (w->intensive
// says afterwards whether the worker left concurrency management).
inline void Workqueues::call_item(Worker *w, work_struct *work, uintptr_t ip)
{
    workqueue_struct *wq = w->current_pwq->wq;
    if (wq->flags & WQ_CPU_INTENSIVE) [[unlikely]]
        leave_concurrency(w);
    // As lock_map_acquire does, the maps cost nothing once lock debugging is off.
    if (debug_locks)
        hold_maps(w, wq, work, ip);
    else
        drop_maps(w);
    int depth_before = w->task->locks_held;
    w->current_func(work);
    Task *self = w->task;
    if (self->preempt_count != 0 || self->locks_held > depth_before) [[unlikely]]
        report_leak(w);
    // The worker re-enables interrupts when it takes the pool lock again, silently.
    self->irqs_off = 0;
    if (w->intensive) [[unlikely]]
        rejoin_concurrency(w);
}

// A WQ_CPU_INTENSIVE item on a bound pool stops counting as running while it runs, and the
// pool gets another worker if it needs one; atomic-safe.
void Workqueues::leave_concurrency(Worker *w)
{
    Pool *p = w->pool;
    w->intensive = true;
    if (p->cpu < 0)
        return;
    --p->nr_running;
    if (need_more_worker(p))
        wake_worker(p);
}

// The intensive item is done: its worker counts as running again; atomic-safe.
void Workqueues::rejoin_concurrency(Worker *w)
{
    w->intensive = false;
    if (w->pool->cpu >= 0)
        ++w->pool->nr_running;
}

// Holds the workqueue's map and a copy of the item's (the item may free itself), keyed as the
// original is, as process_one_work does. A worker that runs items of one workqueue and one
// class back to back keeps the pair held between them: lockdep sees the same locks at the same
// addresses taken at the same place, so holding on changes no report and saves the
// re-validation. wq: the item's workqueue (call_item read it). Atomic-safe.
inline void Workqueues::hold_maps(Worker *w, workqueue_struct *wq, work_struct *work, uintptr_t ip)
{
    lockdep_map &m = work->lockdep_map;
    lock_class_key *key = m.key ? m.key : reinterpret_cast<lock_class_key *>(&m);
    if (w->maps_wq != wq || w->current_map.key != key) [[unlikely]]
        take_maps(w, m, key, ip);
}

// A new pair for hold_maps: the old one goes, the workqueue's map and a copy of m keyed by key
// are taken at ip. Atomic-safe.
void Workqueues::take_maps(Worker *w, const lockdep_map &m, lock_class_key *key, uintptr_t ip)
{
    workqueue_struct *wq = w->current_pwq->wq;
    drop_maps(w);
    w->current_map = m;
    w->current_map.key = key;
    Lockdep &dep = k_.locking().dep;
    dep.acquire(&wq->lockdep_map, 0, false, 0, true, ip);
    dep.acquire(&w->current_map, 0, false, 0, true, ip);
    w->maps_wq = wq;
}

// Lets go of the maps hold_maps took: before another pair, and when the worker leaves its busy
// period (nothing of a work item runs in between). Atomic-safe.
inline void Workqueues::drop_maps(Worker *w)
{
    if (w->maps_wq) [[unlikely]]
        release_maps(w);
}

// drop_maps with a pair held; atomic-safe.
void Workqueues::release_maps(Worker *w)
{
    Lockdep &dep = k_.locking().dep;
    dep.release(&w->current_map, 0);
    dep.release(&w->maps_wq->lockdep_map, 0);
    w->maps_wq = nullptr;
}

// After the work function, a leaked lock or preemption count is a BUG, as in Linux; atomic-safe.
void Workqueues::report_leak(Worker *w)
{
    Task *self = w->task;
    const std::string fn = k_.symbols().text((uintptr_t)w->current_func, 's');
    const std::string head = strprintf("BUG: workqueue leaked lock or atomic: %s/0x%08x/%d", self->ts.comm,
                                       self->preempt_count, self->ts.pid);
    if (k_.reports().record(ReportKind::WorkqueueLeakedLock, head, (uintptr_t)w->current_func)) {
        k_.log().emit(3, head);
        k_.log().emit(3, "     last function: " + fn);
        k_.locking().dep.print_held_locks(self);   // debug_show_held_locks(current)
        k_.reports().dump_stack(4, 0);
    }
    self->preempt_count = 0;
}

// The item is done: the worker lets go of it, flush_work waiters and flushers learn of it (no
// one to tell unless someone_waits()); atomic-safe. `work` may be freed memory by now: only its
// address is compared.
inline void Workqueues::end_item(Worker *w, work_struct *work)
{
    Pwq *pwq = w->current_pwq;
    ++pwq->wq->stats.executed;
    w->current_work = nullptr;
    w->current_func = nullptr;
    w->current_pwq = nullptr;
    if (someone_waits()) [[unlikely]] {
        notify_work_waiters(work, false);
        finish_one(pwq, w->current_color);
    } else {
        retire(pwq, w->current_color);
    }
}

// An item left the pwq (ran or was cancelled): max_active accounting and flush colors.
void Workqueues::finish_one(Pwq *pwq, unsigned color)
{
    retire(pwq, color);
    if (!flushers_.empty())
        wake_flushers(pwq->wq);
}

// finish_one without the flushers (the caller knows there are none); atomic-safe.
inline void Workqueues::retire(Pwq *pwq, unsigned color)
{
    --pwq->nr_active;
    activate_inactive(pwq);
    --pwq->wq->inflight[color];
}

// workqueue_set_max_active: a new limit, and the inactive items it now lets run; atomic-safe.
void Workqueues::set_max_active(workqueue_struct *wq, int max_active)
{
    if (wq->flags & __WQ_ORDERED_EXPLICIT) {
        k_.reports().warn(__FILE__, __LINE__, (uintptr_t)__builtin_return_address(0), "");
        return;
    }
    wq->max_active = std::clamp(max_active <= 0 ? (int)WQ_DFL_ACTIVE : max_active, 1, (int)WQ_MAX_ACTIVE);
    for (Pwq *pwq : wq->pwqs)
        activate_inactive(pwq);
}

// pwq_activate_inactive_work: inactive items move to the worklist while max_active allows,
// then the pool gets a worker if it needs one (once: a second wake_worker would find the same
// worker woken already); atomic-safe.
inline void Workqueues::activate_inactive(Pwq *pwq)
{
    int max_active = pwq->wq->max_active;
    if (pwq->nr_active >= max_active || list_empty(&pwq->inactive))
        return;
    Pool *p = pwq->pool;
    if (list_empty(&p->worklist))
        p->watchdog_ns = k_.clock().now();
    do {
        work_struct *w = list_first_entry(&pwq->inactive, work_struct, entry);
        list_move_tail(&w->entry, &p->worklist);
        set_data(w, WorkState::QueuedActive, data_of(w) & ~(unsigned long)WORK_STRUCT_INACTIVE);
        if (Tracer &tr = k_.trace(); tr.on()) [[unlikely]]
            tr.activate_work(w);
    } while (++pwq->nr_active < max_active && !list_empty(&pwq->inactive));
    if (need_more_worker(p))
        wake_worker(p);
}

// wq_worker_sleeping: a busy bound worker blocks; wake another if work waits. Atomic-safe,
// from schedule() on the worker itself.
void Workqueues::sleeping(Task *t)
{
    auto *w = static_cast<Worker *>(t->wq_worker);
    if (w->state != WorkerState::Busy || w->pool->cpu < 0)
        return;
    w->state = WorkerState::Sleeping;
    Pool *p = w->pool;
    if (!(w->current_pwq && (w->current_pwq->wq->flags & WQ_CPU_INTENSIVE)))
        --p->nr_running;
    if (need_more_worker(p))
        wake_worker(p);
}

// wq_worker_running: the worker runs again and counts as running. Atomic-safe, from schedule().
void Workqueues::running(Task *t)
{
    auto *w = static_cast<Worker *>(t->wq_worker);
    if (w->state != WorkerState::Sleeping)
        return;
    w->state = WorkerState::Busy;
    if (!(w->current_pwq && (w->current_pwq->wq->flags & WQ_CPU_INTENSIVE)))
        ++w->pool->nr_running;
}

}  // namespace kshim
