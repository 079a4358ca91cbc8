// Tests for the shim clock (shim/src/time/clock.cpp, time_api.cpp): jiffies, ktime, the timer wheel's rounding, delays.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <vector>

#include "kshim/testing.hpp"
#include "time/clock.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/delay.h"
#include "linux/jiffies.h"
#include "linux/ktime.h"
#include "linux/sched.h"
#include "linux/timekeeping.h"

using kshim::testing::TestKernel;

namespace {

constexpr uint64_t kTick = 4'000'000;  // ns per jiffy at HZ=250

// Jiffies one msleep(ms) takes, measured by a task in a fresh kernel (jiffies aligned to 8).
long msleep_jiffies(unsigned ms)
{
    TestKernel k;
    return k.run_task([ms] {
        unsigned long j0 = jiffies;
        msleep(ms);
        return (long)(jiffies - j0);
    });
}

}  // namespace

TEST_CASE("jiffies starts at INITIAL_JIFFIES while ktime_get and the clock start at 0", "[time]")
{
    TestKernel k;
    CHECK(INITIAL_JIFFIES == 4294892296ul);
    CHECK(k.jiffies() == 4294892296ul);
    CHECK(k.now_ns() == 0);
    long r = k.run_task([] {
        CHECK(jiffies == INITIAL_JIFFIES);
        CHECK(get_jiffies_64() == INITIAL_JIFFIES);
        CHECK(ktime_get() == 0);
        CHECK(ktime_get_ns() == 0);
        return 0L;
    });
    CHECK(r == 0);
}

TEST_CASE("jiffy conversions follow HZ=250", "[time]")
{
    CHECK(HZ == 250);
    CHECK(msecs_to_jiffies(1) == 1);
    CHECK(msecs_to_jiffies(4) == 1);
    CHECK(msecs_to_jiffies(5) == 2);
    CHECK(msecs_to_jiffies(10) == 3);
    CHECK(msecs_to_jiffies(2000) == 500);
    CHECK(jiffies_to_msecs(3) == 12);
    CHECK(usecs_to_jiffies(1) == 1);
    CHECK(usecs_to_jiffies(4000) == 1);
    CHECK(usecs_to_jiffies(4001) == 2);
}

TEST_CASE("msleep sleeps as long as on Linux 6.1 with its timer wheel", "[time]")
{
    // Measured on the real kernel: msleep(m) arms msecs_to_jiffies(m)+1 jiffies, level 0 of the
    // wheel fires one jiffy after expiry, level 1 on the next multiple of 8 jiffies.
    CHECK(msleep_jiffies(1) == 3);
    CHECK(msleep_jiffies(4) == 3);
    CHECK(msleep_jiffies(10) == 5);
    CHECK(msleep_jiffies(20) == 7);
    CHECK(msleep_jiffies(100) == 27);
    CHECK(msleep_jiffies(1000) == 256);
}

TEST_CASE("schedule_timeout sleeps the wheel-rounded jiffies and returns 0 when it expires", "[time]")
{
    TestKernel k;
    std::vector<long> slept, left;
    k.run_task([&] {
        for (long t : {1L, 10L, 70L}) {
            unsigned long j0 = jiffies;
            set_current_state(TASK_UNINTERRUPTIBLE);
            left.push_back(schedule_timeout(t));
            slept.push_back((long)(jiffies - j0));
        }
        return 0L;
    });
    // schedule_timeout(1) = 2 and (10) = 11 on the real kernel; 70 jiffies is level 1: the next
    // multiple of 8 after the expiry.
    CHECK(slept[0] == 2);
    CHECK(slept[1] == 11);
    unsigned long start = INITIAL_JIFFIES + 2 + 11;
    unsigned long fire = (((start + 70) >> 3) + 1) << 3;
    CHECK(slept[2] == (long)(fire - start));
    CHECK(left == std::vector<long>{0, 0, 0});
}

TEST_CASE("The wheel rounds a timer up by its level's granularity", "[time]")
{
    using kshim::wheel_fire_jiffy;
    unsigned long now = INITIAL_JIFFIES - 8;  // a multiple of 64 (INITIAL_JIFFIES is one of 8)
    CHECK(wheel_fire_jiffy(now + 1, now) == now + 2);
    CHECK(wheel_fire_jiffy(now + 62, now) == now + 63);
    // Level 1: strictly after expires, on a multiple of 8.
    CHECK(wheel_fire_jiffy(now + 63, now) == now + 64);
    CHECK(wheel_fire_jiffy(now + 64, now) == now + 72);
    CHECK(wheel_fire_jiffy(now + 251, now) == now + 256);
    CHECK(wheel_fire_jiffy(now + 503, now) == now + 504);
    // Level 2: multiples of 64.
    CHECK(wheel_fire_jiffy(now + 504, now) == now + 512);
    CHECK(wheel_fire_jiffy(now + 1000, now) == now + 1024);
    // An expiry in the past fires at the next tick.
    CHECK(wheel_fire_jiffy(now - 5, now) == now + 1);
}

TEST_CASE("ktime_get advances exactly with virtual sleeps", "[time]")
{
    TestKernel k;
    std::vector<int64_t> t;
    k.run_task([&] {
        t.push_back(ktime_get());
        msleep(10);  // 5 jiffies
        t.push_back(ktime_get());
        ssleep(2);   // 501 jiffies at level 1 from an offset of 5: next multiple of 8 after 506
        t.push_back(ktime_get());
        return 0L;
    });
    REQUIRE(t.size() == 3);
    CHECK(t[0] == 0);
    CHECK(t[1] == (int64_t)(5 * kTick));
    CHECK(t[2] == (int64_t)(512 * kTick));
    CHECK(k.now_ns() == 512 * kTick);
    CHECK(k.jiffies() == INITIAL_JIFFIES + 512);
    CHECK(ktime_to_ms(t[1]) == 20);
}

