// Catch2 (2.13) glue for <kshim/testing.hpp>: log matchers that show the log's tail on failure, and KSHIM_TEST_CASE.
#pragma once

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "testing.hpp"

namespace kshim::testing {

// "[    2.016000] <6> mythread:101 cpu0 | threadfn data: 10, count: 1": a record as failures show it.
std::string format_log_line(const LogLine &l);
// The last n records of k's log, one formatted line each, under a heading that says how many
// there are in all.
std::string log_tail(const TestKernel &k, size_t n = 20);
// One report as failures show it: "warning (warn) in insmod:100 at my_init [mydrv]: WARNING: ...".
std::string format_report(const Report &r);

// The log matchers: CHECK_THAT(k, LogContains("do_work1")). Each matches the printk records of
// a TestKernel by their text; on failure, the expansion names what was sought and what it
// found, and shows the part of the log that matters (its tail, or what follows the last record
// of a sequence that was found). `level` (0-7), when given, keeps only records at that level.
class LogMatcher : public Catch::MatcherBase<TestKernel> {
public:
    enum class Mode {
        Contains,   // some record's text contains the first needle
        Regex,      // some record's text matches the first needle as an ECMAScript regex (search)
        Sequence,   // records containing each needle in turn, in this order (others between)
        Count,      // exactly `count` records contain the first needle
    };
    LogMatcher(Mode mode, std::vector<std::string> needles, size_t count = 0);
    // Only records at this printk level (KERN_ERR is 3, KERN_INFO 6) count.
    LogMatcher &at_level(int level);
    bool match(const TestKernel &k) const override;
    std::string describe() const override;

private:
    bool hits(const std::string &text, size_t needle) const;
    Mode mode_;
    std::vector<std::string> needles_;
    size_t count_;
    std::optional<int> level_;
    mutable std::string found_;   // what match() saw, for describe()
};

LogMatcher LogContains(const std::string &text);
LogMatcher LogMatches(const std::string &regex);
LogMatcher LogSequence(const std::vector<std::string> &texts);
LogMatcher LogCount(const std::string &text, size_t count);

// The fixture KSHIM_TEST_CASE gives a test: a kernel made on first use, and a check at the end
// of the test that fails it on any BUG or WARNING report the test did not announce with
// expect_report(), listing each unexpected report and the log's tail.
class KernelTest {
public:
    KernelTest() = default;
    ~KernelTest();
    KernelTest(const KernelTest &) = delete;
    KernelTest &operator=(const KernelTest &) = delete;

    // The test's kernel, made with cfg on the first call (later calls' cfg is ignored).
    TestKernel &kernel(const Config &cfg = {});
    // n reports of this kind or detector ("warning", "lockdep", "unload-leftover") are expected:
    // they do not fail the test, and fewer than n fail it.
    void expect_report(const std::string &kind_or_detector, unsigned n = 1);
    // The check the destructor makes, callable earlier (before unloading, say): false, and the
    // test marked failed, when there is a report nobody expected or an expected one is missing.
    bool check_reports();

private:
    std::optional<TestKernel> kernel_;
    std::vector<std::pair<std::string, unsigned>> expected_;
    bool checked_ = false;
};

}  // namespace kshim::testing

namespace Catch {
template <>
struct StringMaker<kshim::testing::TestKernel> {
    static std::string convert(const kshim::testing::TestKernel &k);
};
template <>
struct StringMaker<kshim::testing::LogLine> {
    static std::string convert(const kshim::testing::LogLine &l) { return kshim::testing::format_log_line(l); }
};
}  // namespace Catch

// A Catch2 TEST_CASE with a KernelTest fixture: kernel(), expect_report(), and the report check
// at its end.
#define KSHIM_TEST_CASE(...) TEST_CASE_METHOD(kshim::testing::KernelTest, __VA_ARGS__)
