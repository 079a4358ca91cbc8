// Tests for shim/src/runner/fail_sweep.cpp: --fail-sweep runs, one line per failed call, and the summary.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "support/log_match.hpp"
#include "support/subprocess.hpp"

using namespace kshim_test;

TEST_CASE("The fail sweep fails each fallible call of a module in turn and says what each failure cost", "[runner]")
{
    ProcResult r = run_process({test_runner("fault_paths"), "--fail-sweep"}, 60000);
    CHECK(r.exit_code == 1);
    auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 6);
    CHECK(lines[0].rfind("fail-sweep: run 1: call 1 (kmalloc) from fault_paths_init+", 0) == 0);
    CHECK(lines[0].find("[fault_paths] failed; insmod: Cannot allocate memory: clean") != std::string::npos);
    CHECK(lines[1].rfind("fail-sweep: run 2: call 2 (alloc_workqueue) from fault_paths_init+", 0) == 0);
    CHECK(lines[1].find(" failed: oops") != std::string::npos);
    CHECK(lines[2].find("call 3 (kmalloc)") != std::string::npos);
    CHECK(lines[2].find(": leak") != std::string::npos);
    CHECK(lines[3].find("call 4 (kthread_create)") != std::string::npos);
    CHECK(lines[3].find(": clean") != std::string::npos);
    CHECK(lines[4] == "fail-sweep: run 5: only 4 fallible call(s); the sweep is over");
    CHECK(lines[5] == "fail-sweep: 4 run(s): 2 clean, 1 leak, 1 oops (rerun one with --fail-nth=N for its log)");
}

TEST_CASE("The fail sweep of a module with correct error paths finds every run clean", "[runner]")
{
    ProcResult r = run_process({test_runner("fault_paths"), "careful=1", "--fail-sweep"}, 60000);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("fail-sweep: 4 run(s): 4 clean") != std::string::npos);
}

TEST_CASE("The runner option --fail-nth fails one call and prints how many fallible calls the run made", "[runner]")
{
    ProcResult r = run_process({test_runner("fault_paths"), "--time", "virtual", "--run-for", "1s", "--fail-nth=3"});
    CHECK(r.exit_code == 1);
    auto texts = texts_of(r.out);
    CHECK(find_line(texts, "FAULT_INJECTION: forcing a failure.") >= 0);
    CHECK(index_of(texts, "kshim: fail-nth: call 3 (kmalloc) from fault_paths_init+") < texts.size());
    CHECK(find_line(texts, "kshim: fail-nth: 3 fallible call(s) made") >= 0);
    CHECK(r.err.find("insmod: ERROR: could not insert module fault_paths: Cannot allocate memory") != std::string::npos);
    ProcResult bad = run_process({test_runner("fault_paths"), "--fail=kmalloc:probability=200"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("invalid value for --fail: 'kmalloc:probability=200'") != std::string::npos);
}

TEST_CASE("The fail sweep shows what the seed module's unchecked create_workqueue costs: an oops", "[runner]")
{
    ProcResult r = run_process({sample_bin("custom_workqueue"), "--fail-sweep"}, 60000);
    CHECK(r.exit_code == 1);
    auto lines = lines_of(r.out);
    REQUIRE(lines.size() >= 2);
    CHECK(lines[0].rfind("fail-sweep: run 1: call 1 (alloc_workqueue) from test_kobj_init+", 0) == 0);
    CHECK(lines[0].find("[custom_workqueue] failed: oops") != std::string::npos);
    // Its unchecked kthread_create too: wake_up_process on the ERR_PTR oopses.
    CHECK(lines[1].rfind("fail-sweep: run 2: call 2 (kthread_create) from test_kobj_init+", 0) == 0);
    CHECK(lines[1].find("[custom_workqueue] failed: oops") != std::string::npos);
}
