// Softirq context: per-CPU ksoftirqd tasks that run timer_list callbacks when their timers fire.
#pragma once

#include <deque>
#include <vector>

struct timer_list;

namespace kshim {

class Kernel;
struct Task;
struct Timer;

class Softirq {
public:
    explicit Softirq(Kernel &k);
    // Arms a timer_list for jiffy `expires` on `cpu`, with the timer wheel's rounding.
    // Returns whether it was pending. Atomic-safe.
    int arm(timer_list *t, unsigned long expires, unsigned cpu);
    int disarm(timer_list *t);              // atomic-safe; 1 if it was pending
    bool running(const timer_list *t) const;
    static timer_list *of(Timer *timer);
    static Timer *timer_of(timer_list *t);
    // Pending timer_lists, for the leftover report at module unload.
    std::vector<timer_list *> pending() const;

private:
    static void fire(Timer *timer);
    bool take_due(timer_list *t);
    void run_cpu(unsigned cpu);

    Kernel &k_;
    std::vector<Task *> tasks_;               // ksoftirqd/N, created on first use
    std::vector<std::deque<timer_list *>> due_;
    const timer_list *running_ = nullptr;
};

}  // namespace kshim
