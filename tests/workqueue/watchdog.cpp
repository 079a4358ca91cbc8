// Tests of shim/src/workqueue/watchdog.cpp: the workqueue lockup report of a pool whose only worker sleeps unseen, and its correct twin.
#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include "kshim/testing.hpp"
#include "support/log_match.hpp"
#include "support/oracle.hpp"
#include "support/subprocess.hpp"

using kshim::testing::TestKernel;
using kshim_test::index_of;
using kshim_test::test_module;

TEST_CASE("A worker that sleeps with PF_WQ_WORKER cleared stalls its pool: BUG: workqueue lockup", "[workqueue]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("wq_hidden_sleep")) == 0);
    k.run_for(100ull * 1'000'000'000ull);
    auto t = k.log_texts();
    // The watchdog ticks every 30 s from boot; at 30 s the pool has waited exactly 30 s, not more.
    size_t bug = index_of(t, "BUG: workqueue lockup - pool cpus=0 node=0 flags=0x0 nice=0 stuck for 60s!");
    REQUIRE(bug + 5 < t.size());
    CHECK(t[bug + 1] == "Showing busy workqueues and worker pools:");
    CHECK(t[bug + 2] == "workqueue events: flags=0x0");
    CHECK(t[bug + 3] == "  pwq 0: cpus=0 node=0 flags=0x0 nice=0 active=2/256 refcnt=3");
    CHECK(std::regex_match(t[bug + 4], std::regex(R"(    in-flight: \d+:sleeper_fn \[wq_hidden_sleep\])")));
    CHECK(t[bug + 5] == "    pending: follower_fn [wq_hidden_sleep]");
    CHECK(std::regex_match(t[bug + 6], std::regex(R"(pool 0: cpus=0 node=0 flags=0x0 nice=0 hung=60s workers=\d+.*)")));
    CHECK(k.log()[bug].level == 0);
    CHECK(k.log()[bug].ts_ns == 60ull * 1'000'000'000ull);
    CHECK(kshim_test::count_lines(k, "BUG: workqueue lockup") == 1);   // once per stall
    CHECK_FALSE(k.log_contains("wq_hidden_sleep: the follower ran"));
    // module_exit wakes the sleeper; the follower runs after it.
    k.unload("wq_hidden_sleep");
    t = k.log_texts();
    CHECK(index_of(t, "wq_hidden_sleep: sleeper released") < index_of(t, "wq_hidden_sleep: the follower ran"));
    CHECK(index_of(t, "wq_hidden_sleep: the follower ran") < t.size());
    CHECK(k.bugs() == 1);
}

TEST_CASE("A worker that sleeps with PF_WQ_WORKER set lets the pool run the next item: no lockup", "[workqueue]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("wq_hidden_sleep"), {"hide=0"}) == 0);
    k.run_for(100ull * 1'000'000'000ull);
    CHECK(k.log_contains("wq_hidden_sleep: the follower ran"));
    CHECK_FALSE(k.log_contains("workqueue lockup"));
    k.unload("wq_hidden_sleep");
    CHECK(k.bugs() == 0);
}

TEST_CASE("The runner option --wq-watchdog-thresh sets the workqueue watchdog's threshold", "[workqueue]")
{
    auto r = kshim_test::run_process({kshim_test::kshim_run(), test_module("wq_hidden_sleep"), "--time", "virtual",
                                      "--run-for", "30s", "--wq-watchdog-thresh", "5", "--strict"},
                                     20000);
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 1);   // --strict: the lockup is a BUG
    CHECK(r.out.find("[   10.000000] BUG: workqueue lockup - pool cpus=0 node=0 flags=0x0 nice=0 stuck for 10s!") !=
          std::string::npos);
    CHECK(r.out.find("wq_hidden_sleep: the follower ran") != std::string::npos);
}

TEST_CASE("wq_hidden_sleep's own lines match the real kernel's: the follower runs only once the sleeper is released", "[workqueue]")
{
    auto r = kshim_test::run_against_oracle("wq_hidden_sleep");
    CHECK(r.exit_code == 0);
    CHECK(r.want.size() == 4);
    CHECK(r.got == r.want);
}
