// Tests for crash reports (shim/src/debug/crash.cpp, report.cpp): oops on a NULL dereference, stack guard page, BUG(), deadlocked init; each runs in a child process.
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include "support/log_match.hpp"
#include "support/sanitizer.hpp"
#include "support/subprocess.hpp"

using namespace kshim_test;

TEST_CASE("A NULL dereference in module code prints an oops and ends the run with status 1", "[debug]")
{
    ProcResult r = run_module("crash_null");
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 1);
    auto t = texts_of(r.out);
    // The log printed before the crash is not lost, and the oops follows it.
    size_t before = index_of(t, "crash_null: about to crash");
    size_t bug = index_of(t, "BUG: kernel NULL pointer dereference, address: 0000000000000000");
    REQUIRE(before < t.size());
    REQUIRE(bug < t.size());
    CHECK(before < bug);
    REQUIRE(bug + 4 < t.size());
    CHECK(t[bug + 1] == "#PF: supervisor read access in kernel mode");
    CHECK(t[bug + 2] == "#PF: error_code(0x0000) - not-present page");
    CHECK(t[bug + 3] == "Oops: 0000 [#1] PREEMPT SMP NOPTI");
    CHECK(std::regex_match(t[bug + 4], std::regex(R"(^CPU: 0 PID: 100 Comm: insmod Not tainted 6\.1\.0-kshim #1$)")));
    size_t rip = index_of(t, "RIP: 0010:", bug);
    REQUIRE(rip < t.size());
    CHECK(std::regex_match(t[rip], std::regex(R"(^RIP: 0010:crash_null_read(\.[a-z]+\.[0-9]+)?\+0x[0-9a-f]+/0x[0-9a-f]+ \[crash_null\]$)")));
    size_t trace = index_of(t, "Call Trace:", rip);
    REQUIRE(trace < t.size());
    CHECK(index_of(t, " crash_null_init+0x", trace) < t.size());
    CHECK(index_of(t, "---[ end trace ", trace) < t.size());
}

TEST_CASE("Endless recursion in a kthread hits the stack guard page and is reported", "[debug]")
{
    ProcResult r = run_module("crash_stack_overflow");
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 1);
    auto t = texts_of(r.out);
    size_t bug = index_of(t, "BUG: TASK stack guard page was hit at ");
    REQUIRE(bug < t.size());
    CHECK(t[bug + 1] == "stack guard page: 0000 [#1] PREEMPT SMP NOPTI");
    REQUIRE(bug + 2 < t.size());
    CHECK(std::regex_match(t[bug + 2], std::regex(R"(^CPU: 0 PID: 101 Comm: recurse Not tainted 6\.1\.0-kshim #1$)")));
    // In the ASan build the access that hits the guard is ASan's check of deep's memset (its
    // interceptor is the RIP); deep is then the interceptor's caller, in the call trace.
    const char *where = kshim::testing::kAsan ? "(RIP: 0010:| )" : "RIP: 0010:";
    CHECK(std::regex_search(r.out, std::regex(std::string(where) + R"(deep(\.[a-z]+\.[0-9]+)?\+0x[0-9a-f]+/0x[0-9a-f]+ \[crash_stack_overflow\])")));
}

TEST_CASE("BUG() prints kernel BUG at file:line and an invalid opcode oops, and the task dies", "[debug]")
{
    ProcResult r = run_module("debug_bug");
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 1);
    auto t = texts_of(r.out);
    CHECK(index_of(t, "debug_bug: before BUG") < t.size());
    CHECK(index_of(t, "debug_bug: after BUG") == t.size());
    size_t cut = index_of(t, "------------[ cut here ]------------");
    REQUIRE(cut + 2 < t.size());
    CHECK(std::regex_match(t[cut + 1], std::regex(R"(^kernel BUG at \S*debug_bug\.c:[0-9]+!$)")));
    CHECK(t[cut + 2] == "invalid opcode: 0000 [#1] PREEMPT SMP NOPTI");
    CHECK(std::regex_search(r.out, std::regex(R"(RIP: 0010:debug_bug_hit(\.[a-z]+\.[0-9]+)?\+0x[0-9a-f]+/0x[0-9a-f]+ \[debug_bug\])")));
}

TEST_CASE("An init blocked forever is reported as a deadlock and insmod fails", "[debug]")
{
    ProcResult r = run_module("hung_init");
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 1);
    CHECK(std::regex_search(r.out, std::regex(R"(\] kshim: insmod:100 \(state D\) waits for a wake-up nobody will send)")));
    CHECK(r.out.find("INFO: task") == std::string::npos);
    CHECK(r.err.find("insmod: ERROR: could not insert module hung_init") != std::string::npos);
}
