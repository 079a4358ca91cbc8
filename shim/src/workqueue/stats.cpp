// CMWQ reports: per-workqueue statistics and what a module left behind at unload.
#include "workqueue/workqueue.hpp"

#include <algorithm>

#include "debug/debugobjects.hpp"
#include "debug/onstack.hpp"
#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "kernel.hpp"
#include "module/address_map.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"
#include "sched/scheduler.hpp"
#include "sched/task.hpp"
#include "workqueue/work_data.hpp"

#include "linux/list.h"
#include "linux/workqueue.h"

namespace kshim {

namespace {

std::string fmt_seconds(uint64_t ns)
{
    return strprintf("%llu.%06llu", (unsigned long long)(ns / 1000000000ull),
                     (unsigned long long)(ns % 1000000000ull / 1000));
}

}  // namespace

// At module unload: reports and drops the module's queued items and undestroyed workqueues;
// returns how many. Process context (rmmod).
unsigned Workqueues::drop_queued(const std::function<bool(workqueue_struct *, work_struct *)> &gone)
{
    unsigned n = 0;
    for (auto &wq : wqs_) {
        if (wq->destroyed)
            continue;
        for (Pwq *pwq : wq->pwqs)
            for (list_head *lists : {&pwq->pool->worklist, &pwq->inactive}) {
                work_struct *w, *tmp;
                list_for_each_entry_safe(w, tmp, lists, entry) {
                    if (pwq_of(w) != pwq || !gone(wq.get(), w))
                        continue;
                    grab_pending(w, false);
                    set_offq(w, pwq->pool->id, WorkState::Idle);
                    ++n;
                }
            }
    }
    return n;
}

unsigned Workqueues::free_active(const FreedRange &r)
{
    return drop_queued([&](workqueue_struct *, work_struct *w) {
        if (!r.contains(w))
            return false;
        odebug_report(k_, "free", OdebugState::Active, "work_struct", (const void *)w->func, r.site);
        return true;
    });
}

// insert, while on-stack objects exist: before the item is linked, the current task's objects
// whose frame has ended are retired (linking next to one would write into its memory); an
// on-stack item's queue, color and function are noted for its retirement. Atomic-safe.
void Workqueues::note_onstack(work_struct *work, Pwq *pwq, unsigned color)
{
    if (Task *t = k_.sched().running(); t && t->onstack_objects)
        k_.check_onstack(*t);
    if (OnStackObject *o = k_.onstack().find_work(work)) {
        o->pwq = pwq;
        o->color = color;
        o->work_fn = (const void *)work->func;
    }
}

void Workqueues::retire_dead(const std::vector<OnStackObject *> &dead)
{
    std::vector<work_struct *> items;
    for (OnStackObject *o : dead)
        if (o->has_work())
            items.push_back(o->work());
    if (items.empty())
        return;
    // Unlinked everywhere first: the accounting after may activate an inactive item.
    std::vector<std::pair<work_struct *, Pwq *>> found;   // the item, and the pwq whose inactive list held it
    for (auto &p : pools_) {
        for (work_struct *w : unlink_dead(&p->worklist, items))
            found.emplace_back(w, nullptr);
        for (auto &wk : p->workers)
            for (work_struct *w : items)
                if (auto it = std::find(wk->scheduled.begin(), wk->scheduled.end(), w); it != wk->scheduled.end()) {
                    wk->scheduled.erase(it);
                    found.emplace_back(w, nullptr);
                }
    }
    for (auto &wq : wqs_)
        for (Pwq *pwq : wq->pwqs)
            for (work_struct *w : unlink_dead(&pwq->inactive, items))
                found.emplace_back(w, pwq);
    for (auto [w, inactive_on] : found)
        for (OnStackObject *o : dead)
            if (o->work() == w)
                account_dead(*o, inactive_on);
}

// Takes the dead items off the list at head, reading only live nodes: forward from the head to
// the node before the first dead one, backward to the node after the last, and those two are
// joined. Two dead items on one list lose what lies between them (it cannot be reached
// without reading them), which is said. Returns the dead items found. Atomic-safe.
std::vector<work_struct *> Workqueues::unlink_dead(list_head *head, const std::vector<work_struct *> &dead)
{
    auto gone = [&dead](list_head *n) {
        return n != nullptr && std::find(dead.begin(), dead.end(), container_of(n, work_struct, entry)) != dead.end();
    };
    list_head *before = head;
    while (before->next != head && !gone(before->next))
        before = before->next;
    if (before->next == head)
        return {};
    list_head *after = head;
    while (!gone(after->prev))
        after = after->prev;
    std::vector<work_struct *> out{container_of(before->next, work_struct, entry)};
    if (after->prev != before->next) {
        out.push_back(container_of(after->prev, work_struct, entry));
        k_.log().emit(3, "kshim: two on-stack work items whose frames ended were on one list; the items "
                         "queued between them cannot be reached without reading dead memory and are lost");
    }
    before->next = after;
    after->prev = before;
    return out;
}

// One dead item taken off its list: 6.1's free-active report, and the counts grab_pending
// would fix, from what was noted when it was queued. Atomic-safe.
void Workqueues::account_dead(const OnStackObject &o, Pwq *inactive_on)
{
    if (o.report)
        odebug_report(k_, "free", OdebugState::Active, "work_struct", o.work_fn, o.frame_fn);
    Pwq *pwq = inactive_on ? inactive_on : o.pwq;
    if (!pwq)
        return;
    auto &q = pwq->queued_at;
    if (!q.empty() && --q.back().second == 0)
        q.pop_back();
    --pwq->wq->pending;
    if (inactive_on) {
        --pwq->wq->inflight[o.color];
        if (!flushers_.empty())
            wake_flushers(pwq->wq);
    } else {
        finish_one(pwq, o.color);
    }
}

void Workqueues::init_check(work_struct *work, bool onstack, uintptr_t site)
{
    if (const Task *t = k_.sched().running()) {
        const TaskInfo i = Scheduler::info(*t);
        const bool on = (uintptr_t)work >= i.stack_lo && (uintptr_t)work < i.stack_hi;
        if (i.stack_hi && on != onstack) [[unlikely]]
            odebug_stack_mismatch(k_, work, onstack, (const void *)i.stack_lo, site);
    }
    // Registered first: a dead frame's item at this address is retired before its data is read.
    if (onstack)
        k_.register_onstack(work, sizeof *work, OnStackKind::Work, site);
    if (!(data_of(work) & WORK_STRUCT_PWQ))  // not queued (or never initialised): nothing to do
        return;
    drop_queued([&](workqueue_struct *, work_struct *w) {
        if (w != work)
            return false;
        odebug_report(k_, "init", OdebugState::Active, "work_struct", (const void *)w->func, site);
        return true;
    });
}

// A never-initialised item (INIT_WORK sets entry to point at itself; a zeroed one has NULL):
// 6.1's "activate not available"; one without a function is not queued. Atomic-safe.
bool Workqueues::queue_uninitialised(work_struct *work, uintptr_t site)
{
    odebug_report(k_, "activate", OdebugState::NotAvailable, "work_struct", (const void *)work->func, site);
    return work->func != nullptr;
}

unsigned Workqueues::module_gone(const ModuleSpan &m)
{
    unsigned n = drop_queued([&](workqueue_struct *wq, work_struct *w) {
        if (!m.contains((const void *)w->func))
            return false;
        const std::string fn = k_.symbols().text((uintptr_t)w->func, 's');
        k_.log().emit(3, strprintf("kshim: work item %s is still queued on %s after module_exit "
                                   "of %s; a real kernel would oops running it", fn.c_str(),
                                   wq->name.c_str(), m.name));
        return true;
    });
    for (auto &wq : wqs_) {
        if (wq->destroyed)
            continue;
        if (wq->owner == m.id) {
            k_.log().emit(3, strprintf("kshim: workqueue %s of %s was not destroyed at module_exit (leaked)",
                                       wq->name.c_str(), m.name));
            wq->destroyed = true;
            ++n;
        }
    }
    return n;
}

// One line of a workqueue's statistics (--wq-stats); atomic-safe.
void Workqueues::print_stats(workqueue_struct *wq)
{
    const kshim_wq_stats &s = wq->stats;
    k_.log().emit(6, strprintf("workqueue %s: queued %llu, executed %llu, rejected (already pending) %llu, "
                               "dropped %llu, max depth %llu, longest wait %s s",
                               wq->name.c_str(), s.queued, s.executed, s.rejected, s.dropped, s.max_depth,
                               fmt_seconds(s.longest_wait_ns).c_str()));
}

// The statistics of every live workqueue that saw any work; atomic-safe.
void Workqueues::print_all_stats()
{
    for (auto &wq : wqs_)
        if (!wq->destroyed && (wq->stats.queued || wq->stats.rejected || wq->stats.dropped))
            print_stats(wq.get());
}

}  // namespace kshim
