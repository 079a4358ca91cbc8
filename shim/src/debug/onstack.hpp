// debugobjects for on-stack work, timers and hrtimers: each one registered by address with the frame that holds it, retired when that frame ends.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "time/timer_queue.hpp"

struct work_struct;

namespace kshim {

class Kernel;
struct Task;
struct Pwq;

enum class OnStackKind : uint8_t { Work, DelayedWork, Timer, Hrtimer };

// One object initialised with INIT_WORK_ONSTACK, INIT_DELAYED_WORK_ONSTACK,
// timer_setup_on_stack or hrtimer_init_on_stack on its task's stack. Everything kshim needs
// to retire it once its frame has ended is here, in kshim's memory: its timer's queue entry
// (the proxy stands in for the Timer embedded in the object, so the timer queue never reads or
// writes the object), the hints debug_object_free prints, and where its work was queued.
struct OnStackObject {
    Timer proxy{};                  // first member: the queue entry of its timer, if it has one
    const void *addr = nullptr;     // the object: [addr, addr + size)
    size_t size = 0;
    OnStackKind kind = OnStackKind::Work;
    Task *owner = nullptr;
    uintptr_t frame_fn = 0;         // the start of the function whose frame holds it (0: unknown)
    uintptr_t frame_cfa = 0;        // and that frame's canonical frame address
    const void *work_fn = nullptr;  // the work function, noted when the item is queued
    const void *timer_fn = nullptr; // the timer's function, noted when it is armed
    Pwq *pwq = nullptr;             // where the work item was last queued, and its flush color
    unsigned color = 0;

    bool has_work() const { return kind == OnStackKind::Work || kind == OnStackKind::DelayedWork; }
    bool has_timer() const { return kind != OnStackKind::Work; }
    work_struct *work() const { return has_work() ? (work_struct *)addr : nullptr; }
    const void *timer() const;      // the timer_list or hrtimer inside, or null
};

// The registry. Hot paths (queue_work, mod_timer, hrtimer_start) ask any() first: one load
// when no on-stack object exists. Not thread-safe (one host thread); everything atomic-safe.
class OnStackObjects {
public:
    explicit OnStackObjects(Kernel &k) : k_(k) {}
    bool any() const { return !objs_.empty(); }

    // INIT_*_ONSTACK, called from module code whose return address is `caller`: an object on
    // the current task's stack is registered with the frame `caller` is in (a second
    // initialisation at the same address keeps the entry). Returns it, or null (not on the
    // current task's stack).
    OnStackObject *add(const void *addr, size_t size, OnStackKind kind, uintptr_t caller);
    // INIT_DELAYED_WORK_ONSTACK after its INIT_WORK_ONSTACK: the entry grows to the delayed work.
    void widen(const void *addr, size_t size, OnStackKind kind);
    // destroy_*_on_stack (after its free-active check): the objects in [lo, hi) are forgotten.
    void remove(const void *lo, const void *hi);

    OnStackObject *find_work(const work_struct *w);
    OnStackObject *find_timer(const void *t);
    // The object a proxy stands for, or null when t is no proxy.
    const void *object_of(const Timer *t) const;

    // At a switch point of t (t running, on its own stack), and before the workqueue links an
    // item next to one of t's: the objects whose frame has returned are reported as 6.1's
    // free active and retired.
    void check(Task &t);
    // At t's exit (or kill): every object still registered for t is retired so.
    void task_gone(Task &t);

private:
    struct Frame {
        uintptr_t fn, cfa;
    };
    void retire(std::vector<OnStackObject *> dead);
    void erase(OnStackObject *o);

    Kernel &k_;
    std::vector<std::unique_ptr<OnStackObject>> objs_;
};

}  // namespace kshim
