// Tests for the Catch2 glue (shim/src/testing/catch2/glue.cpp): the log matchers, their failure text, KSHIM_TEST_CASE's report check.
#include "kshim/catch2.hpp"

#include <algorithm>
#include <string>

#include "support/subprocess.hpp"

using kshim::testing::LogContains;
using kshim::testing::LogCount;
using kshim::testing::LogMatcher;
using kshim::testing::LogMatches;
using kshim::testing::LogSequence;
using kshim::testing::TestKernel;
using kshim_test::test_module;

namespace {

constexpr const char *kCustomWq = KSHIM_SAMPLES_BIN "/custom_workqueue/custom_workqueue.ko";

// custom_workqueue run for 5 virtual seconds: two iterations, then module_exit.
void run_sample(TestKernel &k)
{
    REQUIRE(k.load(kCustomWq) == 0);
    k.run_for(5'000'000'000ull);
    k.unload("custom_workqueue");
}

// What a failed CHECK_THAT(k, m) prints after the expression: "<kernel> <describe()>".
std::string failure_text(const LogMatcher &m, const TestKernel &k)
{
    REQUIRE_FALSE(m.match(k));
    return m.describe();
}

}  // namespace

TEST_CASE("The log matchers find texts, regexes, ordered sequences and counts", "[testing]")
{
    TestKernel k;
    run_sample(k);
    CHECK_THAT(k, LogContains("do_work1 ....."));
    CHECK_THAT(k, LogMatches(R"(^threadfn data: 10, count: \d+$)"));
    CHECK_THAT(k, LogSequence({"thread create success", "count: 1", "do_work1", "do_work2", "count: 2", "test_kobj_exit"}));
    CHECK_THAT(k, LogCount("do_work2", 2));
    CHECK_THAT(k, LogCount("threadfn data", 2).at_level(6));
    CHECK_THAT(k, LogCount("threadfn data", 0).at_level(3));
    CHECK_THAT(k, !LogContains("do_work3"));
    // Out of order, the sequence does not match.
    CHECK_FALSE(LogSequence({"count: 2", "count: 1"}).match(k));
    CHECK_FALSE(LogCount("do_work2", 3).match(k));
    CHECK_FALSE(LogMatches("^do_work[3-9]").match(k));
}

TEST_CASE("A failed log matcher says what it sought and shows the relevant log tail", "[testing]")
{
    TestKernel k;
    run_sample(k);
    std::string contains = failure_text(LogContains("do_work3"), k);
    const size_t n = k.log().size();
    CHECK(contains.rfind("has a record containing \"do_work3\"\nthe log's last " + std::to_string(std::min<size_t>(n, 20)) +
                             " of " + std::to_string(n) + " records:",
                         0) == 0);
    CHECK(contains.find("\n  [    4.032000] <6> mythread:101 cpu") != std::string::npos);
    CHECK(contains.find("| threadfn data: 10, count: 2") != std::string::npos);

    std::string seq = failure_text(LogSequence({"count: 1", "count: 2", "count: 3"}), k);
    CHECK(seq.find("the first 2 found, the last of them at record 5; \"count: 3\" never after it") != std::string::npos);

    std::string count = failure_text(LogCount("do_work1", 5), k);
    CHECK(count.find("has exactly 5 records containing \"do_work1\"\nfound 2\n") == 0);
}

KSHIM_TEST_CASE("KSHIM_TEST_CASE passes a test whose reports were all expected", "[testing]")
{
    TestKernel &k = kernel();
    expect_report("warn", 2);
    REQUIRE(k.load(test_module("debug_warn")) == 0);
    CHECK(k.warnings() == 2);
}

KSHIM_TEST_CASE("KSHIM_TEST_CASE passes a test with no report at all", "[testing]")
{
    REQUIRE(kernel().load(test_module("debug_warn"), {"zero=1"}) == 0);
    CHECK(kernel().reports().empty());
    CHECK(check_reports());
}

// The next three must fail, each by the fixture's check alone ([!shouldfail] inverts it).
KSHIM_TEST_CASE("KSHIM_TEST_CASE fails a test on an unexpected WARNING", "[testing][!shouldfail]")
{
    REQUIRE(kernel().load(test_module("debug_warn")) == 0);
}

KSHIM_TEST_CASE("KSHIM_TEST_CASE fails a test on a report beyond the expected number", "[testing][!shouldfail]")
{
    expect_report("warning", 1);
    REQUIRE(kernel().load(test_module("debug_warn")) == 0);
}

KSHIM_TEST_CASE("KSHIM_TEST_CASE fails a test whose expected report never came", "[testing][!shouldfail]")
{
    expect_report("unload-leftover");
    REQUIRE(kernel().load(test_module("debug_warn"), {"zero=1"}) == 0);
}
