// Tests for the softirq context (shim/src/irq/softirq.cpp) that timer_list callbacks run in, through the C API and a test module.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "irq/softirq.hpp"
#include "kernel.hpp"
#include "kshim/testing.hpp"
#include "support/log_match.hpp"
#include "support/subprocess.hpp"

#include "linux/bottom_half.h"
#include "linux/delay.h"
#include "linux/irqflags.h"
#include "linux/mutex.h"
#include "linux/preempt.h"
#include "linux/sched.h"
#include "linux/smp.h"
#include "linux/timer.h"

// Catch2 has its own WARN.
#undef WARN
#include <catch2/catch.hpp>

using kshim::testing::TestKernel;
using kshim_test::count_lines;
using kshim_test::find_line;
using kshim_test::test_module;

namespace {

// What a timer callback saw of its context.
struct Seen {
    int calls = 0;
    int softirq = -1, serving = -1, interrupt = -1, task = -1, hardirq = -1, irqs_off = -1;
    int preempt = -1;
    int cpu = -1;
    std::string comm;
    int pending = -1;
    int del_sync = 0;
    unsigned long at = 0;   // jiffies when it ran
};

Seen seen;

// A timer callback that records its context. Runs in softirq context.
void note_context(struct timer_list *t)
{
    ++seen.calls;
    seen.softirq = in_softirq() != 0;
    seen.serving = in_serving_softirq() != 0;
    seen.interrupt = in_interrupt() != 0;
    seen.task = in_task() != 0;
    seen.hardirq = in_hardirq() != 0;
    seen.irqs_off = irqs_disabled() != 0;
    seen.preempt = preempt_count();
    seen.cpu = (int)smp_processor_id();
    seen.comm = get_current()->comm;
    seen.pending = timer_pending(t);
    seen.del_sync = try_to_del_timer_sync(t);
    seen.at = jiffies;
}

// Arms `t` (set up with note_context) `delay` jiffies ahead from a test task, on `cpu` with
// add_timer_on or, for cpu < 0, on the arming CPU with mod_timer; returns the arming CPU.
int arm_and_wait(TestKernel &k, struct timer_list *t, int cpu)
{
    seen = Seen{};
    long arming = k.run_task([t, cpu] {
        timer_setup(t, note_context, 0);
        if (cpu < 0) {
            mod_timer(t, jiffies + 5);
        } else {
            t->expires = jiffies + 5;
            add_timer_on(t, cpu);
        }
        long here = (long)smp_processor_id();
        msleep(100);
        return here;
    });
    k.run_until_idle();
    return (int)arming;
}

// A timer callback that calls msleep() (a bug), armed from a test task. May sleep.
void run_sleeping_timer(TestKernel &k)
{
    static struct timer_list t;
    k.run_task([] {
        timer_setup(&t, [](struct timer_list *) { msleep(1); }, 0);
        mod_timer(&t, jiffies + 1);
        msleep(20);
        return 0L;
    });
}

}  // namespace

TEST_CASE("A timer callback runs in serving-softirq context: in_softirq and in_interrupt, not in_task", "[irq]")
{
    TestKernel k;
    static struct timer_list t;
    arm_and_wait(k, &t, -1);
    REQUIRE(seen.calls == 1);
    CHECK(seen.softirq == 1);
    CHECK(seen.serving == 1);
    CHECK(seen.interrupt == 1);
    CHECK(seen.task == 0);
    CHECK(seen.hardirq == 0);
    CHECK(seen.irqs_off == 0);            // the timer softirq runs callbacks with irqs on
    CHECK(seen.preempt == SOFTIRQ_OFFSET);
    CHECK(seen.pending == 0);             // detached before its callback is called
    CHECK(seen.del_sync == -1);           // it is running: try_to_del_timer_sync refuses
    CHECK(k.bugs() == 0);
    CHECK(k.warnings() == 0);
}

TEST_CASE("A timer armed with mod_timer runs on ksoftirqd of the CPU that armed it", "[irq]")
{
    TestKernel k;
    static struct timer_list t;
    int arming = arm_and_wait(k, &t, -1);
    REQUIRE(seen.calls == 1);
    CHECK(arming == 0);
    CHECK(seen.cpu == 0);
    CHECK(seen.comm == "ksoftirqd/0");
}

