// The Catch2 glue of <kshim/catch2.hpp>: log matchers, the log tail on failure, KSHIM_TEST_CASE's report check.
#include "kshim/catch2.hpp"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <regex>

namespace kshim::testing {

namespace {

std::string quoted(const std::vector<std::string> &v)
{
    std::string out;
    for (const std::string &s : v)
        out += (out.empty() ? "\"" : ", \"") + s + "\"";
    return out;
}

std::string seconds(uint64_t ns)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%5llu.%06llu", (unsigned long long)(ns / 1000000000ull),
                  (unsigned long long)(ns % 1000000000ull / 1000));
    return buf;
}

}  // namespace

std::string format_log_line(const LogLine &l)
{
    return "[" + seconds(l.ts_ns) + "] <" + std::to_string(l.level) + "> " + l.task + ":" + std::to_string(l.pid) +
           " cpu" + std::to_string(l.cpu) + " | " + l.text;
}

std::string log_tail(const TestKernel &k, size_t n)
{
    std::vector<LogLine> log = k.log();
    size_t from = log.size() > n ? log.size() - n : 0;
    std::string out = "the log's last " + std::to_string(log.size() - from) + " of " + std::to_string(log.size()) +
                      " records:";
    for (size_t i = from; i < log.size(); ++i)
        out += "\n  " + format_log_line(log[i]);
    return out;
}

std::string format_report(const Report &r)
{
    std::string where = r.function.empty() ? std::string() : " at " + r.function + (r.module.empty() ? "" : " [" + r.module + "]");
    return r.kind + " (" + r.detector + ") in " + r.task + ":" + std::to_string(r.pid) + where + ": " + r.text;
}

LogMatcher::LogMatcher(Mode mode, std::vector<std::string> needles, size_t count)
    : mode_(mode), needles_(std::move(needles)), count_(count)
{
}

LogMatcher &LogMatcher::at_level(int level)
{
    level_ = level;
    return *this;
}

bool LogMatcher::hits(const std::string &text, size_t needle) const
{
    if (mode_ == Mode::Regex)
        return std::regex_search(text, std::regex(needles_[needle]));
    return text.find(needles_[needle]) != std::string::npos;
}

// Walks the log once: counts hits of the first needle, or advances through the sequence. What
// it found goes to found_: the log's tail, or what follows the last record of the sequence.
bool LogMatcher::match(const TestKernel &k) const
{
    std::vector<LogLine> log = k.log();
    size_t hits_seen = 0, next = 0, last = 0;
    for (size_t i = 0; i < log.size(); ++i) {
        if (level_ && log[i].level != *level_)
            continue;
        size_t want = mode_ == Mode::Sequence ? next : 0;
        if (want < needles_.size() && hits(log[i].text, want)) {
            ++hits_seen;
            last = i;
            next += mode_ == Mode::Sequence;
        }
    }
    bool ok = mode_ == Mode::Sequence ? next == needles_.size()
              : mode_ == Mode::Count  ? hits_seen == count_
                                      : hits_seen > 0;
    if (mode_ == Mode::Sequence && !ok) {
        found_ = next ? "the first " + std::to_string(next) + " found, the last of them at record " +
                            std::to_string(last) + "; \"" + needles_[next] + "\" never after it\n"
                      : "not even \"" + needles_[0] + "\"\n";
    } else if (mode_ == Mode::Count) {
        found_ = "found " + std::to_string(hits_seen) + "\n";
    } else {
        found_.clear();
    }
    found_ += log_tail(k);
    return ok;
}

std::string LogMatcher::describe() const
{
    std::string lvl = level_ ? " at level " + std::to_string(*level_) : std::string();
    std::string what;
    switch (mode_) {
    case Mode::Contains:
        what = "has a record" + lvl + " containing " + quoted(needles_);
        break;
    case Mode::Regex:
        what = "has a record" + lvl + " matching /" + needles_[0] + "/";
        break;
    case Mode::Sequence:
        what = "has records" + lvl + " containing, in order, " + quoted(needles_);
        break;
    case Mode::Count:
        what = "has exactly " + std::to_string(count_) + " records" + lvl + " containing " + quoted(needles_);
        break;
    }
    return what + "\n" + found_;
}

LogMatcher LogContains(const std::string &text) { return LogMatcher(LogMatcher::Mode::Contains, {text}); }
LogMatcher LogMatches(const std::string &regex) { return LogMatcher(LogMatcher::Mode::Regex, {regex}); }
LogMatcher LogSequence(const std::vector<std::string> &texts) { return LogMatcher(LogMatcher::Mode::Sequence, texts); }
LogMatcher LogCount(const std::string &text, size_t count) { return LogMatcher(LogMatcher::Mode::Count, {text}, count); }

KernelTest::~KernelTest()
{
    // A test ending by an exception (a failed REQUIRE) has failed already: no second verdict.
    if (!checked_ && kernel_ && std::uncaught_exceptions() == 0)
        check_reports();
}

TestKernel &KernelTest::kernel(const Config &cfg)
{
    if (!kernel_)
        kernel_.emplace(cfg);
    return *kernel_;
}

void KernelTest::expect_report(const std::string &kind_or_detector, unsigned n)
{
    expected_.emplace_back(kind_or_detector, n);
}

// Each report uses up one expectation of its kind or detector; what is left over either way
// fails the test.
bool KernelTest::check_reports()
{
    checked_ = true;
    if (!kernel_)
        return true;
    std::vector<std::pair<std::string, unsigned>> left = expected_;
    std::string unexpected;
    for (const Report &r : kernel_->reports()) {
        auto it = std::find_if(left.begin(), left.end(), [&](const auto &e) {
            return e.second > 0 && (e.first == r.kind || e.first == r.detector);
        });
        if (it != left.end())
            --it->second;
        else
            unexpected += "\n  " + format_report(r);
    }
    std::string missing;
    for (const auto &[what, n] : left)
        if (n)
            missing += "\n  " + std::to_string(n) + " more " + what;
    if (unexpected.empty() && missing.empty())
        return true;
    FAIL_CHECK((unexpected.empty() ? "" : "unexpected reports:" + unexpected + "\n") +
               (missing.empty() ? "" : "expected reports that never came:" + missing + "\n") + log_tail(*kernel_));
    return false;
}

// explore()'s Catch2 listener (explore_probe.cpp) comes with the glue: a test with its own main()
// that uses the matchers or KSHIM_TEST_CASE keeps it in a static link too.
bool explore_probe_linked();
[[maybe_unused]] static const bool explore_probe = explore_probe_linked();

}  // namespace kshim::testing

std::string Catch::StringMaker<kshim::testing::TestKernel>::convert(const kshim::testing::TestKernel &k)
{
    return "the kernel's log (" + std::to_string(k.log().size()) + " records)";
}
