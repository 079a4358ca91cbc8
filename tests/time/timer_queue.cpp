// Tests for the timer heap (shim/src/time/timer_queue.cpp): expiry order, FIFO among equals, deletion, re-arming.
#include <catch2/catch.hpp>

#include <vector>

#include "time/timer_queue.hpp"

using kshim::Timer;
using kshim::TimerQueue;

namespace {

std::vector<int> fired;

void record(Timer *t) { fired.push_back((int)(intptr_t)t->owner); }

}  // namespace

TEST_CASE("Timers fire in expiry order and in arming order among equal expiries", "[time]")
{
    fired.clear();
    TimerQueue q;
    Timer t[6];
    uint64_t when[6] = {50, 10, 30, 10, 50, 10};
    for (int i = 0; i < 6; ++i) {
        t[i].fn = &record;
        t[i].owner = (void *)(intptr_t)i;
        q.add(&t[i], when[i]);
    }
    CHECK(q.size() == 6);
    CHECK(q.run_expired(9) == 0);
    CHECK(q.run_expired(30) == 4);
    CHECK(fired == std::vector<int>{1, 3, 5, 2});
    CHECK(q.run_expired(100) == 2);
    CHECK(fired == std::vector<int>{1, 3, 5, 2, 0, 4});
    CHECK(q.size() == 0);
    for (auto &x : t)
        CHECK_FALSE(x.pending());
}

TEST_CASE("A deleted timer never fires and re-adding moves it", "[time]")
{
    fired.clear();
    TimerQueue q;
    Timer a, b, c;
    a.fn = b.fn = c.fn = &record;
    a.owner = (void *)1;
    b.owner = (void *)2;
    c.owner = (void *)3;
    q.add(&a, 10);
    q.add(&b, 20);
    q.add(&c, 30);
    CHECK(q.del(&b));
    CHECK_FALSE(q.del(&b));
    q.add(&a, 40);  // re-arming a pending timer moves it
    CHECK(q.size() == 2);
    CHECK(q.top() == &c);
    q.run_expired(100);
    CHECK(fired == std::vector<int>{3, 1});
}
