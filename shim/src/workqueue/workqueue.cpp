// CMWQ engine: workqueues and their pwqs, queueing, delayed and RCU work, grabbing and cancelling.
#include "workqueue/workqueue.hpp"

#include <algorithm>
#include <cstring>

#include "debug/crash.hpp"
#include "debug/onstack.hpp"
#include "debug/report.hpp"
#include "time/timer.hpp"
#include "kernel.hpp"
#include "module/address_map.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"
#include "sched/scheduler.hpp"
#include "trace/tracer.hpp"
#include "workqueue/work_data.hpp"

#include "linux/gfp.h"
#include "linux/list.h"
#include "linux/sched.h"
#include "linux/timer.h"
#include "linux/workqueue.h"

namespace kshim {

// A once-per-tick kernel timer that finishes RCU work after a (simple) grace period.
struct RcuTimer {
    Timer timer;
};

Workqueues::Workqueues(Kernel &k) : k_(k)
{
    unsigned cpus = k.sched().cpus();
    for (int hi = 0; hi < 2; ++hi) {
        percpu_[hi].resize(cpus, nullptr);
    }
    rcu_timer_ = std::make_unique<RcuTimer>();
    rcu_timer_->timer.owner = this;
    rcu_timer_->timer.fn = [](Timer *t) {
        auto *self = static_cast<Workqueues *>(t->owner);
        auto ready = std::move(self->rcu_pending_);
        self->rcu_pending_.clear();
        for (auto &[rw, wq] : ready)
            self->enqueue(WORK_CPU_UNBOUND, wq, &rw->work);
    };
    // A delayed item's timer runs its work function, as far as unload reports are concerned.
    k.timer_lists().resolve_callback(delayed_work_timer_fn, [](timer_list *t) {
        return (const void *)container_of(t, delayed_work, timer)->work.func;
    });
    k.sched().add_idle_watch(this);
    system_wq = create("events", 0, 0, 0);
    system_highpri_wq = create("events_highpri", WQ_HIGHPRI, 0, 0);
    system_long_wq = create("events_long", 0, 0, 0);
    system_unbound_wq = create("events_unbound", WQ_UNBOUND, WQ_UNBOUND_MAX_ACTIVE, 0);
    system_freezable_wq = create("events_freezable", WQ_FREEZABLE, 0, 0);
    system_power_efficient_wq = create("events_power_efficient", WQ_POWER_EFFICIENT, 0, 0);
    system_freezable_power_efficient_wq =
        create("events_freezable_power_efficient", WQ_FREEZABLE | WQ_POWER_EFFICIENT, 0, 0);
}

Workqueues::~Workqueues()
{
    k_.timers().del(&rcu_timer_->timer);
    k_.sched().remove_idle_watch(this);
    for (auto &wq : wqs_)
        for (Pwq *p : wq->pwqs)
            delete p;
    system_wq = system_highpri_wq = system_long_wq = system_unbound_wq = nullptr;
    system_freezable_wq = system_power_efficient_wq = system_freezable_power_efficient_wq = nullptr;
}

// ---- workqueues ----

// alloc_workqueue: the workqueue, its pwqs and its lockdep map; may sleep.
workqueue_struct *Workqueues::create(std::string name, unsigned flags, int max_active, uintptr_t site)
{
    if (k_.faults().should_fail(FaultCall::AllocWorkqueue, 0, GFP_KERNEL, site))
        return nullptr;
    auto wq = std::make_unique<workqueue_struct>();
    wq->name = std::move(name);
    wq->flags = flags;
    if (max_active <= 0)
        max_active = WQ_DFL_ACTIVE;
    int limit = (flags & WQ_UNBOUND) ? WQ_UNBOUND_MAX_ACTIVE : WQ_MAX_ACTIVE;
    if (max_active > limit) {
        k_.log().emit(4, strprintf("workqueue: max_active %d requested for %s is out of range, clamping between %d and %d",
                                   max_active, wq->name.c_str(), 1, limit));
        max_active = limit;
    }
    wq->max_active = max_active;
    wq->lock_name = "(wq_completion)" + wq->name;
    lockdep_init_map(&wq->lockdep_map, wq->lock_name.c_str(), &wq->key, 0);
    wq->owner = site ? k_.module_map().find(site) : nullptr;
    bool hi = flags & WQ_HIGHPRI;
    unsigned n = (flags & WQ_UNBOUND) ? 1 : k_.sched().cpus();
    for (unsigned c = 0; c < n; ++c) {
        Pwq *pwq = new Pwq;
        pwq->wq = wq.get();
        pwq->pool = (flags & WQ_UNBOUND) ? unbound_pool(hi) : pool_for(c, hi);
        INIT_LIST_HEAD(&pwq->inactive);
        wq->pwqs.push_back(pwq);
    }
    wqs_.push_back(std::move(wq));
    return wqs_.back().get();
}

// destroy_workqueue: drains it, refuses (warning) while a pwq is still busy; may sleep.
void Workqueues::destroy(workqueue_struct *wq)
{
    if (!wq || wq->destroyed)
        return;
    drain(wq, (uintptr_t)__builtin_return_address(0));
    for (Pwq *pwq : wq->pwqs) {
        bool running = std::any_of(busy_.begin(), busy_.end(), [pwq](Worker *w) { return w->current_pwq == pwq; });
        if (pwq->nr_active || !list_empty(&pwq->inactive) || running) {
            k_.reports().warn(__FILE__, __LINE__, (uintptr_t)__builtin_return_address(0), "");
            k_.log().emit(4, strprintf("destroy_workqueue: %s has the following busy pwq", wq->name.c_str()));
            k_.log().emit(6, strprintf("  pwq %d: cpus=%d flags=0x0 nice=%d active=%d/%d refcnt=2",
                                       pwq->pool->id, pwq->pool->cpu, pwq->pool->highpri ? -20 : 0,
                                       pwq->nr_active, wq->max_active));
            return;
        }
    }
    if (k_.options().wq_stats)
        print_stats(wq);
    wq->destroyed = true;
}

// The pwq an item queued on cpu goes to (WORK_CPU_UNBOUND: the current CPU); atomic-safe.
Pwq *Workqueues::pick_pwq(int &cpu, workqueue_struct *wq)
{
    if (wq->flags & WQ_UNBOUND)
        return wq->pwqs[0];
    if (cpu == WORK_CPU_UNBOUND || cpu < 0 || (unsigned)cpu >= k_.sched().cpus()) {
        Task *t = k_.sched().running();
        cpu = t ? (int)t->cpu : 0;
    }
    return wq->pwqs[(size_t)cpu];
}

// queue_work_on: takes the pending bit and queues; atomic-safe.
bool Workqueues::queue(int cpu, workqueue_struct *wq, work_struct *work)
{
    // 6.1's __queue_work reads wq->flags first: a NULL wq faults there, at 0x102 with Debian's
    // amd64 configuration (the oracle: `BUG: kernel NULL pointer dereference, address:
    // 0000000000000102`, a read).
    if (!wq) [[unlikely]]
        bad_pointer_read(0x102);
    if (wq->destroyed) [[unlikely]]
        return refuse_destroyed(wq, "queue_work_on", (uintptr_t)__builtin_return_address(0));
    if (is_pending(work)) {
        ++wq->stats.rejected;
        return false;
    }
    if (work->entry.next == nullptr) [[unlikely]]
        if (!queue_uninitialised(work, (uintptr_t)__builtin_return_address(0)))
            return false;
    if (wq->max_pending && wq->pending >= wq->max_pending) {
        ++wq->stats.dropped;
        return false;
    }
    claim(work);
    queue_claimed(cpu, wq, work);
    return true;
}

// Queueing onto a destroyed workqueue: a warning, and nothing queued. Atomic-safe. what: the
// caller's C name; ip: where it was called from.
bool Workqueues::refuse_destroyed(workqueue_struct *wq, const char *what, uintptr_t ip)
{
    k_.reports().warn(__FILE__, __LINE__, ip,
                      strprintf("workqueue %s: %s() on a destroyed workqueue", wq->name.c_str(), what));
    return false;
}

namespace {

// workqueue_queue_work (req_cpu WORK_CPU_UNBOUND printed as Debian 6.1's NR_CPUS, 8192, as
// the real trace shows it), and workqueue_activate_work when it goes straight to the worklist.
// Atomic-safe; only while tracing.
void trace_queued(Tracer &tr, int req_cpu, workqueue_struct *wq, Pwq *pwq, work_struct *work, bool active)
{
    tr.queue_work(work, (const void *)work->func, wq->name.c_str(), req_cpu == WORK_CPU_UNBOUND ? 8192 : req_cpu,
                  pwq->pool->cpu);
    if (active)
        tr.activate_work(work);
}

}  // namespace

// __queue_work: the caller owns the pending bit.
void Workqueues::enqueue(int cpu, workqueue_struct *wq, work_struct *work) { queue_claimed(cpu, wq, work); }

// enqueue's body, inline into queue_work_on's own path (always: the inliner drops it when the
// body grows a little, at a cost of 11 instructions per item); atomic-safe.
inline __attribute__((always_inline)) void Workqueues::queue_claimed(int cpu, workqueue_struct *wq, work_struct *work)
{
    if (wq->flags & __WQ_DRAINING) [[unlikely]]
        if (!may_queue_draining(wq, (uintptr_t)__builtin_return_address(0)))
            return;  // as in the kernel, the item stays pending and never runs
    const int req_cpu = cpu;
    Pwq *pwq = pick_pwq(cpu, wq);
    // Non-reentrancy: if the item still runs in another pool of this workqueue, queue it there.
    int last = last_pool_of(work);
    if (last >= 0 && last != pwq->pool->id)
        if (Worker *w = executing(work); w && w->current_pwq && w->current_pwq->wq == wq)
            pwq = w->current_pwq;
    const bool active = pwq->nr_active < wq->max_active;
    if (Tracer &tr = k_.trace(); tr.on()) [[unlikely]]
        trace_queued(tr, req_cpu, wq, pwq, work, active);
    insert(wq, pwq, work, wq->work_color, active);
}

// A draining workqueue takes only chained work, queued by one of its own items; anything else
// is refused with a warning (once per kernel). Atomic-safe. ip: the queueing caller.
bool Workqueues::may_queue_draining(workqueue_struct *wq, uintptr_t ip)
{
    Worker *w = self_worker();
    if (w && w->current_pwq && w->current_pwq->wq == wq)
        return true;
    if (!draining_warned_) {
        draining_warned_ = true;
        k_.reports().warn(__FILE__, __LINE__, ip, strprintf("workqueue %s: queueing while draining", wq->name.c_str()));
    }
    return false;
}

// insert_work: the item enters its pwq (one of wq's), active or inactive, with the current
// flush color; atomic-safe.
inline void Workqueues::insert(workqueue_struct *wq, Pwq *pwq, work_struct *work, unsigned color, bool active)
{
    if (k_.onstack().any()) [[unlikely]]
        note_onstack(work, pwq, color);
    set_data(work, active ? WorkState::QueuedActive : WorkState::QueuedInactive,
             (unsigned long)pwq | WORK_STRUCT_PENDING | WORK_STRUCT_PWQ |
                 ((unsigned long)color << WORK_STRUCT_COLOR_SHIFT) | (active ? 0 : WORK_STRUCT_INACTIVE));
    ++wq->inflight[color];
    ++wq->pending;
    ++wq->stats.queued;
    if (wq->pending > wq->stats.max_depth) [[unlikely]]   // a new high only while the queue grows
        wq->stats.max_depth = wq->pending;
    note_queued(pwq);
    if (active) {
        ++pwq->nr_active;
        if (list_empty(&pwq->pool->worklist))
            pwq->pool->watchdog_ns = k_.clock().now();
        list_add_tail(&work->entry, &pwq->pool->worklist);
        if (needs_wake(pwq->pool))
            wake_worker(pwq->pool);
    } else {
        list_add_tail(&work->entry, &pwq->inactive);
    }
}

// need_more_worker, unless the worker wake_worker would wake is runnable already (woken and not
// yet running), which a second wake leaves as it is; atomic-safe.
inline bool Workqueues::needs_wake(const Pool *p)
{
    return need_more_worker(p) && (p->idle.empty() || p->idle.back()->task->ts.__state != TASK_RUNNING);
}

// The queue time of an item entering pwq, for the wait statistics: items queued in the same
// nanosecond share one run. Atomic-safe.
inline void Workqueues::note_queued(Pwq *pwq)
{
    uint64_t now = k_.clock().now();
    auto &q = pwq->queued_at;
    if (!q.empty() && q.back().first == now) [[likely]]
        ++q.back().second;
    else
        start_run(pwq, now);
}

// note_queued when the clock has moved since the newest run: a new run of one item. Out of
// line, so that queue_work_on spills nothing for the deque's growth. Atomic-safe.
void Workqueues::start_run(Pwq *pwq, uint64_t now) { pwq->queued_at.emplace_back(now, 1); }

// queue_delayed_work_on: queued at once for delay 0, else its timer is armed; atomic-safe.
bool Workqueues::queue_delayed(int cpu, workqueue_struct *wq, delayed_work *dw, unsigned long delay)
{
    if (wq->destroyed) [[unlikely]]
        return refuse_destroyed(wq, "queue_delayed_work_on", (uintptr_t)__builtin_return_address(0));
    if (is_pending(&dw->work)) {
        ++wq->stats.rejected;
        return false;
    }
    claim(&dw->work);
    if (!delay) {
        enqueue(cpu, wq, &dw->work);
        return true;
    }
    dw->wq = wq;
    dw->cpu = cpu;
    unsigned tcpu = cpu == WORK_CPU_UNBOUND ? (k_.sched().running() ? k_.sched().running()->cpu : 0) : (unsigned)cpu;
    dw->timer.function = delayed_work_timer_fn;
    k_.timer_lists().arm(&dw->timer, k_.clock().jiffies() + delay, tcpu);
    return true;
}

// delayed_work_timer_fn: the timer expired (softirq context); atomic-safe.
void Workqueues::delayed_timer_fired(timer_list *t)
{
    delayed_work *dw = container_of(t, delayed_work, timer);
    enqueue(dw->cpu, dw->wq, &dw->work);
}

// mod_delayed_work_on: grabs the item wherever it is and re-arms it; atomic-safe.
bool Workqueues::mod_delayed(int cpu, workqueue_struct *wq, delayed_work *dw, unsigned long delay)
{
    int ret;
    do {
        ret = grab_pending(&dw->work, true);
    } while (ret == -EAGAIN);
    if (ret < 0)
        return false;
    set_data(&dw->work, WorkState::Idle, data_of(&dw->work) & ~(unsigned long)WORK_STRUCT_PENDING);
    queue_delayed(cpu, wq, dw, delay);
    return ret;
}

// queue_rcu_work: the item waits for a grace period (the per-tick RCU timer); atomic-safe.
bool Workqueues::queue_rcu(workqueue_struct *wq, rcu_work *rw)
{
    if (is_pending(&rw->work)) {
        ++wq->stats.rejected;
        return false;
    }
    claim(&rw->work);
    rw->wq = wq;
    rcu_pending_.emplace_back(rw, wq);
    if (!rcu_timer_->timer.pending())
        k_.timers().add(&rcu_timer_->timer, Clock::ns_of_jiffy(k_.clock().jiffies() + 1));
    return true;
}

// try_to_grab_pending: 1 if it stole a pending item, 0 if the item was idle (now owned),
// -ENOENT while another task is cancelling it.
int Workqueues::grab_pending(work_struct *work, bool is_dwork)
{
    if (is_dwork) {
        delayed_work *dw = container_of(work, delayed_work, work);
        if (k_.timer_lists().disarm(&dw->timer))
            return 1;
    }
    if (!is_pending(work)) {
        claim(work);
        return 0;
    }
    if (is_queued(work)) {
        Pwq *pwq = pwq_of(work);
        unsigned color = color_of(work);
        bool inactive = data_of(work) & WORK_STRUCT_INACTIVE;
        list_del_init(&work->entry);
        auto &q = pwq->queued_at;  // a cancelled item is most likely among the newest
        if (!q.empty() && --q.back().second == 0)
            q.pop_back();
        --pwq->wq->pending;
        set_offq(work, pwq->pool->id, WorkState::Owned);
        if (inactive) {
            --pwq->wq->inflight[color];
            if (!flushers_.empty())
                wake_flushers(pwq->wq);
        } else {
            finish_one(pwq, color);
        }
        return 1;
    }
    if (data_of(work) & WORK_OFFQ_CANCELING)
        return -ENOENT;
    for (auto it = rcu_pending_.begin(); it != rcu_pending_.end(); ++it)
        if (&it->first->work == work) {
            rcu_pending_.erase(it);
            return 1;
        }
    return -EAGAIN;
}

// A state change the table in work_data.hpp does not allow: a kshim bug. Atomic-safe.
void Workqueues::bad_transition(work_struct *w, WorkState from, WorkState to)
{
    static const char *const names[] = {"idle", "owned", "queued active", "queued inactive", "canceling",
                                        "invalid"};
    k_.reports().warn(__FILE__, __LINE__, (uintptr_t)__builtin_return_address(0),
                      strprintf("workqueue: work item %p: %s -> %s is not a valid state change", (void *)w,
                                names[(unsigned)from], names[(unsigned)to]));
}

// cancel_work / cancel_work_sync and the delayed variants (ip: the sync one's, for lockdep);
// sync may sleep, else atomic-safe.
bool Workqueues::cancel(work_struct *work, bool is_dwork, bool sync, uintptr_t ip)
{
    if (sync)
        k_.reports().check_might_sleep(__FILE__, __LINE__);
    int ret = grab_pending(work, is_dwork);
    if (ret < 0) {
        if (!sync)
            return false;
        while (ret == -ENOENT || ret == -EAGAIN) {  // someone else is cancelling: wait for them
            wait_for_work(work, true, ip);
            ret = grab_pending(work, is_dwork);
        }
    }
    int pool = last_pool_of(work);
    if (sync) {
        // Keep the pending bit while waiting, so a self-requeueing item cannot come back.
        set_offq(work, pool, WorkState::Canceling);
        wait_for_work(work, true, ip);
    }
    set_offq(work, pool, WorkState::Idle);
    return ret == 1;
}

// work_busy: WORK_BUSY_PENDING and WORK_BUSY_RUNNING; atomic-safe.
unsigned Workqueues::busy(work_struct *work)
{
    unsigned r = is_pending(work) ? WORK_BUSY_PENDING : 0;
    if (executing(work))
        r |= WORK_BUSY_RUNNING;
    return r;
}

// current_work: the item the current kworker runs, or NULL; atomic-safe.
work_struct *Workqueues::current_work()
{
    Worker *w = self_worker();
    return w ? w->current_work : nullptr;
}

// workqueue_congested: items wait on the pwq's inactive list; atomic-safe.
bool Workqueues::congested(int cpu, workqueue_struct *wq)
{
    Pwq *pwq = pick_pwq(cpu, wq);
    return !list_empty(&pwq->inactive);
}

}  // namespace kshim
