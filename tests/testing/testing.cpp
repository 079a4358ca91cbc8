// Tests for the test API's kernel (shim/src/testing/testing.cpp): a kernel per test, loads with parameters and failed inits, log records, isolation between tests.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kshim/testing.hpp"
#include "support/subprocess.hpp"

using kshim::testing::Config;
using kshim::testing::LogLine;
using kshim::testing::TestKernel;
using kshim_test::test_module;

namespace {

// What a test can see of a kernel, to compare a fresh one with the one before it.
struct Snapshot {
    uint64_t now;
    unsigned long jiffies;
    size_t log_records;
    size_t reports;
    size_t allocations;
    size_t tasks;
    size_t workqueues;
    bool operator==(const Snapshot &) const = default;
};

Snapshot snapshot(const TestKernel &k)
{
    return {k.now_ns(), k.jiffies(), k.log().size(), k.reports().size(), k.live_allocations(), k.tasks().size(),
            k.workqueue_stats().size()};
}

}  // namespace

TEST_CASE("A failed module init is a result to check: its errno, its log, no module left", "[testing]")
{
    TestKernel k;
    CHECK(k.load(test_module("testapi_probe"), {"fail_init=1"}) == -19);   // -ENODEV
    CHECK(k.log_contains("testapi_probe: init fails as asked"));
    CHECK(k.unload("testapi_probe").error == -2);   // not loaded: -ENOENT
    CHECK(k.tasks().empty());
    // A value the parameter's type rejects fails the load before init runs: -EINVAL.
    CHECK(k.load(test_module("testapi_probe"), {"fail_init=many"}) == -22);
    CHECK_FALSE(k.log_contains("testapi_probe: loaded"));
    CHECK(k.load(test_module("testapi_probe"), {"fail_init=0"}) == 0);
    CHECK(k.unload("testapi_probe").error == 0);
    CHECK(k.log_contains("testapi_probe: unloaded, counter=0"));
}

TEST_CASE("Log records carry their level, time, task, pid and CPU", "[testing]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("testapi_probe")) == 0);
    k.run_until_idle();
    std::vector<LogLine> log = k.log();
    REQUIRE(log.size() >= 2);
    const LogLine *loaded = nullptr, *waits = nullptr;
    for (const LogLine &l : log) {
        loaded = l.text == "testapi_probe: loaded" ? &l : loaded;
        waits = l.text == "testapi_probe: waiter waits" ? &l : waits;
    }
    REQUIRE(loaded);
    REQUIRE(waits);
    CHECK(loaded->level == 6);
    CHECK(loaded->task == "insmod");
    CHECK(loaded->pid >= 100);
    CHECK(waits->task == "probe_waiter");
    CHECK(waits->pid != loaded->pid);
    CHECK(waits->cpu < 2);
    CHECK(loaded->ts_ns == 0);
    k.unload("testapi_probe");
}

TEST_CASE("A kernel's console level and CPU count come from its Config", "[testing]")
{
    Config cfg;
    cfg.cpus = 4;
    TestKernel k(cfg);
    unsigned cpus_seen = 0;
    REQUIRE(k.load(test_module("testapi_probe")) == 0);
    for (const auto &t : k.tasks())
        cpus_seen = std::max(cpus_seen, t.cpu + 1);
    CHECK(cpus_seen <= 4);
    CHECK(k.call<int>("testapi_probe", "probe_add", 1, 2) == 3);
    k.unload("testapi_probe");
}

TEST_CASE("Nothing of one test's kernel leaks into the next: state, log, clock, pids, modules", "[testing]")
{
    Snapshot fresh{};
    std::vector<LogLine> first_log;
    {
        TestKernel k;
        fresh = snapshot(k);
        REQUIRE(k.load(test_module("testapi_probe")) == 0);
        CHECK(k.queue_work(k.symbol("testapi_probe", "probe_work"), "probe_wq"));
        k.run_for(3'000'000'000ull);
        CHECK(k.log_contains("counter=1"));
        first_log = k.log();
        // Left loaded, with a kthread blocked and an allocation held: the kernel ends anyway.
    }
    TestKernel k;
    CHECK(snapshot(k) == fresh);
    REQUIRE(k.load(test_module("testapi_probe")) == 0);
    CHECK(k.queue_work(k.symbol("testapi_probe", "probe_work"), "probe_wq"));
    k.run_for(3'000'000'000ull);
    // The module's statics start afresh, and the log, times and pids repeat the first run's.
    CHECK(k.log_contains("counter=1"));
    CHECK_FALSE(k.log_contains("counter=2"));
    std::vector<LogLine> second_log = k.log();
    REQUIRE(second_log.size() == first_log.size());
    for (size_t i = 0; i < first_log.size(); ++i) {
        CHECK(second_log[i].text == first_log[i].text);
        CHECK(second_log[i].ts_ns == first_log[i].ts_ns);
        CHECK(second_log[i].pid == first_log[i].pid);
    }
    CHECK(k.unload("testapi_probe").error == 0);
    CHECK(k.reports().empty());
}
