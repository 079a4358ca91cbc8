// Pending timers in expiry order: an intrusive binary heap, FIFO among equal expiries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace kshim {

// One pending callback at an absolute time in ns. Embedded in its owner (a task's sleep, a
// timer_list, a delayed work), so arming and cancelling never allocate.
// All-zero bytes are a valid idle timer, so C structs that embed one can be statically
// initialised (DEFINE_TIMER, DECLARE_DELAYED_WORK).
struct Timer {
    uint64_t expires = 0;
    uint64_t seq = 0;
    void (*fn)(Timer *) = nullptr;
    void *owner = nullptr;      // the task to wake, or the C object that embeds the timer
    uint32_t slot = 0;          // heap index + 1; 0 when not pending
    uint32_t cpu = 0;           // the virtual CPU whose softirq runs it (timer_list)
    bool pending() const { return slot != 0; }
};

// Not thread-safe (one host thread); every operation is atomic-safe.
class TimerQueue {
public:
    void add(Timer *t, uint64_t expires);
    bool del(Timer *t);  // true if t was pending
    Timer *top() const { return heap_.empty() ? nullptr : heap_.front(); }
    // The earliest expiry, UINT64_MAX with none pending: one load for the switch path's test.
    uint64_t next_expiry() const { return next_; }
    size_t size() const { return heap_.size(); }
    // Runs (and removes) every timer due at `now`, earliest first. Callbacks may re-arm timers.
    unsigned run_expired(uint64_t now);
    template <class F> void for_each(F f) const { for (Timer *t : heap_) f(t); }

private:
    bool less(const Timer *a, const Timer *b) const
    {
        return a->expires != b->expires ? a->expires < b->expires : a->seq < b->seq;
    }
    void place(Timer *t, size_t i) { heap_[i] = t; t->slot = (uint32_t)i + 1; }
    void sift_up(size_t i);
    void sift_down(size_t i);
    void note_front() { next_ = heap_.empty() ? UINT64_MAX : heap_.front()->expires; }

    std::vector<Timer *> heap_;
    uint64_t next_ = UINT64_MAX;   // heap_.front()->expires, kept by add and del
    uint64_t next_seq_ = 0;
};

}  // namespace kshim
