// Tests for hrtimers (shim/src/time/hrtimer.cpp): nanosecond expiry, hardirq and softirq context, cancel and forward, through the C API and a module.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <random>   // before linux/init.h (via hrtimer.h): its __init and __ref are libstdc++ names
#include <string>
#include <utility>
#include <vector>

#include "irq/irq.hpp"
#include "kernel.hpp"
#include "module/address_map.hpp"
#include "kshim/testing.hpp"
#include "support/log_match.hpp"
#include "support/oracle.hpp"
#include "time/hrtimer.hpp"

#include "linux/hrtimer.h"
#include "linux/cpumask.h"
#include "linux/delay.h"
#include "linux/interrupt.h"
#include "linux/irqflags.h"
#include "linux/kthread.h"
#include "linux/sched.h"
#include "linux/ktime.h"
#include "linux/preempt.h"
#include "linux/smp.h"

// Catch2 has its own WARN.
#undef WARN
#include <catch2/catch.hpp>

using kshim::testing::TestKernel;
using kshim_test::ProcResult;
using kshim_test::read_file;
using kshim_test::run_process;
using kshim_test::test_module;
using kshim_test::test_runner;

namespace {

constexpr uint64_t kMs = 1'000'000;

// What a callback saw, run by run.
struct Fire {
    uint64_t at;
    int hardirq, softirq, irqs_off, cpu;
    std::string comm;
};

std::vector<Fire> fires;
int restarts_left = 0;
ktime_t period = 0;

// A callback that records its context and re-arms itself restarts_left more times.
enum hrtimer_restart note_fire(struct hrtimer *t)
{
    fires.push_back({(uint64_t)ktime_get(), in_hardirq() != 0, in_serving_softirq() != 0, irqs_disabled() != 0,
                     (int)smp_processor_id(), get_current()->comm});
    if (restarts_left-- <= 0)
        return HRTIMER_NORESTART;
    hrtimer_forward_now(t, period);
    return HRTIMER_RESTART;
}

void reset(int restarts, ktime_t per)
{
    fires.clear();
    restarts_left = restarts;
    period = per;
}

}  // namespace

