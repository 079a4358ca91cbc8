// Tests for the delays (shim/src/time/delay.cpp): fsleep's three regimes, msleep_interruptible, usleep_range's bounds.
#include <catch2/catch.hpp>

#include <cstdint>
#include <utility>
#include <vector>

#include "kshim/testing.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/delay.h"
#include "linux/jiffies.h"
#include "linux/ktime.h"
#include "linux/timekeeping.h"

using kshim::testing::TestKernel;

namespace {

// Jiffies that sleep() takes in a task of a fresh kernel (so that jiffies start aligned alike).
template <typename F>
long jiffies_taken(F sleep)
{
    TestKernel k;
    return k.run_task([&] {
        unsigned long j0 = jiffies;
        sleep();
        return (long)(jiffies - j0);
    });
}

}  // namespace

TEST_CASE("fsleep busy-waits up to 10 us and sleeps a range of [us, 2 us] up to 20 ms", "[time]")
{
    TestKernel k;
    std::vector<int64_t> took;
    k.run_task([&] {
        for (unsigned long us : {1ul, 10ul, 11ul, 5000ul, 20000ul}) {
            int64_t t0 = ktime_get();
            fsleep(us);
            took.push_back(ktime_get() - t0);
        }
        return 0L;
    });
    // A range sleep wakes at its max on an idle system.
    CHECK(took == std::vector<int64_t>{1'000, 10'000, 22'000, 10'000'000, 40'000'000});
}

TEST_CASE("fsleep beyond 20 ms is an msleep of the whole milliseconds rounded up", "[time]")
{
    CHECK(jiffies_taken([] { fsleep(20001); }) == jiffies_taken([] { msleep(21); }));
    CHECK(jiffies_taken([] { fsleep(100000); }) == jiffies_taken([] { msleep(100); }));
    CHECK(jiffies_taken([] { msleep(100); }) == 27);
}

TEST_CASE("msleep_interruptible sleeps as msleep does and, with no signal, returns 0", "[time]")
{
    unsigned long left = 1;
    long j = jiffies_taken([&] { left = msleep_interruptible(10); });
    CHECK(j == jiffies_taken([] { msleep(10); }));
    CHECK(left == 0);
}

TEST_CASE("usleep_range with max below min sleeps min", "[time]")
{
    TestKernel k;
    std::vector<int64_t> took;
    k.run_task([&] {
        for (auto [min, max] : {std::pair{300ul, 100ul}, std::pair{300ul, 300ul}}) {
            int64_t t0 = ktime_get();
            usleep_range(min, max);
            took.push_back(ktime_get() - t0);
        }
        return 0L;
    });
    CHECK(took == std::vector<int64_t>{300'000, 300'000});
}
