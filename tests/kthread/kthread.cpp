// Tests for kernel threads (shim/src/kthread/kthread.cpp, kthread_api.cpp): creation, stop, park, bind, exit, leftovers.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "kshim/testing.hpp"
#include "support/subprocess.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/delay.h"
#include "linux/errno.h"
#include "linux/kthread.h"
#include "linux/sched.h"
#include "linux/smp.h"

using kshim::testing::TestKernel;

namespace {

struct Probe {
    int runs = 0;
    int loops = 0;
    std::string comm;
    int cpu = -1;
    void *data = nullptr;
    bool saw_stop = false;
    std::vector<std::string> events;
};
Probe probe;

int count_runs(void *data)
{
    ++probe.runs;
    probe.comm = get_current()->comm;
    probe.data = data;
    return 42;
}

int loop_until_stopped(void *)
{
    ++probe.runs;
    while (!kthread_should_stop()) {
        ++probe.loops;
        msleep(10);
    }
    probe.saw_stop = true;
    return probe.loops;
}

}  // namespace

TEST_CASE("kthread_run starts a thread named by its format, with its data", "[kthread]")
{
    probe = {};
    TestKernel k;
    static int payload;
    k.run_task([] {
        task_struct *t = kthread_run(count_runs, &payload, "worker/%d:%s", 3, "x");
        REQUIRE_FALSE(IS_ERR(t));
        CHECK(std::string(t->comm) == "worker/3:x");
        CHECK(kthread_data(t) == &payload);
        CHECK(probe.runs == 0);  // woken, but the creator still holds the CPU
        msleep(1);
        return 0L;
    });
    CHECK(probe.runs == 1);
    CHECK(probe.comm == "worker/3:x");
    CHECK(probe.data == &payload);
}

TEST_CASE("kthread_stop on a thread never woken returns -EINTR and the function never runs", "[kthread]")
{
    probe = {};
    TestKernel k;
    long r = k.run_task([] {
        task_struct *t = kthread_create(count_runs, nullptr, "sleepy");
        REQUIRE_FALSE(IS_ERR(t));
        msleep(5);
        return (long)kthread_stop(t);
    });
    CHECK(r == -EINTR);
    CHECK(r == -4);
    CHECK(probe.runs == 0);
}

TEST_CASE("kthread_stop returns the thread function's return value", "[kthread]")
{
    probe = {};
    TestKernel k;
    long r = k.run_task([] {
        task_struct *t = kthread_run(count_runs, nullptr, "quick");
        msleep(1);  // it has already returned 42
        return (long)kthread_stop(t);
    });
    CHECK(r == 42);
    CHECK(probe.runs == 1);
}

TEST_CASE("kthread_should_stop turns true only once kthread_stop is called", "[kthread]")
{
    probe = {};
    TestKernel k;
    long r = k.run_task([] {
        task_struct *t = kthread_run(loop_until_stopped, nullptr, "looper");
        msleep(100);  // 27 jiffies: the 20 ms (5 jiffy) loop runs 6 times
        CHECK_FALSE(probe.saw_stop);
        return (long)kthread_stop(t);
    });
    CHECK(probe.saw_stop);
    CHECK(probe.loops == 6);
    CHECK(r == 6);
    // kthread_stop waited for the thread: woken early (jiffy 27) from the msleep it began at
    // jiffy 25, msleep slept on to that expiry (25+4) plus the wheel's one jiffy, 30.
    CHECK(k.jiffies() - INITIAL_JIFFIES == 30);
}

namespace {

int parkable(void *)
{
    while (!kthread_should_stop()) {
        if (kthread_should_park()) {
            probe.events.push_back("park");
            kthread_parkme();
            probe.events.push_back("unparked");
            continue;
        }
        ++probe.loops;
        msleep(10);
    }
    return 0;
}

}  // namespace

TEST_CASE("kthread_park parks the thread in kthread_parkme and kthread_unpark resumes it", "[kthread]")
{
    probe = {};
    TestKernel k;
    k.run_task([] {
        task_struct *t = kthread_run(parkable, nullptr, "parky");
        msleep(30);
        CHECK(kthread_park(t) == 0);
        // kthread_park returns once the thread is parked.
        CHECK(probe.events == std::vector<std::string>{"park"});
        CHECK(t->__state == TASK_PARKED);
        int loops = probe.loops;
        msleep(200);
        CHECK(probe.loops == loops);  // parked threads do not run
        kthread_unpark(t);
        msleep(30);
        CHECK(probe.events == std::vector<std::string>{"park", "unparked"});
        CHECK(probe.loops - loops == 2);   // msleep(10) takes 5 jiffies, msleep(30) 10
        CHECK(kthread_stop(t) == 0);
        return 0L;
    });
}

namespace {

int report_cpu(void *)
{
    probe.cpu = (int)smp_processor_id();
    return 0;
}

}  // namespace

TEST_CASE("kthread_bind pins a thread to a CPU that smp_processor_id reports", "[kthread]")
{
    kshim::testing::Config cfg;
    cfg.cpus = 4;
    TestKernel k(cfg);
    for (int cpu : {3, 0, 2}) {
        probe = {};
        k.run_task([cpu] {
            task_struct *t = kthread_create(report_cpu, nullptr, "bound/%d", cpu);
            kthread_bind(t, (unsigned)cpu);
            CHECK(task_cpu(t) == (unsigned)cpu);
            wake_up_process(t);
            msleep(1);
            return 0L;
        });
        CHECK(probe.cpu == cpu);
    }
    probe = {};
    k.run_task([] {
        task_struct *t = kthread_create_on_cpu(report_cpu, nullptr, 1, "percpu/%u");
        CHECK(std::string(t->comm) == "percpu/1");
        wake_up_process(t);
        msleep(1);
        return 0L;
    });
    CHECK(probe.cpu == 1);
}

namespace {

int exits_early(void *)
{
    kthread_exit(17);
}

}  // namespace

TEST_CASE("kthread_exit ends the thread and kthread_stop returns its code", "[kthread]")
{
    TestKernel k;
    long r = k.run_task([] {
        task_struct *t = kthread_run(exits_early, nullptr, "exiter");
        msleep(1);
        return (long)kthread_stop(t);
    });
    CHECK(r == 17);
}

TEST_CASE("A kthread left running after module_exit is reported and killed", "[kthread]")
{
    TestKernel k;
    REQUIRE(k.load(kshim_test::test_module("kthread_leftover")) == 0);
    k.run_for(1'000'000'000);
    auto r = k.unload("kthread_leftover");
    CHECK(r.error == 0);
    CHECK(r.exit_finished);
    CHECK(r.tasks_left == 1);
    bool found = false;
    for (auto &t : k.log_texts())
        if (t.rfind("kshim: kthread leftover:", 0) == 0 &&
            t.find(" is still running after module_exit of kthread_leftover; a real kernel would oops") !=
                std::string::npos)
            found = true;
    CHECK(found);
    CHECK(k.bugs() == 1);
    // The killed thread never runs again: time goes on without a crash.
    k.run_for(5'000'000'000);
    CHECK(k.run_until_idle());
}
