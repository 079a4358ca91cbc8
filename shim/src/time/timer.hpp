// The timer_list engine: arming on the clock's timer queue with the wheel's rounding, expiry in softirq.
#pragma once

#include <deque>
#include <utility>
#include <vector>

#include "debug/armed_index.hpp"
#include "debug/debugobjects.hpp"

struct timer_list;

namespace kshim {

class Kernel;
struct Timer;
struct OnStackObject;
struct ModuleSpan;

// timer_list timers. An armed timer sits in the kernel's TimerQueue; when it expires it moves
// to its CPU's due list and the timer softirq is raised there, which runs the callbacks in
// softirq context (irq/Softirq). Not thread-safe (one host thread).
class TimerLists {
public:
    explicit TimerLists(Kernel &k);
    // Arms a timer_list for jiffy `expires` on `cpu`, with the timer wheel's rounding.
    // Returns whether it was pending. Atomic-safe.
    int arm(timer_list *t, unsigned long expires, unsigned cpu);
    int disarm(timer_list *t);              // atomic-safe; 1 if it was pending
    // timer_setup()'s debugobjects check, before the fields are written: a t still pending is
    // 6.1's "ODEBUG: init active" (hint: its function) and is disarmed, as timer_fixup_init
    // does. t's fields are not trusted (it may be fresh memory): t's address is looked up in
    // the index of armed timer_lists. Allocates nothing. Atomic-safe.
    void init_check(timer_list *t, uintptr_t site);
    // timer_setup(): init_check, then the fields set. Atomic-safe.
    void init(timer_list *t, void (*fn)(timer_list *), unsigned flags, uintptr_t site);
    // mod_timer_pending(): re-arms t only if it is pending; 0 (and no change) otherwise.
    int rearm_pending(timer_list *t, unsigned long expires, unsigned cpu);
    // timer_reduce(): arms t, or moves it earlier; a pending t expiring sooner is left alone.
    int reduce(timer_list *t, unsigned long expires, unsigned cpu);
    // try_to_del_timer_sync(): -1 while t's callback runs, else as disarm(). Atomic-safe.
    int try_disarm(timer_list *t) { return running(t) ? -1 : disarm(t); }
    // Whether t's callback is running now (try_to_del_timer_sync). Atomic-safe.
    bool running(const timer_list *t) const { return running_ == t; }
    // Pending timer_lists, armed or due. Atomic-safe.
    std::vector<timer_list *> pending() const;
    // The code a timer runs on behalf of another subsystem (delayed work: the work function):
    // that subsystem installs a resolver for its callback, so unload reports name the real code.
    // Process context, at kernel start.
    using Resolver = const void *(*)(timer_list *t);
    void resolve_callback(void (*callback)(timer_list *), Resolver r);
    // At module unload: reports and disarms the pending timers whose code is in the module;
    // returns how many. Process context (rmmod).
    unsigned module_gone(const ModuleSpan &m);
    // debugobjects: every armed timer inside memory being freed is reported ("free active",
    // timer_list), lowest address first, and disarmed, as 6.1's timer_fixup_free does. One
    // search of the index of armed timer_lists; allocates only when it finds one. Atomic-safe.
    unsigned free_active(const FreedRange &r);
    // debugobjects at the end of the frame that held an on-stack timer (debug/onstack.hpp): if
    // armed or due it is reported ("free active", timer_list, at that frame's function) and its
    // proxy dequeued, reading nothing of the timer_list. Atomic-safe.
    void retire_dead(OnStackObject &o);

private:
    static void expire(Timer *timer);
    static void run_softirq(void *self, unsigned cpu);
    bool take_due(timer_list *t);
    void run_due(unsigned cpu);

    const void *code_of(timer_list *t) const;

    Kernel &k_;
    std::vector<std::pair<void (*)(timer_list *), Resolver>> resolvers_;
    std::vector<std::deque<timer_list *>> due_;   // per CPU: expired, callback not run yet
    const timer_list *running_ = nullptr;
    ArmedIndex armed_;   // the pending timer_lists, armed or due, by address
};

}  // namespace kshim
