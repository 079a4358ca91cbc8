// Tests for the timer_list engine (shim/src/time/timer.cpp): arming, the due list, expiry in softirq context.
#include <catch2/catch.hpp>

#include <string>

#include "kernel.hpp"
#include "kshim/testing.hpp"
#include "time/timer.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/jiffies.h"
#include "linux/preempt.h"
#include "linux/sched.h"
#include "linux/smp.h"
#include "linux/timer.h"

using kshim::testing::TestKernel;

namespace {

// What a timer callback saw when it ran.
struct Probe {
    timer_list timer;
    int runs = 0;
    bool in_softirq = false;
    int cpu = -1;
    std::string comm;
    bool running = false;
};

void probe_fn(timer_list *t)
{
    Probe *p = from_timer(p, t, timer);
    ++p->runs;
    p->in_softirq = in_serving_softirq() != 0;
    p->cpu = smp_processor_id();
    p->comm = get_current()->comm;
    p->running = kshim::Kernel::get().timer_lists().running(t);
}

}  // namespace

TEST_CASE("an expired timer_list runs once in ksoftirqd of its CPU, in softirq context", "[time]")
{
    TestKernel k;
    Probe p;
    timer_setup(&p.timer, probe_fn, 0);
    k.kernel().timer_lists().arm(&p.timer, k.jiffies() + 10, 1);
    CHECK(timer_pending(&p.timer));
    REQUIRE(k.run_until_idle());
    CHECK(p.runs == 1);
    CHECK(p.in_softirq);
    CHECK(p.cpu == 1);
    CHECK(p.comm == "ksoftirqd/1");
    CHECK(p.running);
    CHECK_FALSE(timer_pending(&p.timer));
    CHECK_FALSE(k.kernel().timer_lists().running(&p.timer));
}

TEST_CASE("re-arming a pending timer_list reports it pending and moves its expiry", "[time]")
{
    TestKernel k;
    Probe p;
    timer_setup(&p.timer, probe_fn, 0);
    unsigned long j0 = k.jiffies();
    kshim::TimerLists &timers = k.kernel().timer_lists();
    CHECK(timers.arm(&p.timer, j0 + 10, 0) == 0);
    CHECK(timers.arm(&p.timer, j0 + 40, 0) == 1);
    CHECK(timers.pending().size() == 1);
    k.run_for(20 * 4'000'000ull);
    CHECK(p.runs == 0);
    REQUIRE(k.run_until_idle());
    CHECK(p.runs == 1);
    CHECK(time_after_eq(k.jiffies(), j0 + 40));
}

TEST_CASE("disarming a pending timer_list keeps its callback from running and lists it no more", "[time]")
{
    TestKernel k;
    Probe p;
    timer_setup(&p.timer, probe_fn, 0);
    kshim::TimerLists &timers = k.kernel().timer_lists();
    timers.arm(&p.timer, k.jiffies() + 5, 0);
    CHECK(timers.disarm(&p.timer) == 1);
    CHECK(timers.disarm(&p.timer) == 0);
    CHECK(timers.pending().empty());
    REQUIRE(k.run_until_idle());
    CHECK(p.runs == 0);
}

TEST_CASE("timer_reduce only moves a pending timer_list earlier and mod_timer_pending arms only a pending one", "[time]")
{
    TestKernel k;
    Probe p;
    timer_setup(&p.timer, probe_fn, 0);
    unsigned long j0 = k.jiffies();
    kshim::TimerLists &timers = k.kernel().timer_lists();
    CHECK(timers.rearm_pending(&p.timer, j0 + 10, 0) == 0);
    CHECK_FALSE(timer_pending(&p.timer));
    CHECK(timers.reduce(&p.timer, j0 + 30, 0) == 0);
    CHECK(timers.reduce(&p.timer, j0 + 50, 0) == 1);
    CHECK(p.timer.expires == j0 + 30);
    CHECK(timers.reduce(&p.timer, j0 + 20, 0) == 1);
    CHECK(p.timer.expires == j0 + 20);
    CHECK(timers.rearm_pending(&p.timer, j0 + 25, 0) == 1);
    CHECK(p.timer.expires == j0 + 25);
    CHECK(timers.try_disarm(&p.timer) == 1);
    CHECK(timers.try_disarm(&p.timer) == 0);
}
