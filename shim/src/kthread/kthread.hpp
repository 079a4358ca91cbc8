// Kernel threads on top of the scheduler: creation, stop, park, exit.
#pragma once

#include <string>

struct task_struct;

namespace kshim {

class Kernel;
struct Task;

// The kthread protocol of Linux 6.1 (kernel/kthread.c), on fibers.
class Kthreads {
public:
    explicit Kthreads(Kernel &k) : k_(k) {}
    // May sleep. A new kthread sleeps (TASK_UNINTERRUPTIBLE) until woken or stopped.
    Task *create(int (*fn)(void *), void *data, std::string name, int cpu);
    void bind(Task *t, unsigned cpu);
    int stop(Task *t);          // may sleep
    bool should_stop() const;   // atomic-safe
    bool should_park() const;   // atomic-safe
    int park(Task *t);          // may sleep
    void unpark(Task *t);
    void parkme();              // may sleep
    [[noreturn]] void exit(long result);

private:
    Kernel &k_;
};

}  // namespace kshim

extern "C" long kthread(kshim::Task *t);
