// The KUnit runner: a module's suites at load, each case in its own task, KTAP as 6.1 prints it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include <fstream>
#include <sys/stat.h>
#include <unistd.h>
#include <cstdlib>

#include "kernel.hpp"
#include "kshim/testing.hpp"
#include "kunit/kunit.hpp"
#include "support/subprocess.hpp"

using kshim::testing::TestKernel;
using kshim_test::test_module;

namespace {

// kshim-run on one module in virtual time; the source paths of failure lines shortened to the
// file name (they are the build's relative paths).
kshim_test::ProcResult run_kunit(const std::string &module)
{
    kshim_test::ProcResult r = kshim_test::run_process(
        {kshim_test::kshim_run(), "--time", "virtual", "--no-timestamps", test_module(module)});
    r.out = std::regex_replace(r.out, std::regex(R"(at \S*/(kunit_\w+\.c):)"), "at $1:");
    return r;
}

}  // namespace

TEST_CASE("A module's passing KUnit suites print 6.1's KTAP: plain and parameterised cases, stats, totals", "[kunit]")
{
    kshim_test::ProcResult r = run_kunit("kunit_pass");
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.err == "");
    CHECK(r.exit_code == 0);
    CHECK(r.out == R"(KTAP version 1
1..2
    KTAP version 1
    # Subtest: kshim-pass
    1..4
    # pass_compare: exit sees 42
    ok 1 pass_compare
    # pass_pointers: exit sees 40
    ok 2 pass_pointers
        KTAP version 1
        # Subtest: pass_widths
    # pass_widths: exit sees 40
        ok 1 u8
    # pass_widths: exit sees 40
        ok 2 u16
    # pass_widths: exit sees 40
        ok 3 u32
    # pass_widths: pass:3 fail:0 skip:0 total:3
    ok 3 pass_widths
        KTAP version 1
        # Subtest: pass_primes
    # pass_primes: exit sees 40
        ok 1 param-0
    # pass_primes: exit sees 40
        ok 2 param-1
    # pass_primes: exit sees 40
        ok 3 param-2
    # pass_primes: pass:3 fail:0 skip:0 total:3
    ok 4 pass_primes
# kshim-pass: pass:4 fail:0 skip:0 total:4
# Totals: pass:8 fail:0 skip:0 total:8
ok 1 kshim-pass
    KTAP version 1
    # Subtest: kshim-single
    1..1
    ok 1 single_case
ok 2 kshim-single
kunit_pass: init, suite_init ran 1 time(s)
kunit_pass: exit
)");
}

TEST_CASE("Failed KUnit checks print 6.1's EXPECTATION FAILED blocks and fail the run", "[kunit]")
{
    kshim_test::ProcResult r = run_kunit("kunit_fail");
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.err == "");
    CHECK(r.exit_code == 1);
    CHECK(r.out == R"(KTAP version 1
1..3
    KTAP version 1
    # Subtest: kshim-fail
    1..7
    # fail_ints: EXPECTATION FAILED at kunit_fail.c:17
    Expected a == b, but
        a == 3
        b == 4
    # fail_ints: EXPECTATION FAILED at kunit_fail.c:18
    Expected a == 5, but
        a == 3
    # fail_ints: EXPECTATION FAILED at kunit_fail.c:19
    Expected b < a, but
        b == 4
        a == 3
b is 4
    not ok 1 fail_ints
    # fail_bools: EXPECTATION FAILED at kunit_fail.c:26
    Expected zero to be true, but is false
    # fail_bools: EXPECTATION FAILED at kunit_fail.c:27
    Expected !zero to be false, but is true

zero is 0
    # fail_bools: EXPECTATION FAILED at kunit_fail.c:28
explicit failure 7
    not ok 2 fail_bools
    # fail_pointers: EXPECTATION FAILED at kunit_fail.c:36
    Expected none != ((void *)0), but
        none == 0000000000000000
        ((void *)0) == 0000000000000000
    # fail_pointers: EXPECTATION FAILED at kunit_fail.c:37
    Expected none is not null, but is
    # fail_pointers: EXPECTATION FAILED at kunit_fail.c:38
    Expected err is not error, but is: -12
    not ok 3 fail_pointers
    # fail_strings: EXPECTATION FAILED at kunit_fail.c:45
    Expected name == "linux", but
        name == "kshim"
    # fail_strings: EXPECTATION FAILED at kunit_fail.c:46
    Expected name != "kshim", but
        name == "kshim"
    not ok 4 fail_strings
    # fail_assert: ASSERTION FAILED at kunit_fail.c:53
    Expected got >= 0, but
        got == -1
    not ok 5 fail_assert
    ok 6 skip_case # SKIP needs hardware
    ok 7 exits_counted
# kshim-fail: pass:1 fail:5 skip:1 total:7
# Totals: pass:1 fail:5 skip:1 total:7
not ok 1 kshim-fail
    KTAP version 1
    # Subtest: kshim-param-fail
    1..1
        KTAP version 1
        # Subtest: positive
        ok 1 param-0
    # positive: EXPECTATION FAILED at kunit_fail.c:94
    Expected *v > 0, but
        *v == -2
        not ok 2 param-1
        ok 3 param-2
    # positive: pass:2 fail:1 skip:0 total:3
    not ok 1 positive
# Totals: pass:2 fail:1 skip:0 total:3
not ok 2 kshim-param-fail
    # kshim-refused:     # failed to initialize (-19)
not ok 3 kshim-refused
)");
}

