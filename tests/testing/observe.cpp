// Tests for the test API's observations (shim/src/testing/observe.cpp): workqueue statistics, allocations per module, live tasks.
#include <catch2/catch.hpp>

#include <string>

#include "kshim/testing.hpp"
#include "support/subprocess.hpp"

using kshim::testing::TaskState;
using kshim::testing::TestKernel;
using kshim_test::test_module;

namespace {

const TaskState *find_task(const std::vector<TaskState> &ts, const std::string &comm)
{
    for (const TaskState &t : ts)
        if (t.comm == comm)
            return &t;
    return nullptr;
}

}  // namespace

TEST_CASE("workqueue_stats counts a workqueue's queued, executed and rejected items", "[testing]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("testapi_probe")) == 0);
    void *work = k.symbol("testapi_probe", "probe_work");
    CHECK(k.queue_work(work, "probe_wq"));
    CHECK_FALSE(k.queue_work(work, "probe_wq"));   // still pending: refused
    k.run_until_idle();
    kshim::testing::WorkqueueStats s = k.workqueue_stats("probe_wq");
    CHECK(s.queued == 1);
    CHECK(s.rejected == 1);
    CHECK(s.executed == 1);
    CHECK(s.max_depth == 1);
    CHECK_FALSE(s.destroyed);
    CHECK(k.workqueue_stats("events").name == "events");
    CHECK_THROWS(k.workqueue_stats("no_such_wq"));
    k.unload("testapi_probe");
    CHECK(k.workqueue_stats("probe_wq").destroyed);
}

TEST_CASE("allocations lists what a module's code holds: size, kind, call site, task", "[testing]")
{
    TestKernel k;
    CHECK(k.allocations("testapi_probe").empty());
    REQUIRE(k.load(test_module("testapi_probe")) == 0);
    auto allocs = k.allocations("testapi_probe");
    bool found = false;
    for (const auto &a : allocs)
        if (a.size == 100 && a.kind == "kmalloc") {
            found = true;
            CHECK(a.site.find("probe_init+0x") == 0);
            CHECK(a.site.find("[testapi_probe]") != std::string::npos);
            CHECK(a.task.rfind("insmod:", 0) == 0);
        }
    CHECK(found);
    k.unload("testapi_probe");
    CHECK(k.allocations("testapi_probe").empty());
}

TEST_CASE("tasks lists the live tasks with their state, module and what they wait on", "[testing]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("testapi_probe")) == 0);
    k.run_until_idle();
    auto ts = k.tasks();
    const TaskState *w = find_task(ts, "probe_waiter");
    REQUIRE(w);
    CHECK(w->state == 'D');   // wait_for_completion: uninterruptible
    CHECK(w->kind == "kthread");
    CHECK(w->module == "testapi_probe");
    CHECK(w->started);
    CHECK(w->waits == "completion probe_done [testapi_probe]");
    CHECK_FALSE(find_task(ts, "insmod"));   // init returned: insmod has ended
    // Woken, it loops in TASK_INTERRUPTIBLE with no timer.
    k.complete(k.symbol("testapi_probe", "probe_done"));
    k.run_until_idle();
    w = find_task(ts = k.tasks(), "probe_waiter");
    REQUIRE(w);
    CHECK(w->state == 'S');
    CHECK(w->waits == "a wake-up (schedule() with no timer)");
    k.unload("testapi_probe");
    ts = k.tasks();
    CHECK_FALSE(find_task(ts, "probe_waiter"));
}

TEST_CASE("tasks shows a sleeping task's timer", "[testing]")
{
    TestKernel k;
    REQUIRE(k.load(KSHIM_SAMPLES_BIN "/custom_workqueue/custom_workqueue.ko") == 0);
    k.run_for(1'000'000'000ull);
    std::vector<TaskState> ts = k.tasks();
    const TaskState *t = find_task(ts, "mythread");
    REQUIRE(t);
    CHECK(t->state == 'D');   // msleep: TASK_UNINTERRUPTIBLE
    CHECK(t->waits == "timer at 2.016000");
    k.unload("custom_workqueue");
}