TEST_CASE("A timer armed with add_timer_on runs on ksoftirqd of the CPU it names", "[irq]")
{
    TestKernel k;
    static struct timer_list t;
    arm_and_wait(k, &t, 1);
    REQUIRE(seen.calls == 1);
    CHECK(seen.cpu == 1);
    CHECK(seen.comm == "ksoftirqd/1");
}

TEST_CASE("Process context is in_task, also with bottom halves disabled, and not in_serving_softirq", "[irq]")
{
    TestKernel k;
    std::vector<int> v;
    k.run_task([&v] {
        v = {in_task() != 0, in_softirq() != 0, in_interrupt() != 0};
        local_bh_disable();
        v.insert(v.end(), {in_task() != 0, in_softirq() != 0, in_serving_softirq() != 0, in_interrupt() != 0});
        local_bh_enable();
        v.push_back(preempt_count());
        return 0L;
    });
    CHECK(v == std::vector<int>{1, 0, 0, 1, 1, 0, 1, 0});
}

TEST_CASE("A timer callback may re-arm its own timer, which then fires on the wheel's next tick", "[irq]")
{
    TestKernel k;
    static struct timer_list t;
    static std::vector<unsigned long> fired;
    fired.clear();
    unsigned long start = 0;
    k.run_task([&start] {
        timer_setup(&t, [](struct timer_list *self) {
            fired.push_back((unsigned long)jiffies);
            if (fired.size() < 3)
                mod_timer(self, jiffies + 10);
        }, 0);
        start = jiffies;
        mod_timer(&t, jiffies + 10);
        msleep(500);
        return 0L;
    });
    REQUIRE(fired.size() == 3);
    // Level 0 of the wheel: each expiry 10 jiffies ahead fires one jiffy after it.
    CHECK(fired == std::vector<unsigned long>{start + 11, start + 22, start + 33});
    CHECK_FALSE(timer_pending(&t));
}

TEST_CASE("del_timer of a pending timer keeps its callback from running", "[irq]")
{
    TestKernel k;
    static struct timer_list t;
    seen = Seen{};
    int was = -1, again = -1;
    k.run_task([&] {
        timer_setup(&t, note_context, 0);
        mod_timer(&t, jiffies + 5);
        was = del_timer(&t);
        again = del_timer_sync(&t);
        msleep(100);
        return 0L;
    });
    CHECK(was == 1);
    CHECK(again == 0);
    CHECK(seen.calls == 0);
}

TEST_CASE("Taking a mutex in a timer callback is a sleep in invalid context", "[irq]")
{
    TestKernel k;
    static struct timer_list t;
    static DEFINE_MUTEX(m);
    k.run_task([] {
        timer_setup(&t, [](struct timer_list *) {
            mutex_lock(&m);
            mutex_unlock(&m);
        }, 0);
        mod_timer(&t, jiffies + 1);
        msleep(20);
        return 0L;
    });
    auto texts = k.log_texts();
    CHECK(count_lines(k, "BUG: sleeping function called from invalid context at kernel/locking/mutex.c:") == 1);
    // The test task is pid 100; ksoftirqd/0 is created when the first timer fires.
    CHECK(find_line(texts, "in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid: 101, name: ksoftirqd/0") >= 0);
    CHECK(find_line(texts, "preempt_count: 100, expected: 0") >= 0);
    CHECK(find_line(texts, "CPU: 0 PID: 101 Comm: ksoftirqd/0 Not tainted 6.1.0-kshim #1") >= 0);
    // As 6.1 with lockdep: a mutex in a softirq is also an invalid wait context.
    CHECK(find_line(texts, "context-{2:2}") >= 0);
    CHECK(k.report_count("invalid-wait-context") == 1);
    CHECK(k.bugs() == 2);
}

TEST_CASE("Sleeping in a timer callback is scheduling while atomic", "[irq]")
{
    TestKernel k;
    run_sleeping_timer(k);
    CHECK(count_lines(k, "BUG: scheduling while atomic: ksoftirqd/0/101/0x000001") == 1);
}