TEST_CASE("A failed assertion ends its case's task and kunit_skip ends the case as skipped", "[kunit]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("kunit_fail")) == 0);
    CHECK_FALSE(k.log_contains("not reached"));
    CHECK(k.log_contains("    ok 6 skip_case # SKIP needs hardware"));
    // suite->exit ran after the aborted case too: exits_counted saw six exits.
    CHECK(k.log_contains("    ok 7 exits_counted"));
    CHECK(k.bugs() == 0);
}

TEST_CASE("Suites run before the module's init, and what kunit_kmalloc gave is freed when each case ends", "[kunit]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("kunit_pass")) == 0);
    CHECK(k.live_allocations() == 0);
    std::vector<std::string> log = k.log_texts();
    REQUIRE(log.size() >= 2);
    CHECK(log[log.size() - 2] == "ok 2 kshim-single");
    CHECK(log.back() == "kunit_pass: init, suite_init ran 1 time(s)");
    CHECK(k.unload("kunit_pass").leaks == 0);
}

TEST_CASE("kunit_kfree frees a case's block early, and fails the case for a block it did not give", "[kunit]")
{
    TestKernel k;
    kshim::Kunit &ku = k.kernel().kunit();
    kunit test{};
    kshim::Kunit::init_test(&test, "managed", nullptr);
    static int not_managed;
    k.run_task([&] {
        void *a = ku.alloc(&test, 2, 8, 0, 0);
        void *b = ku.alloc(&test, 1, 16, 0, 0);
        CHECK(k.live_allocations() == 2);
        ku.free(&test, a);
        CHECK(k.live_allocations() == 1);
        CHECK(test.status == KUNIT_SUCCESS);
        ku.free(&test, &not_managed);
        ku.cleanup(&test);
        (void)b;
        return 0L;
    });
    CHECK(k.live_allocations() == 0);
    CHECK(test.status == KUNIT_FAILURE);
    CHECK(k.log_contains("    # managed: EXPECTATION FAILED at lib/kunit/test.c:741\n"
                         "kunit_kfree: "));
    CHECK(k.log_contains(" already freed or not allocated by kunit"));
}

// Linux 6.1's own KTAP parser, from Debian's linux-source-6.1, when it is installed.
TEST_CASE("The kernel's kunit.py parse counts kshim's KTAP as the runner does", "[kunit]")
{
    const std::string parser = "/usr/src/linux-source-6.1/tools/testing/kunit/kunit.py";
    struct stat st;
    if (stat(parser.c_str(), &st) != 0) {
        WARN("kunit.py not installed (linux-source-6.1): parser check skipped");
        return;
    }
    kshim_test::ProcResult run = run_kunit("kunit_fail");
    std::string path = "/tmp/kshim_kunit_ktap_XXXXXX";
    int fd = mkstemp(path.data());
    REQUIRE(fd >= 0);
    close(fd);
    std::ofstream(path) << run.out;
    kshim_test::ProcResult r = kshim_test::run_process({"/usr/bin/python3", parser, "parse", path}, 60000);
    unlink(path.c_str());
    REQUIRE_FALSE(r.timed_out);
    // kshim-fail: 1 pass, 5 fail, 1 skip; kshim-param-fail: 2 pass, 1 fail; kshim-refused: 1 fail.
    CHECK_THAT(r.out, Catch::Contains("Testing complete. Ran 11 tests: passed: 3, failed: 7, skipped: 1"));
    CHECK_THAT(r.out, Catch::Contains("[SKIPPED] skip_case"));
}

