// Example: testing the seed custom_workqueue module (samples/custom_workqueue): its timing, its work order, its unload report.
#include <kshim/catch2.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace kshim::testing;

namespace {

constexpr uint64_t kSec = 1'000'000'000ull;

}  // namespace

// Every test gets a kernel of its own (KSHIM_TEST_CASE's kernel()), in virtual time: 10 seconds
// take microseconds, and every run prints the same log at the same instants.
KSHIM_TEST_CASE("custom_workqueue runs its kthread every 2.016 s and queues two work items each time", "[examples]")
{
    TestKernel &k = kernel();
    REQUIRE(k.load(KSHIM_KO_custom_workqueue) == 0);
    CHECK_THAT(k, LogContains("thread create success"));   // init has returned; the kthread has not run yet

    k.run_for(10 * kSec);
    CHECK_THAT(k, LogSequence({"thread create success", "enter thead_fn"}));
    // msleep(2000) lasts 501 jiffies rounded up to the timer wheel's 8-jiffy granularity at
    // that distance: 2.016 s, as on Linux 6.1 at HZ=250. So 10 s hold 4 iterations...
    CHECK_THAT(k, LogCount("threadfn data: 10, count:", 4));
    // ... and the fifth comes at 10.080 s.
    REQUIRE(k.run_until([&] { return k.log_contains("count: 5"); }, kSec));
    CHECK(k.now_ns() == 10'080'000'000ull);
    k.run_for(1'000'000);   // the kthread has just queued the fifth pair: let the kworker run them

    // The work order: each iteration's line, then do_work1, then do_work2, all in a kworker of
    // the module's workqueue, while the kthread prints from its own task.
    std::vector<std::string> order;
    for (int i = 1; i <= 5; ++i)
        order.insert(order.end(), {"count: " + std::to_string(i), "do_work1", "do_work2"});
    CHECK_THAT(k, LogSequence(order));
    for (const LogLine &l : k.log()) {
        if (l.text.find("do_work") == 0)
            CHECK(l.task.rfind("kworker/", 0) == 0);
        if (l.text.find("threadfn data") == 0)
            CHECK(l.task == "mythread");
    }
    CHECK(k.workqueue_stats("wanghb_queue").executed == 10);
}

// module_exit destroys the workqueue but never stops mythread: a real kernel would oops when the
// thread next runs freed code. kshim says so at rmmod, as a report the test can expect.
KSHIM_TEST_CASE("custom_workqueue's unload reports the kthread it never stopped", "[examples]")
{
    TestKernel &k = kernel();
    REQUIRE(k.load(KSHIM_KO_custom_workqueue) == 0);
    k.run_for(10 * kSec);
    const auto live = k.tasks();
    REQUIRE(std::any_of(live.begin(), live.end(), [](const TaskState &t) { return t.comm == "mythread"; }));

    expect_report("unload-leftover");   // without this line, the test fails on the report
    UnloadResult r = k.unload("custom_workqueue");
    CHECK(r.error == 0);
    CHECK(r.tasks_left == 1);
    CHECK_THAT(k, LogContains("kshim: kthread mythread:101 is still running after module_exit of custom_workqueue"));
    CHECK_THAT(k, LogSequence({"test_kobj_exit", "is still running after module_exit", "threadfn+0x"}));
    std::vector<Report> reports = k.reports();
    REQUIRE(reports.size() == 1);
    CHECK(reports[0].kind == "unload-leftover");
}
