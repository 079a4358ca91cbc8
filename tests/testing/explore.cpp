// Tests for the test API's exploration (shim/src/testing/explore.cpp): races FIFO passes and explore() finds, replay by seed, byte-identical logs.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kshim/testing.hpp"
#include "support/sanitizer.hpp"
#include "support/subprocess.hpp"

using kshim::testing::Config;
using kshim::testing::ExploreResult;
using kshim::testing::TestKernel;
using kshim_test::test_module;

namespace {

// explore_counter: two kthreads' unlocked increments across cond_resched(); init warns when
// some were lost. The check: the load worked and nothing was reported.
bool counter_run(TestKernel &k)
{
    if (k.load(test_module("explore_counter")) != 0)
        return false;
    return k.unload("explore_counter").error == 0;
}

// explore_uaf: module_exit frees what a last work item uses, without cancel_work_sync(). The
// check: after the unload, no report (explore() also fails a run on any BUG or WARNING).
bool uaf_run(TestKernel &k)
{
    if (k.load(test_module("explore_uaf")) != 0)
        return false;
    k.run_for(250'000'000);
    k.unload("explore_uaf");
    k.run_for(1'000'000'000);
    return true;
}

// The failing run's log, one line each, for the failure message.
std::string log_of(const ExploreResult &r)
{
    std::string out;
    for (const std::string &l : r.log)
        out += l + "\n";
    return out;
}

}  // namespace

TEST_CASE("FIFO passes the unlocked counter, and explore finds the lost update within 1000 runs", "[testing]")
{
    {
        TestKernel fifo;   // one kernel at a time: explore() makes its own
        REQUIRE(counter_run(fifo));
        CHECK(fifo.warnings() == 0);
        CHECK(fifo.log_contains("explore_counter: counter 200"));
    }
    for (const char *sched : {"random", "pct:3"}) {
        Config cfg;
        cfg.sched = sched;
        ExploreResult r = kshim::testing::explore(1000, counter_run, cfg);
        INFO(sched << ": " << r.describe() << "\n" << log_of(r));
        REQUIRE(r.failed);
        CHECK(r.why.find("WARNING") != std::string::npos);
        CHECK(r.why.find("increments lost") != std::string::npos);
        ExploreResult again = kshim::testing::replay(r.seed, counter_run, cfg);
        CHECK(again.failed);
        CHECK(again.log == r.log);   // the same interleaving, the same log, byte for byte
    }
}

TEST_CASE("FIFO passes the work item that outlives its memory, and explore finds it within 1000 runs", "[testing]")
{
    KSHIM_SKIP_UNDER_ASAN("the use after free is ASan's own report there, which ends the process explore runs in");
    {
        TestKernel fifo;
        REQUIRE(uaf_run(fifo));
        CHECK(fifo.bugs() == 0);
        CHECK(fifo.warnings() == 0);
        CHECK(fifo.log_contains("explore_uaf: "));
    }
    ExploreResult r = kshim::testing::explore(1000, uaf_run);
    INFO(r.describe());
    REQUIRE(r.failed);
    CHECK(r.runs < 1000);
    ExploreResult again = kshim::testing::replay(r.seed, uaf_run);
    CHECK(again.why == r.why);
    CHECK(again.log == r.log);
}

TEST_CASE("A replay's result names the seed and the call that reproduces it", "[testing]")
{
    ExploreResult r = kshim::testing::replay(3, [](TestKernel &) { return false; });
    CHECK(r.failed);
    CHECK(r.seed == 3);
    CHECK(r.sched == "sched=random seed=3 preempt-points=all");
    CHECK(r.describe() == "explore: run 1 (sched=random seed=3 preempt-points=all) failed: the test's check failed; "
                          "replay with kshim::testing::replay(3, fn, cfg)");
}

namespace {

// Runs one hidden test of tests/testing/fixtures/explore_assertions.cpp (a kshim::testing
// executable): its exit status (Catch2's: the number of failed tests) and output, with Catch2's
// compact reporter (one line per message, unwrapped).
kshim_test::ProcResult run_helper(const std::string &test)
{
    return kshim_test::run_process({KSHIM_EXPLORE_ASSERTIONS, "-r", "compact", test}, 60000);
}

bool has(const std::string &out, const std::string &text) { return out.find(text) != std::string::npos; }

}  // namespace

TEST_CASE("A CHECK that fails inside explore's function fails that run, stops explore and fails the test", "[testing]")
{
    kshim_test::ProcResult p = run_helper("A CHECK that fails on the third run");
    INFO(p.out << p.err);
    CHECK(p.exit_code == 1);
    CHECK(has(p.out, "RESULT failed=1 runs=3 seed=3 why=an assertion failed: CHECK( calls < 3 ) with expansion: 3 < 3 at "));
    CHECK(has(p.out, "warning: 'explore: run 3 (sched=random seed=3 preempt-points=all) failed: an assertion failed: "
                     "CHECK( calls < 3 )"));                                // explore's announcement
    CHECK(has(p.out, "replay with kshim::testing::replay(3, fn, cfg)'"));
    CHECK(has(p.out, "explore_assertions.cpp:31: failed: calls < 3 for: 3 < 3"));   // Catch2's own failure
    CHECK(has(p.out, "Failed 1 test case, failed 1 assertion."));
}

TEST_CASE("A REQUIRE that fails inside explore's function fails that run with its message", "[testing]")
{
    kshim_test::ProcResult p = run_helper("A REQUIRE that fails on the second run");
    INFO(p.out << p.err);
    CHECK(p.exit_code == 1);
    CHECK(has(p.out, "RESULT failed=1 runs=2 seed=41 why=an assertion failed: REQUIRE( ++calls != 2 ) with expansion: 2 != 2"));
    CHECK(has(p.out, "replay with kshim::testing::replay(41, fn, cfg)'"));
    CHECK(has(p.out, "explore_assertions.cpp:42: failed: ++calls != 2 for: 2 != 2"));
}

TEST_CASE("A REQUIRE that fails in a kernel task of explore's function ends the task and fails the run", "[testing]")
{
    kshim_test::ProcResult p = run_helper("A REQUIRE inside a kernel task that fails on the fourth run");
    INFO(p.out << p.err);
    CHECK(p.exit_code == 1);
    CHECK(p.term_signal == 0);   // the throw did not unwind off the task's stack (std::terminate)
    CHECK(has(p.out, "RESULT failed=1 runs=4 seed=4 why=an assertion failed: REQUIRE( ++calls != 4 ) with expansion: 4 != 4"));
}

TEST_CASE("Catch2 assertions that pass inside explore's function do not fail a run", "[testing]")
{
    kshim_test::ProcResult p = run_helper("CHECKs and REQUIREs that pass in every run");
    INFO(p.out << p.err);
    CHECK(p.exit_code == 0);
    CHECK(has(p.out, "RESULT failed=0 runs=5 seed=5 why=\n"));
    CHECK_FALSE(has(p.out, "replay with"));
}

TEST_CASE("Each explore run starts from the module's pristine statics: a run that dirties them changes no later run", "[testing]")
{
    std::vector<std::vector<std::string>> logs;
    auto run = [&logs](TestKernel &k) {
        // Runs 1 and 3 load image_state plainly; run 2 scribbles on its .data and .bss.
        const bool dirty = logs.size() == 1;
        if (k.load(test_module("image_state"), {dirty ? "dirty=1" : "dirty=0"}) != 0)
            return false;
        bool ok = k.unload("image_state").error == 0;
        logs.push_back(k.log_texts());
        return ok;
    };
    ExploreResult r = kshim::testing::explore(3, run);
    INFO(r.describe());
    REQUIRE(!r.failed);
    REQUIRE(logs.size() == 3);
    CHECK(logs[1].back().find("exit loads=-1") != std::string::npos);
    CHECK(logs[2] == logs[0]);   // byte for byte, as if run 2 never happened
    std::vector<std::string> fresh;
    {
        TestKernel k;   // a plain load outside explore(): dlopened afresh
        REQUIRE(k.load(test_module("image_state"), {"dirty=0"}) == 0);
        REQUIRE(k.unload("image_state").error == 0);
        fresh = k.log_texts();
    }
    CHECK(fresh == logs[0]);
}
