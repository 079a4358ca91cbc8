// Tests for tasklets (shim/src/irq/tasklet.cpp): softirq context, CPU, no-op rescheduling, non-reentrancy, disable/enable, kill.
#include <string>
#include <vector>

#include "irq/irq.hpp"
#include "kernel.hpp"
#include "kshim/testing.hpp"
#include "support/log_match.hpp"
#include "support/oracle.hpp"

#include "linux/delay.h"
#include "linux/interrupt.h"
#include "linux/sched.h"
#include "linux/smp.h"

#undef WARN
#include <catch2/catch.hpp>

using kshim::testing::TestKernel;

namespace {

struct Seen {
    int runs = 0;
    int softirq = -1, serving = -1, hardirq = -1, task = -1, preempt = -1, cpu = -1;
    std::string comm;
    unsigned long data = 0;
    int depth = 0, max_depth = 0;
    std::vector<std::string> order;
};
Seen seen;

void note(struct tasklet_struct *t)
{
    (void)t;
    ++seen.runs;
    seen.softirq = in_softirq() != 0;
    seen.serving = in_serving_softirq() != 0;
    seen.hardirq = in_hardirq() != 0;
    seen.task = in_task() != 0;
    seen.preempt = preempt_count();
    seen.cpu = (int)smp_processor_id();
    seen.comm = get_current()->comm;
}

void old_style(unsigned long data)
{
    ++seen.runs;
    seen.data = data;
}

}  // namespace

TEST_CASE("A tasklet runs once in serving-softirq context on the CPU that scheduled it", "[irq]")
{
    TestKernel k;
    seen = Seen{};
    static struct tasklet_struct t;
    k.run_task([] {
        tasklet_setup(&t, note);
        tasklet_schedule(&t);
        tasklet_schedule(&t);   // already scheduled: a no-op
        return 0L;
    });
    k.run_until_idle();
    CHECK(seen.runs == 1);
    CHECK(seen.softirq == 1);
    CHECK(seen.serving == 1);
    CHECK(seen.hardirq == 0);
    CHECK(seen.task == 0);
    CHECK(seen.preempt == SOFTIRQ_OFFSET);
    CHECK(seen.cpu == 0);
    CHECK(seen.comm == "ksoftirqd/0");
    CHECK(t.state == 0);
}

TEST_CASE("A tasklet scheduled on CPU 1 runs in ksoftirqd/1", "[irq]")
{
    TestKernel k;
    seen = Seen{};
    static struct tasklet_struct t;
    k.run_task([] {
        tasklet_setup(&t, note);
        smp_call_function_single(1, [](void *) { tasklet_schedule(&t); }, nullptr, 1);
        return 0L;
    });
    k.run_until_idle();
    CHECK(seen.runs == 1);
    CHECK(seen.cpu == 1);
    CHECK(seen.comm == "ksoftirqd/1");
}

TEST_CASE("A tasklet scheduled from a hardirq handler runs at the handler's irq exit", "[irq]")
{
    TestKernel k;
    seen = Seen{};
    static struct tasklet_struct t;
    k.run_task([] {
        tasklet_setup(&t, note);
        return (long)request_irq(8, [](int, void *) {
            tasklet_hi_schedule(&t);
            return IRQ_HANDLED;
        }, 0, "bh", nullptr);
    });
    k.raise_irq(8);
    CHECK(seen.runs == 1);              // before raise_irq returned: no ksoftirqd involved
    CHECK(seen.comm == "swapper/0");
    CHECK(seen.preempt == SOFTIRQ_OFFSET);
}

TEST_CASE("tasklet_init's function gets its data word (DECLARE_TASKLET_OLD's too)", "[irq]")
{
    TestKernel k;
    seen = Seen{};
    static struct tasklet_struct t;
    static DECLARE_TASKLET_OLD(old, old_style);
    k.run_task([] {
        tasklet_init(&t, old_style, 42);
        tasklet_schedule(&t);
        return 0L;
    });
    k.run_until_idle();
    CHECK(seen.runs == 1);
    CHECK(seen.data == 42);
    k.run_task([] { tasklet_schedule(&old); return 0L; });
    k.run_until_idle();
    CHECK(seen.runs == 2);
    CHECK(seen.data == 0);
}

TEST_CASE("A disabled tasklet stays scheduled and runs after tasklet_enable", "[irq]")
{
    TestKernel k;
    seen = Seen{};
    static DECLARE_TASKLET_DISABLED(t, note);
    k.run_task([] { tasklet_schedule(&t); return 0L; });
    k.run_until_idle();
    CHECK(seen.runs == 0);
    CHECK(test_bit(TASKLET_STATE_SCHED, &t.state));
    k.run_task([] { tasklet_enable(&t); return 0L; });
    k.run_until_idle();
    CHECK(seen.runs == 1);
    k.run_task([] {
        tasklet_disable(&t);
        tasklet_disable(&t);
        tasklet_schedule(&t);
        tasklet_enable(&t);
        return 0L;
    });
    k.run_until_idle();
    CHECK(seen.runs == 1);   // still disabled once
    k.run_task([] { tasklet_enable(&t); return 0L; });
    k.run_until_idle();
    CHECK(seen.runs == 2);
}

