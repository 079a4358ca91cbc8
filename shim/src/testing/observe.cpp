// The test API's observations: per-workqueue statistics, allocations per module, the live tasks.
#include "kshim/testing.hpp"

#include <stdexcept>

#include "debug/fault_inject.hpp"
#include "debug/symbolizer.hpp"
#include "kernel.hpp"
#include "mm/memory.hpp"
#include "module/module.hpp"
#include "printk/strprintf.hpp"
#include "sched/scheduler.hpp"
#include "workqueue/workqueue.hpp"

#include "linux/sched.h"

namespace kshim::testing {

namespace {

WorkqueueStats stats_of(const workqueue_struct &wq)
{
    const kshim_wq_stats &s = wq.stats;
    return {wq.name, wq.destroyed, s.queued, s.executed, s.rejected, s.dropped, s.max_depth, s.longest_wait_ns};
}

const char *kind_name(AllocKind k)
{
    switch (k) {
    case AllocKind::Kmalloc:
        return "kmalloc";
    case AllocKind::Vmalloc:
        return "vmalloc";
    case AllocKind::Cache:
        return "cache";
    case AllocKind::Pages:
        return "pages";
    }
    return "?";
}

const char *kind_name(TaskKind k)
{
    switch (k) {
    case TaskKind::Boot:
        return "boot";
    case TaskKind::Insmod:
        return "insmod";
    case TaskKind::Rmmod:
        return "rmmod";
    case TaskKind::Kthread:
        return "kthread";
    case TaskKind::Worker:
        return "worker";
    case TaskKind::Test:
        return "test";
    case TaskKind::User:
        return "user";
    }
    return "?";
}

// The letter ps shows for t (task_state_to_char); a task on a run queue or busy-waiting is R.
char state_letter(const Task &t)
{
    unsigned s = t.ts.__state;
    if (t.life != Life::Sleeping || t.busy_wait)
        return 'R';
    if (s == TASK_IDLE)
        return 'I';
    if (s & TASK_PARKED)
        return 'P';
    if (s & TASK_UNINTERRUPTIBLE)
        return 'D';
    return s & TASK_INTERRUPTIBLE ? 'S' : 'R';
}

const char *wait_word(WaitKind k)
{
    switch (k) {
    case WaitKind::Mutex:
        return "mutex";
    case WaitKind::Completion:
        return "completion";
    case WaitKind::WaitQueue:
        return "wait queue";
    case WaitKind::Semaphore:
        return "semaphore";
    case WaitKind::RwSem:
        return "rw_semaphore";
    case WaitKind::KthreadStop:
        return "kthread_stop of";
    case WaitKind::KthreadPark:
        return "kthread_park of";
    case WaitKind::Work:
        return "flush of work";
    case WaitKind::Workqueue:
        return "flush_workqueue of";
    case WaitKind::None:
        break;
    }
    return "";
}

// What a sleeping t blocks on, in words: the primitive and its symbol ("completion my_done
// [mydrv]"), the task it names, or the timer that wakes it. Empty for a runnable task.
std::string waits_of(Kernel &k, const Task &t)
{
    if (t.life != Life::Sleeping)
        return {};
    const WaitNote &w = t.waits;
    std::string out;
    if (w.kind != WaitKind::None) {
        out = wait_word(w.kind);
        if (w.obj)
            out += " " + k.symbols().text((uintptr_t)w.obj, 's');
        if (w.target)
            out += strprintf(" %s:%d", w.target->comm(), w.target->pid());
    }
    if (t.timer.pending()) {
        uint64_t at = t.timer.expires;
        out += strprintf("%stimer at %llu.%06llu", out.empty() ? "" : ", ", (unsigned long long)(at / 1000000000ull),
                         (unsigned long long)(at % 1000000000ull / 1000));
    }
    return out.empty() ? "a wake-up (schedule() with no timer)" : out;
}

}  // namespace

std::vector<WorkqueueStats> TestKernel::workqueue_stats() const
{
    std::vector<WorkqueueStats> out;
    for (const auto &wq : k_->workqueues().list())
        out.push_back(stats_of(*wq));
    return out;
}

WorkqueueStats TestKernel::workqueue_stats(const std::string &name) const
{
    for (const auto &wq : k_->workqueues().list())
        if (wq->name == name)
            return stats_of(*wq);
    throw std::invalid_argument("no workqueue named " + name);
}

std::vector<AllocationInfo> TestKernel::allocations(const std::string &module) const
{
    std::vector<AllocationInfo> out;
    const Module *m = k_->modules().find(module);
    if (!m)
        return out;
    for (const auto &[addr, a] : k_->mm().held_by(m))
        out.push_back({a.size, kind_name(a.kind), k_->symbols().text(a.site, 'B'), strprintf("%s:%d", a.comm, a.pid),
                       a.ns});
    return out;
}

std::vector<TaskState> TestKernel::tasks() const
{
    std::vector<TaskState> out;
    for (const auto &t : k_->sched().tasks()) {
        if (!t->alive() || t->kind == TaskKind::Boot)
            continue;
        out.push_back({t->pid(), t->comm(), state_letter(*t), t->started, t->cpu, kind_name(t->kind),
                       t->owner ? t->owner->name : std::string(), waits_of(*k_, *t)});
    }
    return out;
}

unsigned long TestKernel::fallible_calls() const { return k_->faults().calls(); }

}  // namespace kshim::testing
