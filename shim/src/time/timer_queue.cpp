// The timer heap: insertion, removal and expiry.
#include "time/timer_queue.hpp"

namespace kshim {

void TimerQueue::add(Timer *t, uint64_t expires)
{
    if (t->pending())
        del(t);
    t->expires = expires;
    t->seq = next_seq_++;
    heap_.push_back(t);
    place(t, heap_.size() - 1);
    sift_up(heap_.size() - 1);
    note_front();
}

bool TimerQueue::del(Timer *t)
{
    if (!t->pending())
        return false;
    size_t i = (size_t)t->slot - 1;
    Timer *last = heap_.back();
    heap_.pop_back();
    t->slot = 0;
    if (last != t) {
        place(last, i);
        sift_down(i);
        sift_up(i);
    }
    note_front();
    return true;
}

unsigned TimerQueue::run_expired(uint64_t now)
{
    unsigned n = 0;
    while (!heap_.empty() && heap_.front()->expires <= now) {
        Timer *t = heap_.front();
        del(t);
        t->fn(t);
        ++n;
    }
    return n;
}

void TimerQueue::sift_up(size_t i)
{
    Timer *t = heap_[i];
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!less(t, heap_[parent]))
            break;
        place(heap_[parent], i);
        i = parent;
    }
    place(t, i);
}

void TimerQueue::sift_down(size_t i)
{
    Timer *t = heap_[i];
    size_t n = heap_.size();
    for (;;) {
        size_t child = 2 * i + 1;
        if (child >= n)
            break;
        if (child + 1 < n && less(heap_[child + 1], heap_[child]))
            ++child;
        if (!less(heap_[child], t))
            break;
        place(heap_[child], i);
        i = child;
    }
    place(t, i);
}

}  // namespace kshim