namespace {
struct tasklet_struct slow;

// Busy-waits 10 ms (ksoftirqd gives its CPU away meanwhile); counts how many run at once.
void slow_run(struct tasklet_struct *t)
{
    (void)t;
    ++seen.runs;
    ++seen.depth;
    seen.max_depth = std::max(seen.max_depth, seen.depth);
    seen.order.push_back("start " + std::to_string(smp_processor_id()));
    mdelay(10);
    seen.order.push_back("end");
    --seen.depth;
}
}  // namespace

TEST_CASE("A tasklet scheduled again while it runs on another CPU runs after it, never concurrently", "[irq]")
{
    TestKernel k;
    seen = Seen{};
    k.run_task([] {
        tasklet_setup(&slow, slow_run);
        tasklet_schedule(&slow);
        msleep(2);   // it runs on CPU 0, inside its mdelay
        smp_call_function_single(1, [](void *) { tasklet_schedule(&slow); }, nullptr, 1);
        return 0L;
    });
    k.run_until_idle();
    CHECK(seen.runs == 2);
    CHECK(seen.max_depth == 1);
    CHECK(seen.order == std::vector<std::string>{"start 0", "end", "start 1", "end"});
}

TEST_CASE("tasklet_kill waits for a scheduled tasklet to run, and leaves it unscheduled", "[irq]")
{
    TestKernel k;
    seen = Seen{};
    uint64_t waited = 0;
    k.run_task([&waited, &k] {
        tasklet_setup(&slow, slow_run);
        tasklet_schedule(&slow);
        uint64_t t0 = k.now_ns();
        tasklet_kill(&slow);
        waited = k.now_ns() - t0;
        return 0L;
    });
    CHECK(seen.runs == 1);
    CHECK(waited >= 10'000'000);
    CHECK(slow.state == 0);
}

TEST_CASE("A tasklet_hi_schedule'd tasklet runs before a tasklet_schedule'd one", "[irq]")
{
    TestKernel k;
    seen = Seen{};
    static struct tasklet_struct lo, hi;
    k.run_task([] {
        tasklet_setup(&lo, [](struct tasklet_struct *) { seen.order.push_back("lo"); });
        tasklet_setup(&hi, [](struct tasklet_struct *) { seen.order.push_back("hi"); });
        tasklet_schedule(&lo);
        tasklet_hi_schedule(&hi);
        return 0L;
    });
    k.run_until_idle();
    CHECK(seen.order == std::vector<std::string>{"hi", "lo"});
}

TEST_CASE("tasklet_trylock takes RUN once; tasklet_unlock gives it back", "[irq]")
{
    TestKernel k;
    static struct tasklet_struct t;
    std::vector<int> got;
    k.run_task([&got] {
        tasklet_setup(&t, note);
        got.push_back(tasklet_trylock(&t));
        got.push_back(tasklet_trylock(&t));
        tasklet_unlock(&t);
        got.push_back(tasklet_trylock(&t));
        tasklet_unlock(&t);
        return 0L;
    });
    CHECK(got == std::vector<int>{1, 0, 1});
}

TEST_CASE("The irq_bottom_halves module prints the real kernel's lines: tasklets, irq_work, request_irq checks", "[irq]")
{
    TestKernel k;
    REQUIRE(k.load(kshim_test::test_module("irq_bottom_halves")) == 0);
    k.run_for(2'000'000'000);
    CHECK(k.unload("irq_bottom_halves").error == 0);
    std::vector<std::string> want = kshim_test::oracle_module_lines("irq_bottom_halves");
    REQUIRE(want.size() == 13);
    CHECK(kshim_test::lines_with_prefix(k.log_texts(), "irq_bottom_halves: ") == want);
    CHECK(k.bugs() == 0);
    CHECK(k.warnings() == 0);
}

TEST_CASE("A tasklet busy-waiting in softirq keeps its CPU: the task that scheduled it goes on only after it", "[irq]")
{
    TestKernel k;
    static std::vector<std::string> order;
    static struct tasklet_struct t;
    order.clear();
    k.run_task([] {
        tasklet_setup(&t, [](struct tasklet_struct *) {
            order.push_back("tasklet starts");
            mdelay(100);
            order.push_back("tasklet ends");
        });
        tasklet_schedule(&t);
        mdelay(20);
        order.push_back("task continues");
        return 0L;
    });
    CHECK(order == std::vector<std::string>{"tasklet starts", "tasklet ends", "task continues"});
    CHECK(k.now_ns() >= 100'000'000);
}
