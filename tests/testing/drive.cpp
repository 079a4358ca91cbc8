// Tests for the test API's driving calls (shim/src/testing/drive.cpp): run_until, advance_clock, symbol, call, queue_work, complete.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "kshim/testing.hpp"
#include "support/log_match.hpp"
#include "support/subprocess.hpp"

using kshim::testing::TestKernel;
using kshim_test::count_lines;
using kshim_test::test_module;

namespace {

constexpr uint64_t kSec = 1'000'000'000ull;

// The probe loaded into k (the test stops if that fails).
void load_probe(TestKernel &k)
{
    REQUIRE(k.load(test_module("testapi_probe")) == 0);
    k.run_until_idle();
}

}  // namespace

TEST_CASE("call runs an exported module function in a kernel task and returns its result", "[testing]")
{
    TestKernel k;
    load_probe(k);
    CHECK(k.call<int>("testapi_probe", "probe_add", 40, 2) == 42);
    CHECK(k.log_contains("testapi_probe: add 40 2 in test"));
    // The task may sleep: a 100 ms msleep takes its jiffies (HZ 250: 25, and one for the round-up).
    uint64_t before = k.now_ns();
    long took = k.call<long>("testapi_probe", "probe_nap", 100u);
    CHECK(took >= 25);
    CHECK(k.now_ns() - before >= 100'000'000ull);
    // Any symbol of the module, static ones too; a missing one throws.
    CHECK(k.call<int>("testapi_probe", "probe_counter") == 0);
    CHECK_THROWS_AS(k.call<int>("testapi_probe", "no_such_function"), std::invalid_argument);
    CHECK(k.symbol("testapi_probe", "no_such_function") == nullptr);
    CHECK(k.symbol("no_such_module", "probe_add") == nullptr);
    k.unload("testapi_probe");
}

TEST_CASE("queue_work queues a module's work item on a named workqueue and it runs in a kworker", "[testing]")
{
    TestKernel k;
    load_probe(k);
    void *work = k.symbol("testapi_probe", "probe_work");
    REQUIRE(work != nullptr);
    CHECK(k.queue_work(work, "probe_wq"));
    k.run_until_idle();
    CHECK(k.log_contains("counter=1"));
    CHECK(count_lines(k, "testapi_probe: work ran in kworker/") == 1);
    // system_wq is "events"; an unknown workqueue is an error, not a silent no-op.
    CHECK(k.queue_work(work));
    k.run_until_idle();
    CHECK(k.call<int>("testapi_probe", "probe_counter") == 2);
    CHECK_THROWS_AS(k.queue_work(work, "no_such_wq"), std::invalid_argument);
    k.unload("testapi_probe");
}

TEST_CASE("complete from the test wakes the kthread waiting on a module's completion", "[testing]")
{
    TestKernel k;
    load_probe(k);
    CHECK_FALSE(k.log_contains("testapi_probe: waiter woke"));
    k.complete(k.symbol("testapi_probe", "probe_done"));
    k.run_until_idle();
    CHECK(k.log_contains("testapi_probe: waiter woke"));
    k.unload("testapi_probe");
}

TEST_CASE("run_until stops when the predicate holds, or at the deadline when it never does", "[testing]")
{
    TestKernel k;
    REQUIRE(k.load(KSHIM_SAMPLES_BIN "/custom_workqueue/custom_workqueue.ko") == 0);
    // The sample's kthread prints every 2.016 s: the run stops at the third line's instant.
    CHECK(k.run_until([&] { return k.log_contains("count: 3"); }, 60 * kSec));
    CHECK(k.now_ns() == 6'048'000'000ull);
    CHECK_FALSE(k.log_contains("count: 4"));
    CHECK_FALSE(k.run_until([&] { return k.log_contains("never printed"); }, 5 * kSec));
    CHECK(k.now_ns() == 11'048'000'000ull);
    CHECK(k.log_contains("count: 5"));
    k.unload("custom_workqueue");
}

TEST_CASE("advance_clock jumps time with nothing running, and late timers fire at once", "[testing]")
{
    TestKernel k;
    unsigned long j0 = k.jiffies();
    k.advance_clock(2 * kSec);
    CHECK(k.now_ns() == 2 * kSec);
    CHECK(k.jiffies() == j0 + 500);   // HZ 250
    k.run_for(kSec);
    CHECK(k.now_ns() == 3 * kSec);
}