TEST_CASE("A 100 ms periodic hrtimer fires at exactly 100, 200 and 300 ms of virtual time", "[time][hrtimer]")
{
    TestKernel k;
    struct hrtimer t;
    reset(2, ms_to_ktime(100));
    k.run_task([&t] {
        hrtimer_setup(&t, note_fire, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
        hrtimer_start(&t, ms_to_ktime(100), HRTIMER_MODE_REL);
        return 0L;
    });
    k.run_for(1000 * kMs);
    REQUIRE(fires.size() == 3);
    CHECK(fires[0].at == 100 * kMs);
    CHECK(fires[1].at == 200 * kMs);
    CHECK(fires[2].at == 300 * kMs);
    CHECK_FALSE(hrtimer_active(&t));
}

TEST_CASE("An hrtimer callback runs in hardirq context with irqs off, a _SOFT one in softirq context", "[time][hrtimer]")
{
    TestKernel k;
    struct hrtimer hard, soft;
    reset(0, 0);
    k.run_task([&] {
        hrtimer_setup(&hard, note_fire, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
        hrtimer_setup(&soft, note_fire, CLOCK_MONOTONIC, HRTIMER_MODE_REL_SOFT);
        hrtimer_start(&hard, 1500, HRTIMER_MODE_REL);
        hrtimer_start(&soft, 2500, HRTIMER_MODE_REL_SOFT);
        return 0L;
    });
    k.run_for(10 * kMs);
    REQUIRE(fires.size() == 2);
    CHECK(fires[0].at == k.now_ns() - 10 * kMs + 1500);   // to the nanosecond, not a jiffy
    CHECK(fires[0].hardirq == 1);
    CHECK(fires[0].irqs_off == 1);
    CHECK(fires[0].softirq == 0);
    CHECK(fires[0].comm == "swapper/" + std::to_string(fires[0].cpu));   // the idle CPU's task
    CHECK(fires[1].hardirq == 0);
    CHECK(fires[1].comm == "ksoftirqd/" + std::to_string(fires[1].cpu));
    CHECK(fires[1].softirq == 1);
    CHECK(fires[1].irqs_off == 0);
    CHECK(k.bugs() == 0);
    CHECK(k.warnings() == 0);
}

TEST_CASE("hrtimer_try_to_cancel returns 1 for a queued timer, 0 for an idle one and -1 from its own callback", "[time][hrtimer]")
{
    TestKernel k;
    static struct hrtimer t;
    static int in_cb = 99, active_in_cb = -1, queued_in_cb = -1;
    k.run_task([] {
        hrtimer_init(&t, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
        t.function = [](struct hrtimer *self) {
            in_cb = hrtimer_try_to_cancel(self);
            active_in_cb = hrtimer_active(self);
            queued_in_cb = hrtimer_is_queued(self);
            return HRTIMER_NORESTART;
        };
        hrtimer_start(&t, ktime_add_ms(ktime_get(), 5), HRTIMER_MODE_ABS);
        CHECK(hrtimer_try_to_cancel(&t) == 1);
        CHECK(hrtimer_try_to_cancel(&t) == 0);
        hrtimer_start(&t, ktime_add_ms(ktime_get(), 5), HRTIMER_MODE_ABS);
        return 0L;
    });
    k.run_for(10 * kMs);
    CHECK(in_cb == -1);
    CHECK(active_in_cb == 1);
    CHECK(queued_in_cb == 0);
    CHECK(hrtimer_cancel(&t) == 0);
}

TEST_CASE("hrtimer_forward counts overruns as Linux 6.1 does and warns on a queued timer", "[time][hrtimer]")
{
    TestKernel k;
    struct hrtimer t;
    k.run_task([&t] {
        hrtimer_setup(&t, note_fire, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
        hrtimer_set_expires(&t, 1000);
        CHECK(hrtimer_forward(&t, 999, 100) == 0);        // before the expiry: unchanged
        CHECK(hrtimer_get_expires(&t) == 1000);
        CHECK(hrtimer_forward(&t, 1000, 100) == 1);       // at it: one interval
        CHECK(hrtimer_get_expires(&t) == 1100);
        CHECK(hrtimer_forward(&t, 1450, 100) == 4);       // 3 whole intervals, then one more
        CHECK(hrtimer_get_expires(&t) == 1500);
        CHECK(hrtimer_forward(&t, 1700, 100) == 3);       // landing on now takes one more
        CHECK(hrtimer_get_expires(&t) == 1800);
        CHECK(hrtimer_forward(&t, 1805, 0) == 6);         // interval below the 1 ns resolution
        CHECK(hrtimer_get_expires(&t) == 1806);
        hrtimer_start(&t, ms_to_ktime(5), HRTIMER_MODE_REL);
        CHECK(hrtimer_forward(&t, ktime_add_ms(ktime_get(), 50), 100) == 0);
        hrtimer_cancel(&t);
        return 0L;
    });
    CHECK(k.warnings() == 1);
    CHECK(k.log_contains("WARNING: CPU: 0 PID:"));
}

TEST_CASE("A relative CLOCK_REALTIME hrtimer uses the monotonic base; an absolute one fires at its wall time", "[time][hrtimer]")
{
    TestKernel k;
    struct hrtimer rel, abs;
    reset(0, 0);
    k.run_task([&] {
        hrtimer_setup(&rel, note_fire, CLOCK_REALTIME, HRTIMER_MODE_REL);
        hrtimer_setup(&abs, note_fire, CLOCK_REALTIME, HRTIMER_MODE_ABS);
        CHECK(rel.base->clockid == CLOCK_MONOTONIC);
        CHECK(abs.base->clockid == CLOCK_REALTIME);
        hrtimer_start(&abs, ktime_add_ms(ktime_get_real(), 7), HRTIMER_MODE_ABS);
        CHECK(ktime_to_ms(hrtimer_get_remaining(&abs)) == 7);
        return 0L;
    });
    uint64_t started = k.now_ns();
    k.run_for(20 * kMs);
    REQUIRE(fires.size() == 1);
    CHECK(fires[0].at == started + 7 * kMs);
}

TEST_CASE("An hrtimer started with a range fires at its hard expiry; a restarted one moves", "[time][hrtimer]")
{
    TestKernel k;
    struct hrtimer t;
    reset(0, 0);
    uint64_t base = k.now_ns();
    k.run_task([&t] {
        hrtimer_setup(&t, note_fire, CLOCK_BOOTTIME, HRTIMER_MODE_REL);
        hrtimer_start_range_ns(&t, ms_to_ktime(3), 250, HRTIMER_MODE_REL);
        CHECK(hrtimer_get_expires(&t) - hrtimer_get_softexpires(&t) == 250);
        hrtimer_start(&t, ms_to_ktime(4), HRTIMER_MODE_REL);   // moves it
        return 0L;
    });
    k.run_for(10 * kMs);
    REQUIRE(fires.size() == 1);
    CHECK(fires[0].at == base + 4 * kMs);
}

TEST_CASE("hrtimer_cancel from the timer's own callback is reported as the deadlock it is", "[time][hrtimer]")
{
    TestKernel k;
    static struct hrtimer t;
    static int ret = 99;
    k.run_task([] {
        hrtimer_init(&t, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
        t.function = [](struct hrtimer *self) {
            ret = hrtimer_cancel(self);
            return HRTIMER_NORESTART;
        };
        hrtimer_start(&t, 1000, HRTIMER_MODE_REL);
        return 0L;
    });
    k.run_for(kMs);
    CHECK(ret == 0);
    CHECK(k.bugs() == 1);
    CHECK(k.log_contains("a real kernel would wait for it forever"));
}

TEST_CASE("The hrtimer_modes module prints the real kernel's lines in the kernel's order", "[time][hrtimer]")
{
    ProcResult r;
    ProcResult c = kshim_test::compare_with_oracle("hrtimer_modes", "2s", r);
    REQUIRE(r.exit_code == 0);
    INFO(r.out << r.err << c.out << c.err);
    CHECK(c.exit_code == 0);
    // Virtual time: each line at its expiry, to the microsecond.
    CHECK(r.out.find("[    0.100000] hrtimer_modes: periodic run 1 at 100 ms") != std::string::npos);
    CHECK(r.out.find("[    0.350000] hrtimer_modes: periodic run 4 at 350 ms") != std::string::npos);
}

namespace {
task_struct *sleeper;
int waker_fn(void *)
{
    msleep(5);
    wake_up_process(sleeper);
    return 0;
}
}  // namespace

TEST_CASE("schedule_hrtimeout sleeps to the nanosecond and returns 0, or -EINTR when woken first", "[time][hrtimer]")
{
    TestKernel k;
    static int first = 99, second = 99;
    static uint64_t slept = 0, slept2 = 0;
    k.run_task([] {
        sleeper = get_current();
        ktime_t t = 1500;
        uint64_t t0 = (uint64_t)ktime_get();
        set_current_state(TASK_UNINTERRUPTIBLE);
        first = schedule_hrtimeout(&t, HRTIMER_MODE_REL);
        slept = (uint64_t)ktime_get() - t0;
        kthread_run(waker_fn, nullptr, "waker");
        t = ms_to_ktime(100);
        t0 = (uint64_t)ktime_get();
        set_current_state(TASK_INTERRUPTIBLE);
        second = schedule_hrtimeout(&t, HRTIMER_MODE_REL);
        slept2 = (uint64_t)ktime_get() - t0;
        return 0L;
    }, "sleeper");
    CHECK(first == 0);
    CHECK(slept == 1500);
    CHECK(second == -EINTR);
    CHECK(slept2 < 100 * kMs);
}

TEST_CASE("At unload a queued hrtimer whose callback is in the module is reported and cancelled", "[time][hrtimer]")
{
    TestKernel k;
    struct hrtimer t;
    reset(0, 0);
    k.run_task([&t] {
        hrtimer_setup(&t, note_fire, CLOCK_MONOTONIC, HRTIMER_MODE_REL_SOFT);
        hrtimer_start(&t, ms_to_ktime(5), HRTIMER_MODE_REL_SOFT);
        return 0L;
    });
    uintptr_t fn = (uintptr_t)&note_fire;
    const kshim::ModuleSpan span{nullptr, "fake_mod", fn, fn + 1};
    CHECK(k.kernel().hrtimers().module_gone(span) == 1);
    CHECK_FALSE(hrtimer_active(&t));
    CHECK(k.log_contains("still pending after module_exit of fake_mod"));
    k.run_for(10 * kMs);
    CHECK(fires.empty());
}

namespace {
// What a hard hrtimer callback and a request_irq handler saw when they ran.
struct Taken {
    uint64_t at = 0;
    int hardirq = -1, irqs_off = -1, pid = -1, after_restore = -1, cpu = -1;
    std::string comm;
    const void *task = nullptr;
};
Taken by_timer, by_irq;
bool restored = false;

void note_taken(Taken &t)
{
    t = {(uint64_t)ktime_get(), in_hardirq() != 0, irqs_disabled() != 0, get_current()->pid, restored,
         (int)smp_processor_id(), get_current()->comm, get_current()};
}
}  // namespace

TEST_CASE("A hard hrtimer and a raised irq that fall due while a task busy-waits with irqs off both wait for it, and run in the same context", "[time][hrtimer]")
{
    TestKernel k;
    static struct hrtimer t;
    static uint64_t busy_end = 0;
    static int cpu = -1;
    by_timer = by_irq = {};
    restored = false;
    k.kernel().irqs().raise_every(23, kMs, 1);   // the device's edge at 1 ms, as --irq 23@1msx1
    long r = k.run_task([] {
        cpu = (int)smp_processor_id();
        long e = request_irq(23, [](int, void *) { note_taken(by_irq); return IRQ_HANDLED; }, 0, "dev", nullptr);
        e |= irq_set_affinity(23, cpumask_of(cpu));   // the line interrupts this task's CPU
        hrtimer_setup(&t, [](struct hrtimer *) { note_taken(by_timer); return HRTIMER_NORESTART; },
                      CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
        hrtimer_start(&t, ms_to_ktime(1), HRTIMER_MODE_REL_HARD);
        unsigned long flags;
        local_irq_save(flags);   // as spin_lock_irqsave: nothing may interrupt this CPU
        mdelay(5);
        busy_end = (uint64_t)ktime_get();
        restored = true;
        local_irq_restore(flags);
        msleep(1);
        free_irq(23, nullptr);
        return e;
    });
    CHECK(r == 0);
    CHECK(busy_end >= 5 * kMs);
    for (const Taken *seen : {&by_timer, &by_irq}) {
        CHECK(seen->after_restore == 1);   // not inside the irqs-off section
        CHECK(seen->at >= busy_end);
        CHECK(seen->hardirq == 1);
        CHECK(seen->irqs_off == 1);
        CHECK(seen->cpu == cpu);
        CHECK(seen->pid == 0);
        CHECK(seen->comm == "swapper/" + std::to_string(cpu));   // divergence: taken by the idle task
    }
    CHECK(k.bugs() == 0);
    CHECK(k.warnings() == 0);
}

TEST_CASE("A hard hrtimer that falls due while a task busy-waits with irqs on interrupts it there, as a raised irq does", "[time][hrtimer]")
{
    TestKernel k;
    static struct hrtimer t;
    static int cpu = -1;
    by_timer = by_irq = {};
    k.kernel().irqs().raise_every(23, kMs, 1);
    restored = false;
    long r = k.run_task([] {
        cpu = (int)smp_processor_id();
        long e = request_irq(23, [](int, void *) { note_taken(by_irq); return IRQ_HANDLED; }, 0, "dev", nullptr);
        e |= irq_set_affinity(23, cpumask_of(cpu));
        hrtimer_setup(&t, [](struct hrtimer *) { note_taken(by_timer); return HRTIMER_NORESTART; },
                      CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
        hrtimer_start(&t, ms_to_ktime(1), HRTIMER_MODE_REL_HARD);
        mdelay(5);
        restored = true;
        free_irq(23, nullptr);
        return e;
    });
    CHECK(r == 0);
    for (const Taken *seen : {&by_timer, &by_irq}) {
        CHECK(seen->after_restore == 0);   // during the busy wait
        CHECK(seen->at == kMs);            // to the nanosecond
        CHECK(seen->hardirq == 1);
        CHECK(seen->irqs_off == 1);
        CHECK(seen->cpu == cpu);
    }
    CHECK(by_timer.comm == by_irq.comm);
    CHECK(by_timer.pid == by_irq.pid);
    CHECK(by_timer.task == by_irq.task);   // one swapper/N, whichever path took the interrupt
}
