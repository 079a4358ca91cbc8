// Tests for the deadlock detector (shim/src/sched/deadlock.cpp): cycles of completions, mutexes and kthread_stop, and their correct twins.
#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include "kshim/testing.hpp"
#include "support/log_match.hpp"
#include "support/subprocess.hpp"

#include "linux/errno.h"

using kshim::testing::TestKernel;
using kshim_test::test_module;

namespace {

bool has_match(const TestKernel &k, const std::string &re)
{
    for (auto &t : k.log_texts())
        if (std::regex_search(t, std::regex(re)))
            return true;
    return false;
}

}  // namespace

TEST_CASE("A completion cycle between two kthreads is a deadlock as soon as rmmod blocks on it", "[sched]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("deadlock_completion")) == 0);
    auto r = k.unload("deadlock_completion");
    CHECK_FALSE(r.exit_finished);
    CHECK(k.log_contains("kshim: deadlock: every task is blocked and nothing can wake one"));
    CHECK(has_match(k, R"(^kshim: rmmod:\d+ \(state D\) waits for kthread_stop\(cycle_a:\d+\) to return)"));
    CHECK(has_match(k, R"(^kshim: cycle_a:\d+ \(state D\) waits for completion b_done\+0x0/0x[0-9a-f]+ \[deadlock_completion\])"));
    CHECK(has_match(k, R"(^kshim: cycle_b:\d+ \(state D\) waits for completion a_done\+0x0/0x[0-9a-f]+ \[deadlock_completion\])"));
    CHECK(has_match(k, R"(^task:cycle_a +state:D stack:0 +pid:\d+)"));
    // A completion records no owner; each is signalled by the only other blocked kthread.
    CHECK(has_match(k, R"(^kshim: wait-for cycle: cycle_a:\d+ -> cycle_b:\d+ -> cycle_a:\d+$)"));
    // At once: no hung-task timeout passes first.
    CHECK(k.now_ns() < 1'000'000'000ull);
    CHECK_FALSE(k.log_contains("INFO: task"));
    CHECK(k.bugs() == 1);
}

TEST_CASE("Two kthreads that complete in order finish and are stopped without a report", "[sched]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("deadlock_completion"), {"order=1"}) == 0);
    auto r = k.unload("deadlock_completion");
    CHECK(r.exit_finished);
    CHECK(k.log_contains("deadlock_completion: a finished"));
    CHECK(k.log_contains("deadlock_completion: b finished"));
    CHECK_FALSE(k.log_contains("kshim: deadlock"));
    CHECK(k.bugs() == 0);
}

TEST_CASE("An AB-BA mutex deadlock names each mutex's owner and the wait-for cycle", "[sched]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("deadlock_abba")) == 0);
    auto r = k.unload("deadlock_abba");
    CHECK_FALSE(r.exit_finished);
    CHECK(has_match(k, R"(^kshim: abba_one:(\d+) \(state D\) waits for mutex lock_b\+0x0/0x[0-9a-f]+ \[deadlock_abba\], held by abba_two:\d+$)"));
    CHECK(has_match(k, R"(^kshim: abba_two:(\d+) \(state D\) waits for mutex lock_a\+0x0/0x[0-9a-f]+ \[deadlock_abba\], held by abba_one:\d+$)"));
    CHECK(has_match(k, R"(^kshim: wait-for cycle: rmmod:\d+ -> abba_one:\d+ -> abba_two:\d+ -> abba_one:\d+$|^kshim: wait-for cycle: abba_one:\d+ -> abba_two:\d+ -> abba_one:\d+$)"));
    CHECK(k.log_contains("Showing all locks held in the system:"));
    CHECK_FALSE(k.log_contains("INFO: task"));
}

TEST_CASE("Two kthreads taking two mutexes in one order finish without a report", "[sched]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("deadlock_abba"), {"order=1"}) == 0);
    CHECK(k.unload("deadlock_abba").exit_finished);
    CHECK(k.log_contains("deadlock_abba: one finished"));
    CHECK(k.log_contains("deadlock_abba: two finished"));
    CHECK_FALSE(k.log_contains("deadlock:"));
}

TEST_CASE("An init waiting in TASK_INTERRUPTIBLE on a wait queue nobody wakes is a deadlock in state S", "[sched]")
{
    TestKernel k;
    CHECK(k.load(test_module("wait_forever")) == -EDEADLK);
    CHECK(has_match(k, R"(^kshim: insmod:100 \(state S\) waits for wait queue never_wq\+0x0/0x[0-9a-f]+ \[wait_forever\]$)"));
    CHECK(has_match(k, R"(^task:insmod +state:S stack:0 +pid:100)"));
    CHECK_FALSE(k.log_contains("INFO: task"));
    CHECK(k.now_ns() == 0);
}

TEST_CASE("The runner ends a deadlocked unload with rmmod's error and status 1, at once", "[sched]")
{
    for (std::string name : {"deadlock_abba", "deadlock_completion"}) {
        INFO(name);
        auto r = kshim_test::run_process({kshim_test::kshim_run(), test_module(name), "--time", "virtual"}, 20000);
        REQUIRE_FALSE(r.timed_out);
        CHECK(r.exit_code == 1);
        CHECK(std::regex_search(r.out, std::regex(R"(\[    0\.[0-9]+\] kshim: deadlock: every task is blocked and nothing can wake one)")));
        CHECK(r.out.find("kshim: wait-for cycle: ") != std::string::npos);
        CHECK(r.err.find("rmmod: ERROR: module_exit of " + name + " did not return") != std::string::npos);
    }
}

TEST_CASE("The runner option --hung-task-timeout sets khungtaskd's period", "[sched]")
{
    auto r = kshim_test::run_process({kshim_test::kshim_run(), test_module("wait_forever"), "state=2", "tick=1", "--time",
                                      "virtual", "--hung-task-timeout", "10"},
                                     20000);
    REQUIRE_FALSE(r.timed_out);
    auto t = kshim_test::texts_of(r.out);
    CHECK(kshim_test::index_of(t, "INFO: task insmod:100 blocked for more than 10 seconds.") < t.size());
    CHECK(r.out.find("[   20.000000] INFO: task insmod:100") != std::string::npos);
}
