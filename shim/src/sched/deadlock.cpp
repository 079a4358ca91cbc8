// The deadlock detector (kshim's own report): every task blocked, nothing left that could wake one.
#include "sched/scheduler.hpp"

#include <algorithm>

#include "debug/report.hpp"
#include "debug/safe_read.hpp"
#include "debug/symbolizer.hpp"
#include "kernel.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"

#include "linux/sched.h"

namespace kshim {

namespace {

// The letter the kernel prints for a task's state (task_state_to_char). Atomic-safe.
char state_char(unsigned state)
{
    if (state == TASK_IDLE)
        return 'I';
    if (state & TASK_PARKED)
        return 'P';
    if (state & TASK_UNINTERRUPTIBLE)
        return 'D';
    if (state & TASK_INTERRUPTIBLE)
        return 'S';
    return 'R';
}

// A task that waits for something (not an idle kernel daemon waiting for work). Atomic-safe.
bool blocked(const Task &t)
{
    return t.alive() && t.started && t.life == Life::Sleeping && !t.busy_wait && !t.idle_daemon;
}

std::string name_of(const Task *t) { return t ? strprintf("%s:%d", t->comm(), t->pid()) : std::string("nobody"); }

}  // namespace

// The live task whose task_struct is at ts, or nullptr; never dereferences ts. Atomic-safe.
Task *Scheduler::task_at(const void *ts) const
{
    for (auto &t : tasks_)
        if (&t->ts == ts && t->alive())
            return t.get();
    return nullptr;
}

// The owner of the mutex or the writer holding the rw_semaphore at obj, read defensively (the
// lock is module memory, maybe freed). Both keep the owner's task_struct in their first word.
Task *Scheduler::lock_owner(const void *obj) const
{
    long owner = 0;
    if (!read_safely(owner, obj))
        return nullptr;
    return task_at(reinterpret_cast<const void *>(owner & ~7l));
}

// Whom t waits for, where the primitive knows: a mutex's owner, the kthread it stops or parks,
// the worker running the work it flushes. Atomic-safe.
Task *Scheduler::waits_for(const Task &t) const
{
    switch (t.waits.kind) {
    case WaitKind::Mutex:
    case WaitKind::RwSem:
        return lock_owner(t.waits.obj);
    case WaitKind::KthreadStop:
    case WaitKind::KthreadPark:
    case WaitKind::Work:
        return t.waits.target;
    default:
        return nullptr;
    }
}

// "mutex lock_a+0x0/0x20 [mod], held by insmod:100" and the like. May allocate.
std::string Scheduler::describe_wait(const Task &t)
{
    const WaitNote &w = t.waits;
    const std::string obj = w.obj ? k_.symbols().text((uintptr_t)w.obj, 'S') : std::string();
    switch (w.kind) {
    case WaitKind::Mutex:
        return "mutex " + obj + ", held by " + name_of(waits_for(t));
    case WaitKind::RwSem:
        return "rw_semaphore " + obj + ", held by " + name_of(waits_for(t));
    case WaitKind::Semaphore:
        return "semaphore " + obj;
    case WaitKind::Completion:
        return "completion " + obj;
    case WaitKind::WaitQueue:
        return "wait queue " + obj;
    case WaitKind::KthreadStop:
        return "kthread_stop(" + name_of(w.target) + ") to return: the kthread is blocked too";
    case WaitKind::KthreadPark:
        return "kthread_park(" + name_of(w.target) + ") to return: the kthread is blocked too";
    case WaitKind::Work:
        return "flush of work " + obj + (w.target ? ", running in " + name_of(w.target) : std::string(", queued"));
    case WaitKind::Workqueue:
        return "flush_workqueue of " + obj;
    case WaitKind::None:
        break;
    }
    return "a wake-up nobody will send (schedule() with no waker)";
}

// A completion, wait queue or semaphore records no owner. When every task is blocked, only a
// blocked task can signal it; if exactly one other blocked kthread (not waiting on the same
// object) could, that is whom t waits for: how a completion cycle between two kthreads gets
// named. Atomic-safe.
Task *Scheduler::sole_signaller(const Task &t, const std::vector<Task *> &stuck) const
{
    Task *only = nullptr;
    for (Task *o : stuck) {
        if (o == &t || o->waits.obj == t.waits.obj || o->kind == TaskKind::Insmod || o->kind == TaskKind::Rmmod)
            continue;
        if (only)
            return nullptr;
        only = o;
    }
    return only;
}

// waits_for, or the sole signaller of an ownerless primitive. Atomic-safe.
Task *Scheduler::waits_for_among(const Task &t, const std::vector<Task *> &stuck) const
{
    switch (t.waits.kind) {
    case WaitKind::Completion:
    case WaitKind::WaitQueue:
    case WaitKind::Semaphore:
        return sole_signaller(t, stuck);
    default:
        return waits_for(t);
    }
}

// The first wait-for cycle through blocked tasks, as "a:100 -> b:101 -> a:100", or empty.
std::string Scheduler::find_cycle(const std::vector<Task *> &stuck) const
{
    for (Task *start : stuck) {
        std::vector<Task *> path{start};
        for (Task *t = waits_for_among(*start, stuck); t && path.size() <= stuck.size();
             t = waits_for_among(*t, stuck)) {
            auto seen = std::find(path.begin(), path.end(), t);
            if (seen != path.end()) {
                std::string s;
                for (auto it = seen; it != path.end(); ++it)
                    s += name_of(*it) + " -> ";
                return s + name_of(t);
            }
            path.push_back(t);
        }
    }
    return {};
}

void Scheduler::report_deadlock(const Task &waiter)
{
    Reports &rp = k_.reports();
    Printk &log = k_.log();
    rp.count_bug();
    log.emit(3, "kshim: deadlock: every task is blocked and nothing can wake one");
    log.emit(3, strprintf("kshim: nothing can run, no timer or interrupt is pending, and %s:%d, which the outside "
                          "waits for, is blocked",
                          waiter.comm(), waiter.pid()));
    std::vector<Task *> stuck;
    for (auto &t : tasks_)
        if (blocked(*t))
            stuck.push_back(t.get());
    for (Task *t : stuck) {
        log.emit(3, strprintf("kshim: %s:%d (state %c) waits for %s", t->comm(), t->pid(), state_char(t->ts.__state),
                              describe_wait(*t).c_str()));
        rp.show_task(info(*t), state_char(t->ts.__state), dump_stack_of(t));
    }
    std::string cycle = find_cycle(stuck);
    if (!cycle.empty())
        log.emit(3, "kshim: wait-for cycle: " + cycle);
    else
        log.emit(3, "kshim: no wait-for cycle can be named (completions and wait queues record no owner)");
    rp.show_all_locks();
}

}  // namespace kshim
