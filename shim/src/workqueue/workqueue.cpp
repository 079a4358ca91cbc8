// CMWQ engine: queueing, kworkers with concurrency management, flush colors, cancel, delayed work.
#include "workqueue/workqueue.hpp"

#include <algorithm>
#include <cstring>

#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "irq/softirq.hpp"
#include "kernel.hpp"
#include "module/module.hpp"
#include "printk/log.hpp"
#include "sched/scheduler.hpp"

#include "linux/list.h"
#include "linux/sched.h"
#include "linux/timer.h"
#include "linux/workqueue.h"

namespace kshim {

namespace {

constexpr unsigned long kPoolShift = WORK_OFFQ_POOL_SHIFT;
constexpr unsigned long kFlagMask = (1ul << WORK_STRUCT_FLAG_BITS) - 1;

unsigned long long &data_of(work_struct *w) { return *reinterpret_cast<unsigned long long *>(&w->data.counter); }
bool is_pending(work_struct *w) { return data_of(w) & WORK_STRUCT_PENDING; }
bool is_queued(work_struct *w) { return data_of(w) & WORK_STRUCT_PWQ; }
Pwq *pwq_of(work_struct *w) { return reinterpret_cast<Pwq *>(data_of(w) & ~kFlagMask); }
unsigned color_of(work_struct *w) { return (unsigned)(data_of(w) >> WORK_STRUCT_COLOR_SHIFT) & 15; }
int last_pool_of(work_struct *w) { return (int)(data_of(w) >> kPoolShift) - 1; }

// Off-queue encoding: the last pool (id + 1) and the given flags.
void set_offq(work_struct *w, int pool_id, unsigned long flags)
{
    data_of(w) = ((unsigned long)(pool_id + 1) << kPoolShift) | flags;
}

std::string fmt_seconds(uint64_t ns)
{
    return strprintf("%llu.%06llu", (unsigned long long)(ns / 1000000000ull),
                     (unsigned long long)(ns % 1000000000ull / 1000));
}

}  // namespace

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
    for (auto &wq : wqs_)
        for (Pwq *p : wq->pwqs)
            delete p;
    system_wq = system_highpri_wq = system_long_wq = system_unbound_wq = nullptr;
    system_freezable_wq = system_power_efficient_wq = system_freezable_power_efficient_wq = nullptr;
}

// ---- pools and workers ----

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

bool Workqueues::need_more_worker(const Pool *p)
{
    return !list_empty(&p->worklist) && (p->cpu < 0 || p->nr_running == 0);
}

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
    if (p->highpri) {
        t->prio_class = 0;
        t->ts.static_prio = t->ts.prio = t->ts.normal_prio = NICE_TO_PRIO(MIN_NICE);
    }
    wp->task = t;
    p->idle.push_back(wp);
    p->workers.push_back(std::move(w));
    return wp;
}

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
        // Busy: leave the idle list and count as running.
        self->idle_daemon = false;
        w->idle = false;
        p->idle.erase(std::find(p->idle.begin(), p->idle.end(), w));
        if (p->cpu >= 0)
            ++p->nr_running;
        do {
            work_struct *work = list_first_entry(&p->worklist, work_struct, entry);
            process_one(w, work);
            while (!w->scheduled.empty()) {
                work_struct *next = w->scheduled.front();
                w->scheduled.pop_front();
                process_one(w, next);
            }
        } while (!list_empty(&p->worklist) && (p->cpu < 0 || p->nr_running <= 1));
        // Back to idle.
        if (p->cpu >= 0)
            --p->nr_running;
        w->idle = true;
        p->idle.push_back(w);
    }
}

Worker *Workqueues::executing(work_struct *work) const
{
    for (Worker *w : busy_)
        if (w->current_work == work && w->current_func == work->func)
            return w;
    return nullptr;
}