TEST_CASE("udelay, ndelay and mdelay advance virtual time by exactly the delay", "[time]")
{
    TestKernel k;
    std::vector<int64_t> t;
    k.run_task([&] {
        t.push_back(ktime_get());
        udelay(50);
        t.push_back(ktime_get());
        ndelay(300);
        t.push_back(ktime_get());
        mdelay(3);
        t.push_back(ktime_get());
        return 0L;
    });
    CHECK(t == std::vector<int64_t>{0, 50'000, 50'300, 3'050'300});
}

TEST_CASE("usleep_range wakes at max on an idle system", "[time]")
{
    TestKernel k;
    int64_t after = -1;
    k.run_task([&] {
        usleep_range(100, 200);
        after = ktime_get();
        return 0L;
    });
    CHECK(after == 200'000);
}

TEST_CASE("A long virtual sleep ends on the jiffy the wheel fires it", "[time]")
{
    TestKernel k;
    k.run_task([] {
        ssleep(3600);
        return 0L;
    });
    // msleep(3600000) arms 900001 jiffies: level 5 of the wheel, which fires on the next multiple
    // of 32768 jiffies after INITIAL_JIFFIES + 900001, 926968 jiffies after the start.
    CHECK(k.jiffies() == ((INITIAL_JIFFIES + 900001) / 32768 + 1) * 32768);
    CHECK(k.now_ns() == 926968 * kTick);
}

// The wall-clock checks below are hidden from the default run (the [.realtime] tag): they sleep
// for real or time the host. Run them with `kshim_tests "[.realtime]"`.
TEST_CASE("A long virtual sleep costs no wall time", "[time][.realtime]")
{
    TestKernel k;
    auto t0 = std::chrono::steady_clock::now();
    k.run_task([] {
        ssleep(3600);
        return 0L;
    });
    auto wall = std::chrono::steady_clock::now() - t0;
    CHECK(k.now_ns() >= 3600ull * 1'000'000'000ull);
    CHECK(wall < std::chrono::milliseconds(500));
}

TEST_CASE("In real time a short msleep really takes at least that long", "[time][.realtime]")
{
    kshim::testing::Config cfg;
    cfg.virtual_time = false;
    TestKernel k(cfg);
    auto t0 = std::chrono::steady_clock::now();
    k.run_task([] {
        msleep(20);
        return 0L;
    });
    auto wall = std::chrono::steady_clock::now() - t0;
    CHECK(wall >= std::chrono::milliseconds(20));
    CHECK(k.now_ns() >= 20'000'000ull);
}

TEST_CASE("run_for advances an idle kernel's clock by exactly the time asked", "[time]")
{
    TestKernel k;
    k.run_for(1'500'000'000);
    CHECK(k.now_ns() == 1'500'000'000);
    CHECK(k.jiffies() == INITIAL_JIFFIES + 375);
}

TEST_CASE("round_jiffies rounds to whole seconds of absolute jiffies, skewed per CPU", "[time]")
{
    kshim::testing::Config cfg;
    cfg.cpus = 1;  // every task on CPU 0: no per-CPU skew
    TestKernel k(cfg);
    std::vector<unsigned long> r;
    k.run_task([&] {
        unsigned long j = jiffies;  // INITIAL_JIFFIES, 46 jiffies past a multiple of HZ
        CHECK(j % HZ == 46);
        r.push_back(round_jiffies(j + 100));          // 146 into its second: up
        r.push_back(round_jiffies(j + 220));          // 16 into the next second: down
        r.push_back(round_jiffies(j + 10));           // rounds down into the past: unchanged
        r.push_back(round_jiffies_up(j + 220));       // always up
        r.push_back(round_jiffies_relative(100));
        r.push_back(round_jiffies_up_relative(1));
        return 0L;
    });
    unsigned long j = INITIAL_JIFFIES;
    CHECK(r[0] == j + 204);
    CHECK(r[1] == j + 204);
    CHECK(r[2] == j + 10);
    CHECK(r[3] == j + 454);
    CHECK(r[4] == 204);
    CHECK(r[5] == 204);
}

TEST_CASE("Clock::round_jiffies skews each CPU by 3 jiffies and never rounds into the past", "[time]")
{
    using kshim::Clock;
    const unsigned long now = 10 * HZ;                                  // a whole second
    CHECK(Clock::round_jiffies(now + 300, now, 0, false) == now + 250);  // 50 past: down
    CHECK(Clock::round_jiffies(now + 300, now, 1, false) == now + 247);  // CPU 1 fires 3 earlier
    CHECK(Clock::round_jiffies(now + 300, now, 2, false) == now + 244);
    CHECK(Clock::round_jiffies(now + 300, now, 0, true) == now + 500);   // up, whatever the rest
    CHECK(Clock::round_jiffies(now + 450, now, 0, false) == now + 500);  // 200 past: up
    CHECK(Clock::round_jiffies(now + 10, now, 0, false) == now + 10);    // down is the past: kept
    CHECK(Clock::round_jiffies(now + 10, now, 0, true) == now + 250);
    CHECK(Clock::round_jiffies_relative(300, now, 1, false) == 247);
    CHECK(Clock::round_jiffies_relative(10, now, 0, true) == 250);
    // Across the wrap of the jiffy counter the comparison is still "after now".
    const unsigned long late = 0ul - 100;
    CHECK(Clock::round_jiffies(late + 300, late, 0, true) == 250);
}
