// Tests for the tracer's hooks (shim/src/trace/tracer.cpp): what each tracepoint records, in which context.
#include <algorithm>
#include <string>
#include <vector>

#include "kernel.hpp"
#include "kshim/testing.hpp"
#include "sched/task.hpp"
#include "support/subprocess.hpp"
#include "trace/tracer.hpp"

#undef WARN
#include <catch2/catch.hpp>

using kshim::TraceEv;
using kshim::TraceEvent;
using kshim::testing::TestKernel;

namespace {

// trace_contexts loaded with tracing on, its interrupt raised once at 100 ms, 300 ms of life,
// unloaded; the recorded events.
std::vector<TraceEvent> traced_run(bool enable)
{
    TestKernel k;
    kshim::Tracer &tr = kshim::Kernel::get().trace();
    if (enable)
        tr.enable();
    REQUIRE(k.load(kshim_test::test_module("trace_contexts")) == 0);
    k.run_for(100'000'000);
    k.raise_irq(5);
    k.run_for(200'000'000);
    k.unload("trace_contexts");
    tr.finish();
    return tr.events();
}

std::vector<TraceEvent> of(const std::vector<TraceEvent> &ev, TraceEv kind)
{
    std::vector<TraceEvent> out;
    std::copy_if(ev.begin(), ev.end(), std::back_inserter(out), [kind](const TraceEvent &e) { return e.ev == kind; });
    return out;
}

size_t index_of(const std::vector<TraceEvent> &ev, TraceEv kind, const void *obj)
{
    for (size_t i = 0; i < ev.size(); ++i)
        if (ev[i].ev == kind && ev[i].obj == obj)
            return i;
    return SIZE_MAX;
}

}  // namespace

TEST_CASE("The tracer records nothing while it is off", "[trace]")
{
    CHECK(traced_run(false).empty());
}

TEST_CASE("A work item is traced from queueing through activation to its start and end in a kworker", "[trace]")
{
    const auto ev = traced_run(true);
    const auto queued = of(ev, TraceEv::WqQueueWork);
    REQUIRE(queued.size() == 1);
    const TraceEvent &q = queued[0];
    CHECK(q.fn == "tick_work_fn [trace_contexts]");
    CHECK(q.str == "events");
    CHECK(q.a == 8192);   // queue_work: WORK_CPU_UNBOUND, as Debian's 6.1 prints it
    CHECK((q.flags & kshim::TraceSoftirq) != 0);   // queued by the timer callback
    const size_t qi = index_of(ev, TraceEv::WqQueueWork, q.obj), ai = index_of(ev, TraceEv::WqActivateWork, q.obj);
    const size_t si = index_of(ev, TraceEv::WqExecuteStart, q.obj), ei = index_of(ev, TraceEv::WqExecuteEnd, q.obj);
    REQUIRE(ei != SIZE_MAX);
    CHECK(qi < ai);
    CHECK(ai < si);
    CHECK(si < ei);
    CHECK(ev[si].fn == "tick_work_fn [trace_contexts]");
    CHECK(ev[si].flags == 0);   // process context, irqs on
}

TEST_CASE("Interrupt handlers, tasklets, timers and hrtimers are traced in their own contexts", "[trace]")
{
    const auto ev = traced_run(true);
    const auto irq = of(ev, TraceEv::IrqHandlerEntry), irq_exit = of(ev, TraceEv::IrqHandlerExit);
    REQUIRE(irq.size() == 1);
    CHECK(irq[0].a == 5);
    CHECK(irq[0].str == "trace_dev");
    CHECK(irq[0].flags == (kshim::TraceIrqsOff | kshim::TraceHardirq));
    REQUIRE(irq_exit.size() == 1);
    CHECK(irq_exit[0].b == 1);   // IRQ_HANDLED
    const auto tasklet = of(ev, TraceEv::TaskletEntry);
    REQUIRE(tasklet.size() == 1);
    CHECK(tasklet[0].fn == "bottom_half [trace_contexts]");
    CHECK(tasklet[0].flags == kshim::TraceSoftirq);
    const auto timer = of(ev, TraceEv::TimerExpireEntry);
    REQUIRE(timer.size() == 1);
    CHECK(timer[0].fn == "tick_fn [trace_contexts]");
    CHECK(timer[0].ns == 104'000'000);   // 25 jiffies, one late at wheel level 0
    const auto armed = of(ev, TraceEv::TimerStart);
    REQUIRE(armed.size() == 1);
    CHECK(armed[0].a - armed[0].b == 25);   // [timeout=25]
    const auto hr = of(ev, TraceEv::HrtimerExpireEntry);
    REQUIRE(hr.size() == 1);
    CHECK(hr[0].ns == 30'000'000);
    CHECK((hr[0].flags & kshim::TraceHardirq) != 0);
    CHECK(of(ev, TraceEv::SoftirqEntry).size() == of(ev, TraceEv::SoftirqExit).size());
}

TEST_CASE("A task that blocks on a mutex leaves its CPU in D with the mutex as what it waits on", "[trace]")
{
    const auto ev = traced_run(true);
    bool saw = false;
    for (const TraceEvent &e : of(ev, TraceEv::SchedSwitch))
        if (e.fn == "waiter" && e.e == (int64_t)kshim::WaitKind::Mutex) {
            saw = true;
            CHECK(e.b == 2);   // TASK_UNINTERRUPTIBLE: "D"
            CHECK(e.ns == 20'000'000);
        }
    CHECK(saw);
}

TEST_CASE("sched_switch names the task before and after on each CPU, through idle when the CPU idles", "[trace]")
{
    const auto ev = traced_run(true);
    const auto sw = of(ev, TraceEv::SchedSwitch);
    REQUIRE(!sw.empty());
    CHECK(sw[0].pid == 0);
    CHECK(sw[0].str == "insmod");
    // Per CPU, each switch starts from the task the previous one switched to.
    for (unsigned cpu = 0; cpu < 2; ++cpu) {
        int64_t on = 0;
        for (const TraceEvent &e : sw) {
            if (e.cpu != cpu)
                continue;
            CHECK(e.pid == on);
            on = e.c;
        }
    }
    const auto woken = of(ev, TraceEv::SchedWakeup);
    CHECK(std::any_of(woken.begin(), woken.end(), [](const TraceEvent &e) { return e.fn == "holder"; }));
}