Worker *Workqueues::self_worker() const
{
    Task *t = k_.sched().running();
    return t ? static_cast<Worker *>(t->wq_worker) : nullptr;
}

void Workqueues::process_one(Worker *w, work_struct *work)
{
    Pool *p = w->pool;
    // Never run an item concurrently with itself: let the worker running it take it next.
    if (Worker *other = executing(work); other && other != w) {
        list_del_init(&work->entry);
        other->scheduled.push_back(work);
        return;
    }
    list_del_init(&work->entry);
    Pwq *pwq = pwq_of(work);
    workqueue_struct *wq = pwq->wq;
    unsigned color = color_of(work);
    w->current_work = work;
    w->current_func = work->func;
    w->current_pwq = pwq;
    w->current_color = color;
    busy_.push_back(w);
    set_offq(work, p->id, 0);
    // As process_one_work does: if the pool still needs a worker (always so on an unbound pool
    // with work left, which has no concurrency management), wake or create one for the rest.
    if (need_more_worker(p))
        wake_worker(p);
    --wq->pending;
    // Items leave a pwq in queue order (cancels aside), so the oldest run of queue times is
    // this item's.
    auto &q = pwq->queued_at;
    if (!q.empty()) {
        uint64_t waited = k_.clock().now() - q.front().first;
        wq->stats.longest_wait_ns = std::max<unsigned long long>(wq->stats.longest_wait_ns, waited);
        if (--q.front().second == 0)
            q.pop_front();
    }
    if (!work_waiters_.empty())
        notify_work_waiters(work, true);
    bool intensive = wq->flags & WQ_CPU_INTENSIVE;
    if (intensive && p->cpu >= 0) {
        --p->nr_running;
        if (need_more_worker(p))
            wake_worker(p);
    }
    Task *self = w->task;
    int depth_before = self->locks_held;
    w->current_func(work);
    // The item may be freed by now: only its address is used below.
    int depth = self->locks_held;
    if (self->preempt_count != 0 || depth > depth_before) {
        std::string fn;
        k_.symbols().format(fn, (uintptr_t)w->current_func, 's');
        k_.log().emit(3, strprintf("BUG: workqueue leaked lock or atomic: %s/0x%08x/%d", self->ts.comm,
                                   self->preempt_count, self->ts.pid));
        k_.log().emit(3, "     last function: " + fn);
        k_.reports().count_bug();
        k_.reports().dump_stack(4, 0);
        self->preempt_count = 0;
    }
    // The worker re-enables interrupts when it takes the pool lock again, silently.
    self->irqs_off = 0;
    if (intensive && p->cpu >= 0)
        ++p->nr_running;
    ++wq->stats.executed;
    busy_.erase(std::find(busy_.begin(), busy_.end(), w));
    w->current_work = nullptr;
    w->current_func = nullptr;
    w->current_pwq = nullptr;
    if (!work_waiters_.empty())
        notify_work_waiters(work, false);
    finish_one(pwq, color);
}

// An item left the pwq (ran or was cancelled): max_active accounting and flush colors.
void Workqueues::finish_one(Pwq *pwq, unsigned color)
{
    workqueue_struct *wq = pwq->wq;
    --pwq->nr_active;
    activate_inactive(pwq);
    --wq->inflight[color];
    if (!flushers_.empty())
        wake_flushers(wq);
}

void Workqueues::activate_inactive(Pwq *pwq)
{
    while (pwq->nr_active < pwq->wq->max_active && !list_empty(&pwq->inactive)) {
        work_struct *w = list_first_entry(&pwq->inactive, work_struct, entry);
        list_move_tail(&w->entry, &pwq->pool->worklist);
        data_of(w) &= ~(unsigned long)WORK_STRUCT_INACTIVE;
        ++pwq->nr_active;
        if (need_more_worker(pwq->pool))
            wake_worker(pwq->pool);
    }
}

