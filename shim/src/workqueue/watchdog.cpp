// The workqueue watchdog (6.1's CONFIG_WQ_WATCHDOG): a pool whose pending work makes no progress is reported with show_all_workqueues.
#include "workqueue/workqueue.hpp"

#include <algorithm>

#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "kernel.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"
#include "sched/scheduler.hpp"
#include "workqueue/work_data.hpp"

#include "linux/list.h"
#include "linux/sched.h"
#include "linux/workqueue.h"

namespace kshim {

namespace {

// The pool's stall: pending work and no progress since watchdog_ns. Atomic-safe.
bool stalled(const Pool &p) { return !list_empty(&p.worklist) && !p.lockup_reported; }

}  // namespace

// The watchdog's timer ticks every threshold from boot; the first tick strictly after the
// pool's last progress plus a threshold reports it.
uint64_t Workqueues::next_check()
{
    const uint64_t T = k_.options().wq_watchdog_thresh_ns;
    uint64_t best = UINT64_MAX;
    if (!T)
        return best;
    for (auto &p : pools_)
        if (stalled(*p))
            best = std::min(best, ((p->watchdog_ns + T) / T + 1) * T);
    return best;
}

void Workqueues::check(uint64_t now)
{
    const uint64_t T = k_.options().wq_watchdog_thresh_ns;
    bool found = false;
    for (auto &p : pools_) {
        if (!stalled(*p) || now <= p->watchdog_ns + T)
            continue;
        p->lockup_reported = true;
        found = true;
        k_.reports().count_bug();
        const unsigned long secs = (Clock::jiffies_at(now) - Clock::jiffies_at(p->watchdog_ns)) * 1000 / kHz / 1000;
        k_.log().emit(0, strprintf("BUG: workqueue lockup - pool%s stuck for %lus!", pool_info(p.get()).c_str(), secs));
    }
    if (found)
        show_all_workqueues();
}

// The ids 6.1 gives pools: two per CPU (normal, high priority), then the unbound ones.
int Workqueues::display_id(const Pool *p) const
{
    const int cpus = (int)k_.sched().cpus();
    return p->cpu >= 0 ? p->cpu * 2 + p->highpri : 2 * cpus + p->highpri;
}

// pr_cont_pool_info: " cpus=0 node=0 flags=0x0 nice=0" (unbound pools span every CPU and are
// disassociated, POOL_DISASSOCIATED).
std::string Workqueues::pool_info(const Pool *p) const
{
    const unsigned cpus = k_.sched().cpus();
    std::string span = p->cpu >= 0 ? std::to_string(p->cpu) : cpus > 1 ? strprintf("0-%u", cpus - 1) : "0";
    return strprintf(" cpus=%s node=0 flags=0x%x nice=%d", span.c_str(), p->cpu >= 0 ? 0 : 4, p->highpri ? MIN_NICE : 0);
}

void Workqueues::show_all_workqueues()
{
    k_.log().emit(6, "Showing busy workqueues and worker pools:");
    for (auto &wq : wqs_)
        if (!wq->destroyed)
            show_one_workqueue(wq.get());
    std::vector<Pool *> order;
    for (auto &p : pools_)
        order.push_back(p.get());
    std::sort(order.begin(), order.end(), [this](Pool *a, Pool *b) { return display_id(a) < display_id(b); });
    for (Pool *p : order)
        show_one_pool(p);
}

// A workqueue with active or inactive items: its line, then each such pwq.
void Workqueues::show_one_workqueue(workqueue_struct *wq)
{
    auto busy = [](const Pwq *pwq) { return pwq->nr_active || !list_empty(&pwq->inactive); };
    if (std::none_of(wq->pwqs.begin(), wq->pwqs.end(), busy))
        return;
    k_.log().emit(6, strprintf("workqueue %s: flags=0x%x", wq->name.c_str(), wq->flags));
    for (Pwq *pwq : wq->pwqs)
        if (busy(pwq))
            show_pwq(pwq);
}

// show_pwq: the pwq's counts, the items its busy workers run, its pending and inactive items.
void Workqueues::show_pwq(Pwq *pwq)
{
    Printk &log = k_.log();
    Symbolizer &sym = k_.symbols();
    std::string in_flight, pending, inactive;
    int refs = 1;
    for (Worker *w : busy_)
        if (w->current_pwq == pwq) {
            in_flight += strprintf("%s %d:%s", in_flight.empty() ? "" : ",", w->task->pid(),
                                   sym.text((uintptr_t)w->current_func, 's').c_str());
            ++refs;
        }
    work_struct *work;
    list_for_each_entry(work, &pwq->pool->worklist, entry)
        if (pwq_of(work) == pwq) {
            pending += strprintf("%s %s", pending.empty() ? "" : ",", sym.text((uintptr_t)work->func, 's').c_str());
            ++refs;
        }
    list_for_each_entry(work, &pwq->inactive, entry) {
        inactive += strprintf("%s %s", inactive.empty() ? "" : ",", sym.text((uintptr_t)work->func, 's').c_str());
        ++refs;
    }
    log.emit(6, strprintf("  pwq %d:%s active=%d/%d refcnt=%d", display_id(pwq->pool), pool_info(pwq->pool).c_str(),
                          pwq->nr_active, pwq->wq->max_active, refs));
    if (!in_flight.empty())
        log.emit(6, "    in-flight:" + in_flight);
    if (!pending.empty())
        log.emit(6, "    pending:" + pending);
    if (!inactive.empty())
        log.emit(6, "    inactive:" + inactive);
}

// show_one_worker_pool: a pool with busy workers, how long its first pending item has waited,
// its worker count and its idle workers (the most recently idle first).
void Workqueues::show_one_pool(Pool *p)
{
    if (p->workers.size() == p->idle.size())
        return;
    unsigned long hung = 0;
    if (!list_empty(&p->worklist))
        hung = (k_.clock().jiffies() - Clock::jiffies_at(p->watchdog_ns)) * 1000 / kHz / 1000;
    std::string line = strprintf("pool %d:%s hung=%lus workers=%zu", display_id(p), pool_info(p).c_str(), hung,
                                 p->workers.size());
    for (auto it = p->idle.rbegin(); it != p->idle.rend(); ++it)
        line += strprintf(" %s%d", it == p->idle.rbegin() ? "idle: " : "", (*it)->task->pid());
    k_.log().emit(6, line);
}

}  // namespace kshim