TEST_CASE("A case that never returns fails after 300 s and the suite goes on, as 6.1's try-catch", "[kunit]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("kunit_timeout")) == 0);
    std::vector<std::string> log = k.log_texts();
    std::vector<std::string> want = {"    # sleeps_forever: try timed out",
                                     "    # sleeps_forever: test case timed out", "    not ok 1 sleeps_forever",
                                     "    ok 2 runs_after"};
    auto plan = std::find(log.begin(), log.end(), "    1..2");
    auto at = std::search(plan, log.end(), want.begin(), want.end());
    CHECK(plan != log.end());
    CHECK(at != log.end());
    // Meanwhile insmod waits uninterruptibly (6.1's wait_for_completion_timeout), so khungtaskd
    // reports it, as on a 6.1 kernel with its default 120 s timeout.
    auto hung = std::find(plan, at, "INFO: task insmod:100 blocked for more than 120 seconds.");
    CHECK(hung != at);
    // 300 s of jiffies, rounded up by the timer wheel's level-4 granularity (4096 jiffies at HZ=250).
    CHECK(k.now_ns() >= 300'000'000'000ull);
    CHECK(k.now_ns() < 320'000'000'000ull);
    CHECK_FALSE(k.log_contains("woken"));
}

TEST_CASE("Resources, deferred actions, static stubs and the post-6.1 macros behave as in KUnit", "[kunit]")
{
    kshim_test::ProcResult r = run_kunit("kunit_resources");
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("    1..10\n    ok 1 resources_named\n    ok 2 resources_allocated\n"
                                      "    ok 3 resources_released_at_end\n    ok 4 actions_run\n"
                                      "    ok 5 actions_ran_last_first\n    ok 6 stubs_redirect\n"
                                      "    ok 7 stubs_gone_after_case\n    ok 8 mem_equal\n    ok 9 slow_case\n"));
    // KUNIT_ARRAY_PARAM_DESC names each parameter by its member.
    CHECK_THAT(r.out, Catch::Contains("        ok 1 one\n        ok 2 two\n"));
    CHECK_THAT(r.out, Catch::Contains("ok 1 kshim-resources\n"));
}

TEST_CASE("A BUG or an oops fails only its case, a missing API skips it, and the suite goes on", "[kunit]")
{
    kshim_test::ProcResult r = run_kunit("kunit_crash");
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "");
    CHECK_THAT(r.out, Catch::Contains("kernel BUG at "));
    CHECK_THAT(r.out, Catch::Contains("    # bug_case: try faulted\n"
                                      "    # bug_case: internal error occurred preventing test case from running: -4\n"
                                      "    not ok 1 bug_case\n"));
    CHECK_THAT(r.out, Catch::Contains("BUG: kernel NULL pointer dereference, address: 0000000000000000"));
    CHECK_THAT(r.out, Catch::Contains("    # null_case: try faulted\n"));
    CHECK_THAT(r.out, Catch::Contains("    not ok 2 null_case\n"));
    // As 6.1: a WARNING or a leak does not fail a case by default.
    CHECK_THAT(r.out, Catch::Contains("    ok 3 warn_case\n    ok 4 leak_case\n"));
    CHECK_THAT(r.out, Catch::Contains("    ok 5 lacking_case # SKIP kshim does not implement frobnicate\n"));
    CHECK_THAT(r.out, Catch::Contains("/kunit_crash.c:48: negative value -3\n    not ok 6 fail_current_case\n"));
    CHECK_THAT(r.out, Catch::Contains("    Expected a == c, but\n        a ==\n         01 <02> 03 \n"
                                      "        c ==\n         01 <09> 03 \n    not ok 7 mem_case\n"));
    // suite->exit ran after every case but the two whose tasks died.
    CHECK_THAT(r.out, Catch::Contains("    ok 8 after_all\n# kshim-crash: pass:3 fail:4 skip:1 total:8\n"));
}

