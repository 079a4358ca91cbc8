// Softirq context: per-CPU ksoftirqd tasks that run raised softirq handlers with the softirq count held.
#pragma once

#include <vector>

namespace kshim {

class Kernel;
struct Task;

// The softirq vectors in use, numbered as Linux's (include/linux/interrupt.h).
enum SoftirqNr : unsigned {
    HiSoftirq = 0, TimerSoftirq = 1, TaskletSoftirq = 6, HrtimerSoftirq = 8, NrSoftirqs = 10
};

// "Run this in softirq context on CPU n": a subsystem opens a vector with its handler, then
// raises it on a CPU; ksoftirqd/N runs the handler there with SOFTIRQ_OFFSET added to its
// preempt count, so in_serving_softirq() is true inside. Not thread-safe (one host thread).
class Softirq {
public:
    using Handler = void (*)(void *ctx, unsigned cpu);

    explicit Softirq(Kernel &k);
    // As open_softirq(): installs the handler of vector nr. Process context, at kernel start.
    void open(SoftirqNr nr, Handler fn, void *ctx);
    // As raise_softirq() on cpu: the vector's handler runs soon, at the end of the hardirq the
    // caller is in on that CPU, else in ksoftirqd/cpu (created on first use). Atomic-safe.
    void raise(SoftirqNr nr, unsigned cpu);
    // irq_exit on cpu, for the interrupted task t: unless t is in softirq or bh-disabled, one
    // pass over the raised vectors runs here with irqs on; what is raised again meanwhile goes
    // to ksoftirqd. Called by the interrupt controller with t's hardirq count already dropped.
    void irq_exit(unsigned cpu, Task *t);
    // local_bh_disable/local_bh_enable on the current task's softirq-disable count. An enable
    // without a disable is ignored. Divergence: pending softirqs are not run at the enable;
    // ksoftirqd runs them. Atomic-safe.
    void bh_disable();
    void bh_enable();

private:
    struct Vector {
        Handler fn = nullptr;
        void *ctx = nullptr;
    };
    void run_cpu(unsigned cpu);
    void wake_daemon(unsigned cpu);
    bool run_pending(unsigned cpu, Task *self);

    Kernel &k_;
    Vector vectors_[NrSoftirqs];
    std::vector<Task *> tasks_;       // ksoftirqd/N, created on first use
    std::vector<unsigned> pending_;   // per CPU: raised vectors, one bit each
};

}  // namespace kshim
