// Kernel threads on top of the scheduler: creation, stop, park, exit.
#pragma once

#include <string>

#include "kthread/kthread_worker.hpp"

struct task_struct;

namespace kshim {

class Kernel;
struct Task;

// The kthread protocol of Linux 6.1 (kernel/kthread.c), on fibers.
class Kthreads {
public:
    explicit Kthreads(Kernel &k) : k_(k), workers_(k) {}
    KthreadWorkers &workers() { return workers_; }
    // May sleep. A new kthread sleeps (TASK_UNINTERRUPTIBLE) until woken or stopped.
    // caller: the code asking (kthread_create), nullptr result when fault injection fails it.
    Task *create(int (*fn)(void *), void *data, std::string name, int cpu, uintptr_t caller = 0);
    // kthread_create's result: the new thread's task_struct, or ERR_PTR(-ENOMEM). May sleep.
    task_struct *create_task(int (*fn)(void *), void *data, std::string name, int cpu, uintptr_t caller);
    void bind(Task *t, unsigned cpu);
    // kthread_set_per_cpu: binds t to cpu; a negative cpu leaves it as it is. Atomic-safe.
    void set_per_cpu(Task *t, int cpu);
    int stop(Task *t);          // may sleep
    bool should_stop() const;   // atomic-safe
    // kthread_freezable_should_stop: kshim has no freezer, so never frozen. Atomic-safe.
    bool freezable_should_stop(bool *was_frozen) const;
    bool should_park() const;   // atomic-safe
    int park(Task *t);          // may sleep
    void unpark(Task *t);
    void parkme();              // may sleep
    [[noreturn]] void exit(long result);

private:
    Kernel &k_;
    KthreadWorkers workers_;
};

}  // namespace kshim

extern "C" long kthread(kshim::Task *t);
