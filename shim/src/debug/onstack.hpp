// debugobjects for on-stack work, timers and hrtimers: each one registered by address with the frame that holds it, retired when that frame ends.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "time/timer_queue.hpp"

struct work_struct;

namespace kshim {

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
    const void *owner = nullptr;    // the Task whose stack holds it
    uintptr_t frame_fn = 0;         // the start of the function whose frame holds it (0: unknown)
    uintptr_t frame_cfa = 0;        // that frame's canonical frame address
    uintptr_t frame_ret = 0;        // and where it returns to: a second call of the function from
                                    // elsewhere at the same depth is another frame
    const void *work_fn = nullptr;  // the work function, noted when the item is queued
    const void *timer_fn = nullptr; // the timer's function, noted when it is armed
    Pwq *pwq = nullptr;             // where the work item was last queued, and its flush color
    unsigned color = 0;
    bool report = true;             // false: retired silently (its task was killed, already reported)

    bool has_work() const { return kind == OnStackKind::Work || kind == OnStackKind::DelayedWork; }
    bool has_timer() const { return kind != OnStackKind::Work; }
    work_struct *work() const { return has_work() ? (work_struct *)addr : nullptr; }
    const void *timer() const;      // the timer_list or hrtimer inside, or null
};

// The registry. Hot paths (queue_work, mod_timer, hrtimer_start) ask any() first: one load
// when no on-stack object exists. It knows no subsystem: the composition root (Kernel's
// register_onstack, check_onstack, retire_onstack) keeps the tasks' counts and has the owners
// retire what is found dead. Not thread-safe (one host thread); everything atomic-safe.
class OnStackObjects {
public:
    explicit OnStackObjects(TimerQueue &timers) : timers_(timers) {}
    bool any() const { return !objs_.empty(); }

    // INIT_*_ONSTACK, called from module code whose return address is `caller`, for an object
    // on owner's stack: registered with the frame `caller` is in, the running frame being
    // owner's (a second initialisation keeps the entry). created: whether the entry is new.
    OnStackObject *add(const void *addr, size_t size, OnStackKind kind, uintptr_t caller, const void *owner,
                       bool &created);
    // INIT_DELAYED_WORK_ONSTACK after its INIT_WORK_ONSTACK: the entry grows to the delayed work.
    void widen(const void *addr, size_t size, OnStackKind kind);
    // The objects in [lo, hi) (destroy_*_on_stack, after its free-active check).
    std::vector<OnStackObject *> in(const void *lo, const void *hi);

    OnStackObject *find_work(const work_struct *w);
    OnStackObject *find_timer(const void *t);
    // The object a proxy stands for, or null when t is no proxy.
    const void *object_of(const Timer *t) const;

    // The timer engines' lookups (T: timer_list or hrtimer, with its Timer in __kshim).
    // The queue entry of t: an on-stack timer's proxy, else the Timer embedded in t. Atomic-safe.
    template <class T> Timer *entry_of(T *t)
    {
        if (any()) [[unlikely]]
            if (OnStackObject *o = find_timer(t))
                return &o->proxy;
        return reinterpret_cast<Timer *>(t->__kshim);
    }
    // The T whose queue entry e is: the object a proxy stands for, else the T that embeds e.
    // Atomic-safe.
    template <class T> T *timer_of(Timer *e) const
    {
        if (any()) [[unlikely]]
            if (const void *t = object_of(e))
                return (T *)t;
        return reinterpret_cast<T *>(reinterpret_cast<char *>(e) - offsetof(T, __kshim));
    }
    // t was just armed through entry e (mod_timer, hrtimer_start): an on-stack timer's entry
    // notes t's function, the hint printed if its frame ends with it armed. Atomic-safe.
    template <class T> void armed(const T *t, const Timer *e)
    {
        if (e != reinterpret_cast<const Timer *>(t->__kshim)) [[unlikely]]
            find_timer(t)->timer_fn = (const void *)t->function;
    }

    // Run on owner's own stack: its objects whose frame is no longer among the running frames
    // (the frame returned). Or all of owner's objects (its task ended).
    std::vector<OnStackObject *> dead_frames(const void *owner);
    std::vector<OnStackObject *> all_of(const void *owner);
    // Forgets o; its proxy is taken off the timer queue if it is still there.
    void erase(OnStackObject *o);

private:
    TimerQueue &timers_;
    std::vector<std::unique_ptr<OnStackObject>> objs_;
};

}  // namespace kshim