// kshim bug: msleep() in softirq context also prints "BUG: sleeping function called from invalid
// context at <host path of shim/src>", and the scheduling-while-atomic line shows preempt_count
// 0x100. Linux 6.1's msleep has no might_sleep(): it prints only the __schedule_bug line, whose
// count includes the preempt_disable() of schedule() (0x101).
TEST_CASE("Sleeping in a timer callback is reported only as scheduling while atomic, with the count of __schedule", "[irq][.bug]")
{
    TestKernel k;
    run_sleeping_timer(k);
    CHECK(find_line(k.log_texts(), "BUG: scheduling while atomic: ksoftirqd/0/101/0x00000101") >= 0);
    CHECK(count_lines(k, "sleeping function called from invalid context") == 0);
}

TEST_CASE("A module's self-re-arming timer runs in softirq context on its CPU, one wheel tick after each expiry", "[irq]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("irq_timer")) == 0);
    k.run_for(1'000'000'000);
    CHECK(k.unload("irq_timer").error == 0);
    std::vector<std::pair<uint64_t, std::string>> got;
    for (const auto &l : k.log())
        got.emplace_back(l.ts_ns, l.text);
    // HZ / 10 = 25 jiffies, fired at 26 (level 0 of the wheel): 104 ms apart.
    const std::string ctx = ": in_softirq 1 in_interrupt 1 in_task 0 cpu 0 pending 0";
    CHECK(got == std::vector<std::pair<uint64_t, std::string>>{
                     {104'000'000, "irq_timer: run 1" + ctx},
                     {208'000'000, "irq_timer: run 2" + ctx},
                     {312'000'000, "irq_timer: run 3" + ctx},
                     {1'000'000'000, "irq_timer: 3 runs"},
                 });
    CHECK(k.bugs() == 0);
}

// kshim bugs: (1) __might_resched prints at most one report a second (it keeps the jiffy of the
// last one); kshim prints one for each of the three runs, 104 ms apart. (2) The report's call
// trace is empty: Linux lists the module's callback (and the softirq frames below it). The same
// empty trace shows for a module's init (locking_spin_sleep).
TEST_CASE("A mutex taken in a module's timer callback is reported once a second, naming the callback", "[irq][.bug]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("irq_timer"), {"lock=1"}) == 0);
    k.run_for(1'000'000'000);
    CHECK(count_lines(k, "BUG: sleeping function called from invalid context at kernel/locking/mutex.c:") == 1);
    auto texts = k.log_texts();
    size_t trace = kshim_test::index_of(texts, "Call Trace:");
    REQUIRE(trace + 2 < texts.size());
    CHECK(texts[trace + 1] == " <TASK>");
    CHECK(texts[trace + 2].rfind(" irq_timer_fn+0x", 0) == 0);
}

namespace {

// What the raw softirq handler saw each time it ran.

struct SoftirqSeen {
    std::vector<unsigned> cpus;
    std::vector<std::string> comms;
    bool in_softirq = true;
};

void record_softirq(void *ctx, unsigned cpu)
{
    auto *s = static_cast<SoftirqSeen *>(ctx);
    s->cpus.push_back(cpu);
    s->comms.push_back(get_current()->comm);
    s->in_softirq = s->in_softirq && in_serving_softirq() && smp_processor_id() == (int)cpu;
}

}  // namespace

TEST_CASE("a raised softirq runs its handler once in ksoftirqd of that CPU, with the softirq count held", "[irq]")
{
    TestKernel k;
    SoftirqSeen seen;
    kshim::Softirq &sirq = k.kernel().softirq();
    sirq.open(kshim::TimerSoftirq, &record_softirq, &seen);
    k.run_task([&sirq] {
        sirq.raise(kshim::TimerSoftirq, 1);
        sirq.raise(kshim::TimerSoftirq, 1);  // raised twice before it runs: runs once
        return 0L;
    });
    REQUIRE(k.run_until_idle());
    REQUIRE(seen.cpus == std::vector<unsigned>{1});
    CHECK(seen.comms == std::vector<std::string>{"ksoftirqd/1"});
    CHECK(seen.in_softirq);
}