TEST_CASE("The runner's --strict fails a case during which a WARNING is reported or an object leaks", "[kunit]")
{
    kshim_test::ProcResult r = kshim_test::run_process(
        {kshim_test::kshim_run(), "--time", "virtual", "--raw", "--strict", test_module("kunit_crash")});
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Catch::Contains("    # warn_case: kshim: 1 report(s) during the case (--strict)\n"
                                      "    not ok 3 warn_case\n"));
    CHECK_THAT(r.out, Catch::Contains("    # leak_case: kshim: 1 object(s) leaked by the case (--strict)\n"
                                      "    not ok 4 leak_case\n"));
}

TEST_CASE("The runner's --filter runs the suites and cases its suite.case glob matches, renumbered", "[kunit]")
{
    kshim_test::ProcResult r = kshim_test::run_process({kshim_test::kshim_run(), "--time", "virtual", "--raw",
                                                        "--filter", "kshim-res*.*stub*", test_module("kunit_resources")});
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 0);
    CHECK(r.out == R"(KTAP version 1
1..1
    KTAP version 1
    # Subtest: kshim-resources
    1..2
    ok 1 stubs_redirect
    ok 2 stubs_gone_after_case
# kshim-resources: pass:2 fail:0 skip:0 total:2
# Totals: pass:2 fail:0 skip:0 total:2
ok 1 kshim-resources
)");
    // A filter that selects no suite runs none; the passing suites of a failing module pass alone.
    r = kshim_test::run_process({kshim_test::kshim_run(), "--time", "virtual", "--raw", "--filter", "none",
                                 test_module("kunit_resources")});
    CHECK(r.out == "");
    r = kshim_test::run_process({kshim_test::kshim_run(), "--time", "virtual", "--raw", "--filter",
                                 "kshim-crash.after_all", test_module("kunit_crash")});
    CHECK(r.exit_code == 1);   // it counts exits of cases that did not run: fails alone
    r = kshim_test::run_process({kshim_test::kshim_run(), "--time", "virtual", "--raw", "--filter",
                                 "kshim-crash.warn_case", test_module("kunit_crash")});
    CHECK(r.exit_code == 0);
}

TEST_CASE("The runner's --list prints suite.case lines after a KTAP header and runs nothing; --raw drops kshim's lines", "[kunit]")
{
    kshim_test::ProcResult r = kshim_test::run_process(
        {kshim_test::kshim_run(), "--time", "virtual", "--raw", "--list", test_module("kunit_pass")});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "KTAP version 1\nkshim-pass.pass_compare\nkshim-pass.pass_pointers\nkshim-pass.pass_widths\n"
                   "kshim-pass.pass_primes\nkshim-single.single_case\n"
                   "kunit_pass: init, suite_init ran 0 time(s)\nkunit_pass: exit\n");
    r = kshim_test::run_process({kshim_test::kshim_run(), "--time", "virtual", "--raw", test_module("kunit_crash")});
    CHECK_THAT(r.out, !Catch::Contains("kshim: end of run"));
    CHECK_THAT(r.out, !Catch::Contains("[    0."));
}

TEST_CASE("An assertion inside a kunit_try_catch_run thread ends that thread, runs catch, and fails the case once", "[kunit]")
{
    kshim_test::ProcResult r = run_kunit("kunit_nested_assert");
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Catch::Contains("    # nested_assert: ASSERTION FAILED at kunit_nested_assert.c:12\n"
                                      "    Expected 1 + 1 == 3, but\n"));
    CHECK_THAT(r.out, Catch::Contains("    # nested_assert: caught 1, result 0\n    not ok 1 nested_assert\n"));
    CHECK_FALSE(r.out.find("went on after its assertion") != std::string::npos);
    // suite->exit ran once for the failed case (runs_after checks the count), not twice.
    CHECK_THAT(r.out, Catch::Contains("    ok 2 runs_after\n"));
}
