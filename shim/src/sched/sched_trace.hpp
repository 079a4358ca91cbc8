// The scheduler's tracepoints (sched_switch, sched_wakeup) as a hook the tracer installs.
#pragma once

namespace kshim {

struct Task;

// Installed by the tracer (trace/tracer.hpp) with Scheduler::set_trace, so that sched knows
// nothing above it. While none is installed each call site costs one predictable branch.
// Every member is called on the host thread or the task itself, atomic-safe, and must not sleep.
class SchedTrace {
public:
    // t is about to run on its CPU (t->cpu), from the scheduler loop.
    virtual void switched_in(Task &t) = 0;
    // t gave its CPU back: life and ts.__state say why (preempted, asleep, exited).
    virtual void switched_out(Task &t) = 0;
    // t was woken (TASK_RUNNING now, queued to run).
    virtual void woken(Task &t) = 0;

protected:
    ~SchedTrace() = default;
};

}  // namespace kshim
