// Tasklets: per-CPU lists run from TASKLET_SOFTIRQ and HI_SOFTIRQ, with 6.1's SCHED/RUN state bits and disable count.
#pragma once

#include <functional>
#include <vector>

#include "debug/debugobjects.hpp"

#include "irq/softirq.hpp"
#include "module/address_map.hpp"

struct tasklet_struct;

namespace kshim {

class Kernel;
struct Task;

// A tasklet's state is its two bits: SCHED (on a CPU's list, set by tasklet_schedule, cleared
// just before its callback runs) and RUN (its callback runs now, or the softirq holds it):
//   idle -> SCHED          tasklet_schedule (a no-op when SCHED is set)
//   SCHED -> SCHED|RUN     the softirq takes it (if RUN was clear; else it goes back on the list)
//   SCHED|RUN -> RUN       enabled (count 0): SCHED cleared, callback called
//   RUN -> idle            callback returned
//   SCHED|RUN -> SCHED     disabled (count > 0): back on the list until tasklet_enable
// A tasklet runs on the CPU whose list it is on: the one that scheduled it.
// Divergence: a disabled or running tasklet put back on its list does not re-raise the softirq
// at once (Linux's ksoftirqd would spin on it); tasklet_enable and the end of any tasklet's run
// raise it again. Not thread-safe (one host thread).
class Tasklets {
public:
    explicit Tasklets(Kernel &k);
    // tasklet_init / tasklet_setup. Any context.
    static void init(tasklet_struct *t, void (*func)(unsigned long), unsigned long data);
    static void setup(tasklet_struct *t, void (*callback)(tasklet_struct *));
    // __tasklet_schedule / __tasklet_hi_schedule, after the caller set SCHED: appends t to the
    // current CPU's list and raises its softirq. Atomic-safe.
    void schedule(tasklet_struct *t, bool hi);
    // tasklet_enable: drops the disable count; a scheduled tasklet then runs. Atomic-safe.
    void enable(tasklet_struct *t);
    // tasklet_unlock: clears RUN and lets tasklet_unlock_wait/tasklet_kill go. Atomic-safe.
    void unlock(tasklet_struct *t);
    // tasklet_unlock_wait: sleeps until RUN is clear. May sleep.
    void unlock_wait(tasklet_struct *t);
    // tasklet_kill: waits until t is neither scheduled nor running, leaves it unscheduled. May
    // sleep (a disabled, scheduled tasklet makes it wait forever, as in Linux).
    void kill(tasklet_struct *t);

    // The unload sweep: every scheduled tasklet whose function is in m's code is reported and
    // taken off its list. Returns how many. rmmod task.
    unsigned module_gone(const ModuleSpan &m);
    // debugobjects for tasklets (kshim's own: 6.1 has none): every scheduled tasklet inside
    // memory being freed is reported as "free active" and taken off its list. Atomic-safe.
    unsigned free_active(const FreedRange &r);

private:
    struct List {
        tasklet_struct *head = nullptr;
        tasklet_struct **tail = &head;
        List() = default;
        List(const List &) = delete;   // tail points into the object itself
        List &operator=(const List &) = delete;
        void append(tasklet_struct *t);
        tasklet_struct *take();        // the whole list; leaves it empty
    };
    static void run_normal(void *self, unsigned cpu);
    static void run_hi(void *self, unsigned cpu);
    void action(std::vector<List> &lists, SoftirqNr nr, unsigned cpu);
    bool run_one(tasklet_struct *t);
    void kick();
    void wait_until(tasklet_struct *t, unsigned long bit);
    void wake_waiters();
    // Rebuilds l without the tasklets `gone` reports (it returns true for them).
    unsigned sweep(List &l, const std::function<bool(tasklet_struct *)> &gone);
    unsigned sweep_all(const std::function<bool(tasklet_struct *)> &gone);

    Kernel &k_;
    std::vector<List> normal_, hi_;   // per CPU
    std::vector<Task *> waiters_;     // tasklet_kill, tasklet_unlock_wait
    unsigned deferred_ = 0;           // tasklets put back on a list (disabled or busy) since the last kick
};

}  // namespace kshim
