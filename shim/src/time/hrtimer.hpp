// The hrtimer engine: nanosecond expiries on the clock's timer queue, callbacks in hardirq (or softirq) context.
#pragma once

#include <cstdint>
#include <deque>
#include <utility>
#include <vector>

#include "debug/armed_index.hpp"
#include "debug/debugobjects.hpp"

struct hrtimer;
struct hrtimer_cpu_base;
struct hrtimer_clock_base;
struct hrtimer_sleeper;

namespace kshim {

class Kernel;
struct Timer;
struct Task;
struct OnStackObject;
struct ModuleSpan;

// hrtimers, as Linux 6.1 with CONFIG_HIGH_RES_TIMERS: each virtual CPU has the eight clock
// bases of 6.1 (C structs that timers point at, so hrtimer_cb_get_time() and
// hrtimer_callback_running() work inline). A queued timer sits in the kernel's TimerQueue at
// its hard expiry converted to the monotonic clock (base->offset), to the nanosecond. At expiry
// a hard timer moves to its CPU's hard due list and raises the local timer interrupt there
// (Irqs::kTimerVector, as the local APIC timer runs hrtimer_interrupt), so its callback runs in
// hardirq context by the rules of every interrupt (Irqs::deliver): at once on the running task
// with irqs on, else when that CPU's irqs open or in swapper/N. A soft one moves to its CPU's
// soft due list and HRTIMER_SOFTIRQ runs it in softirq context.
//
// timer->state (HRTIMER_STATE_*), with base->running:
//   INACTIVE -> ENQUEUED   start (also from its own callback)
//   ENQUEUED -> INACTIVE   cancel/try_to_cancel, or its callback starts (running = timer)
//   running  -> ENQUEUED   the callback returned HRTIMER_RESTART (unless it restarted itself)
// A due timer stays ENQUEUED on its due list until its interrupt or softirq runs it, as it
// stays on 6.1's base until hrtimer_interrupt or the softirq takes it off.
// Not thread-safe (one host thread).
class Hrtimers {
public:
    explicit Hrtimers(Kernel &k);
    ~Hrtimers();
    // hrtimer_init: zeroes t and points it at the current CPU's base of clock_id; a t still
    // queued is first 6.1's "ODEBUG: init active" and cancelled (t's address looked up in the
    // index of queued hrtimers). Any context.
    void init(hrtimer *t, int clock_id, unsigned mode);
    // hrtimer_start_range_ns: dequeues t if queued and queues it for tim (+ base time with a
    // _REL mode), hard expiry tim + range_ns. Atomic-safe.
    void start(hrtimer *t, long long tim, uint64_t range_ns, unsigned mode);
    // hrtimer_try_to_cancel: -1 while t's callback runs, else whether it was queued. Atomic-safe.
    int try_cancel(hrtimer *t);
    // hrtimer_cancel: try_cancel, waiting out a running callback. May sleep in kshim only when
    // the callback itself slept (a bug reported elsewhere); from the callback itself it reports
    // the deadlock a real kernel would have.
    int cancel(hrtimer *t);
    // hrtimer_forward. Atomic-safe.
    uint64_t forward(hrtimer *t, long long now, long long interval);
    // hrtimer_active. Atomic-safe.
    static bool active(const hrtimer *t);
    // __hrtimer_get_remaining. Atomic-safe.
    static long long remaining(const hrtimer *t);
    // hrtimer_init_sleeper: t's callback wakes the current task. Any context.
    void init_sleeper(hrtimer_sleeper *sl, int clock_id, unsigned mode);
    // The sleeper's callback: clears sl->task and wakes it. Hardirq context.
    int wakeup(hrtimer *t);
    // schedule_hrtimeout_range_clock. May sleep.
    int sleep(long long *expires, uint64_t delta, unsigned mode, int clock_id);
    // Queued hrtimers, armed or due. Atomic-safe.
    std::vector<hrtimer *> pending() const;
    // At module unload: reports and cancels the queued hrtimers whose callback is in the
    // module; returns how many. Process context (rmmod).
    unsigned module_gone(const ModuleSpan &m);
    // debugobjects: every queued hrtimer inside memory being freed is reported ("free active",
    // hrtimer), lowest address first, and dequeued, as 6.1's hrtimer_fixup_free cancels it. One
    // search of the index of queued hrtimers; allocates only when it finds one. Atomic-safe.
    unsigned free_active(const FreedRange &r);
    // debugobjects at the end of the frame that held an on-stack hrtimer (debug/onstack.hpp):
    // if queued or due it is reported ("free active", hrtimer, at that frame's function) and its
    // proxy dequeued, reading and writing nothing of the hrtimer. Atomic-safe.
    void retire_dead(OnStackObject &o);

private:
    static void expire(Timer *timer);
    static void run_hardirq(void *self, unsigned cpu);
    static void run_softirq(void *self, unsigned cpu);
    hrtimer_clock_base *base_on(unsigned cpu, unsigned index);
    void enqueue(hrtimer *t);
    bool dequeue(hrtimer *t);
    bool take_due(hrtimer *t);
    void run(hrtimer *t);
    bool running_here(const hrtimer *t);

    Kernel &k_;
    std::vector<hrtimer_cpu_base> cpus_;   // complete in hrtimer.cpp (linux/hrtimer.h)
    std::vector<std::deque<hrtimer *>> hard_due_;       // per CPU: expired hard timers
    std::vector<std::deque<hrtimer *>> soft_due_;       // per CPU: expired soft timers
    std::vector<std::pair<const hrtimer *, Task *>> running_;   // callbacks now running, and where
    bool warned_mode_ = false;
    ArmedIndex armed_;   // the queued hrtimers (HRTIMER_STATE_ENQUEUED), armed or due, by address
};

}  // namespace kshim
