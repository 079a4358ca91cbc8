// Tests for signals to kthreads (shim/src/sched/signal.cpp): allowed signals end interruptible sleeps and waits, ignored ones are dropped; and the module against the real kernel.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "kernel.hpp"
#include "kshim/testing.hpp"
#include "support/oracle.hpp"

#include "linux/completion.h"
#include "linux/delay.h"
#include "linux/jiffies.h"
#include "linux/kthread.h"
#include "linux/ktime.h"
#include "linux/sched.h"
#include "linux/sched/signal.h"
#include "linux/signal.h"
#include "linux/wait.h"

// Catch2 has its own WARN.
#undef WARN
#include <catch2/catch.hpp>

using kshim::testing::TestKernel;
using kshim_test::ProcResult;
using kshim_test::run_process;
using kshim_test::test_runner;

namespace {

constexpr uint64_t kMs = 1'000'000;

struct Probe {
    long wait_ret = 99;
    unsigned long sleep_left = 99;
    long timeout_left = -1;
    int pending = -1, fatal = -1, dequeued = -1;
    uint64_t woke_at = 0;
};
Probe probe;
DECLARE_WAIT_QUEUE_HEAD(probe_wq);
bool probe_cond = false;

int allowing_fn(void *data)
{
    allow_signal(SIGUSR1);
    probe.wait_ret = wait_event_interruptible(probe_wq, probe_cond);
    probe.woke_at = (uint64_t)ktime_get();
    probe.pending = signal_pending(get_current());
    probe.fatal = fatal_signal_pending(get_current());
    probe.dequeued = kernel_dequeue_signal();
    while (!kthread_should_stop())
        msleep(1);
    return 0;
}

int ignoring_fn(void *data)
{
    probe.sleep_left = msleep_interruptible(100);
    probe.pending = signal_pending(get_current());
    while (!kthread_should_stop())
        msleep(1);
    return 0;
}

int killable_fn(void *data)
{
    static DECLARE_COMPLETION(never);
    allow_signal(SIGKILL);
    probe.timeout_left = schedule_timeout_killable(10 * HZ);   // SIGKILL ends a killable sleep
    probe.wait_ret = wait_for_completion_interruptible(&never);
    probe.fatal = fatal_signal_pending(get_current());
    flush_signals(get_current());
    probe.pending = signal_pending(get_current());
    while (!kthread_should_stop())
        msleep(1);
    return 0;
}

// Starts fn in a kthread, sends it sig after 10 ms, runs 200 ms more and stops it.
void run_with_signal(TestKernel &k, int (*fn)(void *), int sig)
{
    probe = Probe{};
    static task_struct *t;
    static int s;
    s = sig;
    k.run_task([fn] {
        t = kthread_run(fn, nullptr, "sigtest");
        msleep(10);
        CHECK(send_sig(s, t, 0) == 0);
        return 0L;
    });
    k.run_for(200 * kMs);
    k.run_task([] { return (long)kthread_stop(t); });
}

}  // namespace

TEST_CASE("An allowed signal ends wait_event_interruptible with -ERESTARTSYS and stays pending until dequeued", "[sched][signal]")
{
    TestKernel k;
    uint64_t start = k.now_ns();
    run_with_signal(k, allowing_fn, SIGUSR1);
    CHECK(probe.wait_ret == -ERESTARTSYS);
    CHECK(probe.pending == 1);
    CHECK(probe.fatal == 0);
    CHECK(probe.dequeued == SIGUSR1);
    CHECK(probe.woke_at - start <= 20 * kMs);
}

TEST_CASE("A kthread that did not allow a signal ignores it, SIGKILL included, as 6.1 does", "[sched][signal]")
{
    TestKernel k;
    run_with_signal(k, ignoring_fn, SIGKILL);
    CHECK(probe.sleep_left == 0);
    CHECK(probe.pending == 0);
}

TEST_CASE("SIGKILL ends killable sleeps and interruptible completion waits; flush_signals clears it", "[sched][signal]")
{
    TestKernel k;
    run_with_signal(k, killable_fn, SIGKILL);
    CHECK(probe.timeout_left > 0);
    CHECK(probe.timeout_left < 10 * HZ);
    CHECK(probe.wait_ret == -ERESTARTSYS);
    CHECK(probe.fatal == 1);
    CHECK(probe.pending == 0);
}

TEST_CASE("send_sig rejects a bad signal number with -EINVAL", "[sched][signal]")
{
    TestKernel k;
    k.run_task([] {
        CHECK(send_sig(0, get_current(), 0) == -EINVAL);
        CHECK(send_sig(65, get_current(), 0) == -EINVAL);
        allow_signal(SIGUSR2);
        CHECK(send_sig(SIGUSR2, get_current(), 0) == 0);
        CHECK(signal_pending(get_current()));
        disallow_signal(SIGUSR2);
        CHECK_FALSE(signal_pending(get_current()));
        return 0L;
    });
}

TEST_CASE("A pending signal shows in current->pending.signal, where modules read it, and blocked stays empty", "[sched][signal]")
{
    TestKernel k;
    k.run_task([] {
        struct task_struct *me = get_current();
        CHECK(me->pending.signal.sig[0] == 0);
        CHECK(me->pending.list.next == &me->pending.list);   // an empty siginfo queue
        allow_signal(SIGUSR1);
        allow_signal(SIGKILL);
        CHECK(send_sig(SIGUSR1, me, 0) == 0);
        CHECK(send_sig(SIGKILL, me, 0) == 0);
        CHECK(me->pending.signal.sig[0] == ((1UL << (SIGUSR1 - 1)) | (1UL << (SIGKILL - 1))));
        CHECK(me->blocked.sig[0] == 0);
        CHECK(kernel_dequeue_signal() == SIGKILL);   // the lowest number first
        CHECK(me->pending.signal.sig[0] == (1UL << (SIGUSR1 - 1)));
        flush_signals(me);
        CHECK(me->pending.signal.sig[0] == 0);
        CHECK_FALSE(signal_pending(me));
        return 0L;
    });
}

TEST_CASE("The kthread_signals module prints the real kernel's lines in the kernel's order", "[sched][signal]")
{
    ProcResult r;
    ProcResult c = kshim_test::compare_with_oracle("kthread_signals", "1s", r);
    REQUIRE(r.exit_code == 0);
    INFO(r.out << r.err << c.out << c.err);
    CHECK(c.exit_code == 0);
}