void Workqueues::sleeping(Task *t)
{
    auto *w = static_cast<Worker *>(t->wq_worker);
    if (w->idle || w->sleeping || w->pool->cpu < 0)
        return;
    w->sleeping = true;
    Pool *p = w->pool;
    if (!(w->current_pwq && (w->current_pwq->wq->flags & WQ_CPU_INTENSIVE)))
        --p->nr_running;
    if (need_more_worker(p))
        wake_worker(p);
}

void Workqueues::running(Task *t)
{
    auto *w = static_cast<Worker *>(t->wq_worker);
    if (!w->sleeping)
        return;
    w->sleeping = false;
    if (!(w->current_pwq && (w->current_pwq->wq->flags & WQ_CPU_INTENSIVE)))
        ++w->pool->nr_running;
}

// ---- workqueues ----

workqueue_struct *Workqueues::create(std::string name, unsigned flags, int max_active, uintptr_t site)
{
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
    wq->owner = site ? k_.modules().find_by_addr(site) : nullptr;
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

void Workqueues::destroy(workqueue_struct *wq)
{
    if (!wq || wq->destroyed)
        return;
    drain(wq);
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

bool Workqueues::queue(int cpu, workqueue_struct *wq, work_struct *work)
{
    if (wq->destroyed) {
        k_.reports().warn(__FILE__, __LINE__, (uintptr_t)__builtin_return_address(0),
                          strprintf("workqueue %s: queue_work_on() on a destroyed workqueue", wq->name.c_str()));
        return false;
    }
    if (is_pending(work)) {
        ++wq->stats.rejected;
        return false;
    }
    if (wq->max_pending && wq->pending >= wq->max_pending) {
        ++wq->stats.dropped;
        return false;
    }
    data_of(work) |= WORK_STRUCT_PENDING;
    enqueue(cpu, wq, work);
    return true;
}

// __queue_work: the caller owns the pending bit.
void Workqueues::enqueue(int cpu, workqueue_struct *wq, work_struct *work)
{
    if (wq->flags & __WQ_DRAINING) {
        Worker *w = self_worker();
        bool chained = w && w->current_pwq && w->current_pwq->wq == wq;
        if (!chained) {
            if (!draining_warned_) {
                draining_warned_ = true;
                k_.reports().warn(__FILE__, __LINE__, (uintptr_t)__builtin_return_address(0),
                                  strprintf("workqueue %s: queueing while draining", wq->name.c_str()));
            }
            return;  // as in the kernel, the item stays pending and never runs
        }
    }
    Pwq *pwq = pick_pwq(cpu, wq);
    // Non-reentrancy: if the item still runs in another pool of this workqueue, queue it there.
    int last = last_pool_of(work);
    if (last >= 0 && last != pwq->pool->id)
        if (Worker *w = executing(work); w && w->current_pwq && w->current_pwq->wq == wq)
            pwq = w->current_pwq;
    insert(pwq, work, wq->work_color, pwq->nr_active < wq->max_active);
}

void Workqueues::insert(Pwq *pwq, work_struct *work, unsigned color, bool active)
{
    workqueue_struct *wq = pwq->wq;
    data_of(work) = (unsigned long)pwq | WORK_STRUCT_PENDING | WORK_STRUCT_PWQ |
                    ((unsigned long)color << WORK_STRUCT_COLOR_SHIFT) | (active ? 0 : WORK_STRUCT_INACTIVE);
    ++wq->inflight[color];
    ++wq->pending;
    ++wq->stats.queued;
    wq->stats.max_depth = std::max<unsigned long long>(wq->stats.max_depth, wq->pending);
    uint64_t now = k_.clock().now();
    if (!pwq->queued_at.empty() && pwq->queued_at.back().first == now)
        ++pwq->queued_at.back().second;
    else
        pwq->queued_at.emplace_back(now, 1);
    if (active) {
        ++pwq->nr_active;
        list_add_tail(&work->entry, &pwq->pool->worklist);
        if (need_more_worker(pwq->pool))
            wake_worker(pwq->pool);
    } else {
        list_add_tail(&work->entry, &pwq->inactive);
    }
}

bool Workqueues::queue_delayed(int cpu, workqueue_struct *wq, delayed_work *dw, unsigned long delay)
{
    if (wq->destroyed) {
        k_.reports().warn(__FILE__, __LINE__, (uintptr_t)__builtin_return_address(0),
                          strprintf("workqueue %s: queue_delayed_work_on() on a destroyed workqueue",
                                    wq->name.c_str()));
        return false;
    }
    if (is_pending(&dw->work)) {
        ++wq->stats.rejected;
        return false;
    }
    data_of(&dw->work) |= WORK_STRUCT_PENDING;
    if (!delay) {
        enqueue(cpu, wq, &dw->work);
        return true;
    }
    dw->wq = wq;
    dw->cpu = cpu;
    unsigned tcpu = cpu == WORK_CPU_UNBOUND ? (k_.sched().running() ? k_.sched().running()->cpu : 0) : (unsigned)cpu;
    dw->timer.function = delayed_work_timer_fn;
    k_.softirq().arm(&dw->timer, k_.clock().jiffies() + delay, tcpu);
    return true;
}

void Workqueues::delayed_timer_fired(timer_list *t)
{
    delayed_work *dw = container_of(t, delayed_work, timer);
    enqueue(dw->cpu, dw->wq, &dw->work);
}

bool Workqueues::mod_delayed(int cpu, workqueue_struct *wq, delayed_work *dw, unsigned long delay)
{
    int ret;
    do {
        ret = grab_pending(&dw->work, true);
    } while (ret == -EAGAIN);
    if (ret < 0)
        return false;
    data_of(&dw->work) &= ~(unsigned long)WORK_STRUCT_PENDING;
    queue_delayed(cpu, wq, dw, delay);
    return ret;
}

bool Workqueues::queue_rcu(workqueue_struct *wq, rcu_work *rw)
{
    if (is_pending(&rw->work)) {
        ++wq->stats.rejected;
        return false;
    }
    data_of(&rw->work) |= WORK_STRUCT_PENDING;
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
        if (k_.softirq().disarm(&dw->timer))
            return 1;
    }
    if (!is_pending(work)) {
        data_of(work) |= WORK_STRUCT_PENDING;
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
        set_offq(work, pwq->pool->id, WORK_STRUCT_PENDING);
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

bool Workqueues::cancel(work_struct *work, bool is_dwork, bool sync)
{
    if (sync)
        k_.reports().check_might_sleep(__FILE__, __LINE__);
    int ret = grab_pending(work, is_dwork);
    if (ret < 0) {
        if (!sync)
            return false;
        while (ret == -ENOENT || ret == -EAGAIN) {  // someone else is cancelling: wait for them
            flush_work(work);
            ret = grab_pending(work, is_dwork);
        }
    }
    int pool = last_pool_of(work);
    if (sync) {
        // Keep the pending bit while waiting, so a self-requeueing item cannot come back.
        set_offq(work, pool, WORK_STRUCT_PENDING | WORK_OFFQ_CANCELING);
        flush_work(work);
    }
    set_offq(work, pool, 0);
    return ret == 1;
}

// ---- flushing ----

void Workqueues::sleep_until(bool &flag)
{
    Task *self = k_.sched().running();
    if (!self)
        k_.reports().fatal_outside_task("flush");
    while (!flag) {
        self->ts.__state = TASK_UNINTERRUPTIBLE;
        k_.sched().schedule();
    }
}

void Workqueues::check_flush_dependency(workqueue_struct *target, work_func_t target_func)
{
    Worker *w = self_worker();
    if (!w || !w->current_pwq || (target && (target->flags & WQ_MEM_RECLAIM)))
        return;
    workqueue_struct *mine = w->current_pwq->wq;
    if ((mine->flags & (WQ_MEM_RECLAIM | __WQ_LEGACY)) != WQ_MEM_RECLAIM || reclaim_warned_)
        return;
    reclaim_warned_ = true;  // WARN_ONCE
    std::string cur, tgt = "0x0";
    k_.symbols().format(cur, (uintptr_t)w->current_func, 's');
    if (target_func) {
        tgt.clear();
        k_.symbols().format(tgt, (uintptr_t)target_func, 's');
    }
    k_.reports().warn(__FILE__, __LINE__, (uintptr_t)__builtin_return_address(0),
                      strprintf("workqueue: WQ_MEM_RECLAIM %s:%s is flushing !WQ_MEM_RECLAIM %s:%s",
                                mine->name.c_str(), cur.c_str(), target ? target->name.c_str() : "", tgt.c_str()));
}

// Flushing a workqueue from one of its own items waits for itself. Lockdep names this
// recursive locking on the workqueue's completion map; kshim reports it and returns at once.
bool Workqueues::flush_waits_on_itself(workqueue_struct *wq)
{
    Worker *w = self_worker();
    if (!w || !w->current_pwq || w->current_pwq->wq != wq)
        return false;
    Task *t = w->task;
    Printk &log = k_.log();
    log.emit(4, "");
    log.emit(4, "============================================");
    log.emit(4, "WARNING: possible recursive locking detected");
    log.emit(4, "6.1.0-kshim #1 " + k_.reports().tainted());
    log.emit(4, "--------------------------------------------");
    log.emit(4, strprintf("%s/%d is trying to acquire lock:", t->ts.comm, t->ts.pid));
    log.emit(4, strprintf("((wq_completion)%s){+.+.}-{0:0}, at: __flush_workqueue", wq->name.c_str()));
    log.emit(4, "");
    log.emit(4, "but task is already holding lock:");
    log.emit(4, strprintf("((wq_completion)%s){+.+.}-{0:0}, at: process_one_work", wq->name.c_str()));
    log.emit(4, "");
    log.emit(4, " *** DEADLOCK ***");
    log.emit(4, "");
    k_.reports().count_warning();
    k_.reports().dump_stack(4, 2);
    return true;
}

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

void Workqueues::flush(workqueue_struct *wq)
{
    k_.reports().check_might_sleep(__FILE__, __LINE__);
    if (flush_waits_on_itself(wq))
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
    sleep_until(f.done);
    flushers_.erase(std::find(flushers_.begin(), flushers_.end(), &f));
}

void Workqueues::drain(workqueue_struct *wq)
{
    wq->flags |= __WQ_DRAINING;
    for (unsigned tries = 1;; ++tries) {
        flush(wq);
        bool empty = std::all_of(wq->pwqs.begin(), wq->pwqs.end(),
                                 [](Pwq *p) { return p->nr_active == 0 && list_empty(&p->inactive); });
        if (empty || flush_waits_on_itself(wq))
            break;
        if (tries == 10 || (tries % 100 == 0 && tries <= 1000))
            k_.log().emit(4, strprintf("workqueue %s: drain_workqueue() isn't complete after %u tries",
                                       wq->name.c_str(), tries));
    }
    wq->flags &= ~(unsigned)__WQ_DRAINING;
}

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

bool Workqueues::flush_work(work_struct *work)
{
    k_.reports().check_might_sleep(__FILE__, __LINE__);
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
    bool done = false;
    work_waiters_.push_back({work, queued, k_.sched().running(), &done});
    sleep_until(done);
    return true;
}

bool Workqueues::flush_delayed(delayed_work *dw)
{
    if (k_.softirq().disarm(&dw->timer))
        enqueue(dw->cpu, dw->wq, &dw->work);
    return flush_work(&dw->work);
}

bool Workqueues::flush_rcu(rcu_work *rw)
{
    for (auto it = rcu_pending_.begin(); it != rcu_pending_.end(); ++it)
        if (it->first == rw) {
            workqueue_struct *wq = it->second;
            rcu_pending_.erase(it);
            enqueue(WORK_CPU_UNBOUND, wq, &rw->work);
            break;
        }
    return flush_work(&rw->work);
}

int Workqueues::on_each_cpu(void (*func)(work_struct *))
{
    std::vector<work_struct> works(k_.sched().cpus());
    for (unsigned c = 0; c < works.size(); ++c) {
        INIT_WORK(&works[c], func);
        queue((int)c, system_wq, &works[c]);
    }
    for (auto &w : works)
        flush_work(&w);
    return 0;
}

unsigned Workqueues::busy(work_struct *work)
{
    unsigned r = is_pending(work) ? WORK_BUSY_PENDING : 0;
    if (executing(work))
        r |= WORK_BUSY_RUNNING;
    return r;
}

work_struct *Workqueues::current_work()
{
    Worker *w = self_worker();
    return w ? w->current_work : nullptr;
}

bool Workqueues::congested(int cpu, workqueue_struct *wq)
{
    Pwq *pwq = pick_pwq(cpu, wq);
    return !list_empty(&pwq->inactive);
}

// ---- reports ----

unsigned Workqueues::module_gone(const Module *m)
{
    unsigned n = 0;
    auto in_module = [m](const void *fn) { return m->contains((uintptr_t)fn); };
    for (auto &wq : wqs_) {
        if (wq->destroyed)
            continue;
        for (Pwq *pwq : wq->pwqs)
            for (list_head *lists : {&pwq->pool->worklist, &pwq->inactive}) {
                work_struct *w, *tmp;
                list_for_each_entry_safe(w, tmp, lists, entry) {
                    if (pwq_of(w) != pwq || !in_module((const void *)w->func))
                        continue;
                    std::string fn;
                    k_.symbols().format(fn, (uintptr_t)w->func, 's');
                    k_.log().emit(3, strprintf("kshim: work item %s is still queued on %s after module_exit "
                                               "of %s; a real kernel would oops running it", fn.c_str(),
                                               wq->name.c_str(), m->name.c_str()));
                    grab_pending(w, false);
                    set_offq(w, pwq->pool->id, 0);
                    ++n;
                }
            }
        if (wq->owner == m) {
            k_.log().emit(3, strprintf("kshim: workqueue %s of %s was not destroyed at module_exit (leaked)",
                                       wq->name.c_str(), m->name.c_str()));
            wq->destroyed = true;
            ++n;
        }
    }
    for (timer_list *t : k_.softirq().pending()) {
        const void *fn = (const void *)t->function;
        if (t->function == delayed_work_timer_fn)
            fn = (const void *)container_of(t, delayed_work, timer)->work.func;
        if (!in_module(fn))
            continue;
        std::string name;
        k_.symbols().format(name, (uintptr_t)fn, 's');
        k_.log().emit(3, strprintf("kshim: timer for %s is still pending after module_exit of %s; a real "
                                   "kernel would oops when it fires", name.c_str(), m->name.c_str()));
        k_.softirq().disarm(t);
        ++n;
    }
    return n;
}

void Workqueues::print_stats(workqueue_struct *wq)
{
    const kshim_wq_stats &s = wq->stats;
    k_.log().emit(6, strprintf("workqueue %s: queued %llu, executed %llu, rejected (already pending) %llu, "
                               "dropped %llu, max depth %llu, longest wait %s s",
                               wq->name.c_str(), s.queued, s.executed, s.rejected, s.dropped, s.max_depth,
                               fmt_seconds(s.longest_wait_ns).c_str()));
}

void Workqueues::print_all_stats()
{
    for (auto &wq : wqs_)
        if (!wq->destroyed && (wq->stats.queued || wq->stats.rejected || wq->stats.dropped))
            print_stats(wq.get());
}

}  // namespace kshim
