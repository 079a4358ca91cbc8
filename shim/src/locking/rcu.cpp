// RCU: read-side nesting, grace periods (no task inside a read-side section) and the callback kthread.
#include <algorithm>

#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "kernel.hpp"
#include "locking/locking.hpp"
#include "module/address_map.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"
#include "sched/scheduler.hpp"

#include "linux/lockdep.h"
#include "linux/preempt.h"
#include "linux/rcupdate.h"
#include "linux/sched.h"
#include "linux/slab.h"

namespace kshim {

namespace {

// The lockdep map that shows "rcu_read_lock" among a task's held locks ({1:2} as in Linux).
lockdep_map rcu_lock_map = {nullptr, "rcu_read_lock", (1 << 4) | 2};

}  // namespace

void Rcu::wake_all(std::vector<Task *> &tasks)
{
    std::vector<Task *> ws = std::move(tasks);
    tasks.clear();
    for (Task *w : ws)
        k_.sched().wake(w, TASK_UNINTERRUPTIBLE);
}

void Rcu::enter(uintptr_t ip)
{
    kshim_preempt_count_add(1);
    int &n = nesting_[&current_task(k_)];
    if (n++ == 0)
        ++readers_;
    k_.locking().dep.acquire(&rcu_lock_map, 0, false, 2, false, ip);
}

void Rcu::exit(uintptr_t ip)
{
    const Task *t = &current_task(k_);
    auto it = nesting_.find(t);
    if (it == nesting_.end() || it->second == 0) {
        k_.reports().warn("kernel/rcu/tree_plugin.h", 412, (uintptr_t)&__rcu_read_unlock,
                          "rcu_read_unlock() without rcu_read_lock()");
        return;
    }
    k_.locking().dep.release(&rcu_lock_map, ip);
    if (--it->second == 0 && --readers_ == 0)
        wake_all(gp_waiters_);
    if (kshim_preempt_count() & PREEMPT_MASK)
        kshim_preempt_count_sub(1);
}

int Rcu::nesting() const
{
    auto it = nesting_.find(&current_task(k_));
    return it == nesting_.end() ? 0 : it->second;
}

bool Rcu::held_bh() const { return nesting() > 0 || softirq_count() != 0; }

bool Rcu::held_sched() const { return nesting() > 0 || preempt_count() != 0 || irqs_disabled(); }

void Rcu::wait_for_readers()
{
    // Every CPU passes through a quiescent state at its next tick at the earliest.
    Scheduler &s = k_.sched();
    s.running()->ts.__state = TASK_UNINTERRUPTIBLE;
    s.schedule_timeout(1);
    while (readers_ > 0) {
        gp_waiters_.push_back(s.running());
        sleep_in(k_, TASK_UNINTERRUPTIBLE);
    }
}

void Rcu::synchronize()
{
    k_.reports().check_might_sleep("kernel/rcu/tree.c", 3634);
    wait_for_readers();
}

long Rcu::thread_main()
{
    Task *self = k_.sched().running();
    for (;;) {
        while (pending_.empty()) {
            self->idle_daemon = true;
            sleep_in(k_, TASK_IDLE);
        }
        self->idle_daemon = false;
        batch_ = std::move(pending_);
        pending_.clear();
        wait_for_readers();
        // Callbacks run in softirq context (rcu_core), so sleeping in one is reported.
        for (size_t i = 0; i < batch_.size(); ++i) {
            const Callback cb = batch_[i];
            kshim_preempt_count_add(SOFTIRQ_OFFSET);
            if (cb.obj)
                ::kvfree(cb.obj);
            else if (cb.fn)  // nullptr: dropped at its module's unload
                cb.fn(cb.head);
            kshim_preempt_count_sub(SOFTIRQ_OFFSET);
            ++done_;
        }
        batch_.clear();
        wake_all(barrier_waiters_);
    }
}

unsigned Rcu::module_gone(const ModuleSpan &m)
{
    unsigned n = 0;
    for (std::deque<Callback> *q : {&batch_, &pending_})
        for (Callback &cb : *q) {
            if (cb.obj || !m.contains((const void *)cb.fn))
                continue;
            const std::string name = k_.symbols().text((uintptr_t)cb.fn, 's');
            k_.log().emit(3, strprintf("kshim: RCU callback %s is still pending after module_exit of %s (no "
                                       "rcu_barrier); a real kernel would oops when it runs", name.c_str(), m.name));
            cb.fn = nullptr;  // left in place: the batch may be mid-run
            ++n;
        }
    return n;
}

void Rcu::queue(callback_head *head, void (*fn)(callback_head *), void *obj)
{
    pending_.push_back(Callback{head, fn, obj});
    ++queued_;
    if (!thread_) {
        thread_ = k_.sched().create(TaskKind::Kthread, "rcu_preempt", [this] { return thread_main(); });
        k_.sched().wake(thread_, TASK_NORMAL);
        return;
    }
    // Only an idle thread is woken: one waiting out a grace period keeps waiting.
    k_.sched().wake(thread_, TASK_NOLOAD);
}

void Rcu::kvfree(callback_head *head, void *obj)
{
    if (head) {
        queue(head, nullptr, obj);
        return;
    }
    // The headless form frees after a grace period of its own.
    synchronize();
    ::kvfree(obj);
}

void Rcu::wait_callbacks()
{
    k_.reports().check_might_sleep("kernel/rcu/tree.c", 3997);
    uint64_t target = queued_;
    while (done_ < target) {
        barrier_waiters_.push_back(k_.sched().running());
        sleep_in(k_, TASK_UNINTERRUPTIBLE);
    }
}

}  // namespace kshim
