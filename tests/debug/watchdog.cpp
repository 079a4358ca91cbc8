// Tests for the host watchdog (shim/src/debug/watchdog.cpp): a task that never reaches a switch point is a soft lockup, or ends the run at a signal.
#include <catch2/catch.hpp>

#include <signal.h>

#include <regex>
#include <string>
#include <vector>

#include "support/log_match.hpp"
#include "support/subprocess.hpp"

using namespace kshim_test;

namespace {

ProcResult spin(const std::vector<std::string> &extra, const std::vector<TimedSignal> &signals = {})
{
    std::vector<std::string> argv = {kshim_run(), test_module("spin_flag"), "--time", "virtual"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run_process(argv, 20000, signals);
}

bool has(const std::string &out, const std::string &re) { return std::regex_search(out, std::regex(re)); }

}  // namespace

TEST_CASE("A kthread spinning without a switch point is a soft lockup: the report names it and the run ends", "[debug]")
{
    ProcResult r = spin({"--softlockup-thresh", "1"});
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 1);
    auto t = texts_of(r.out);
    size_t bug = index_of(t, "watchdog: BUG: soft lockup - CPU#0 stuck for 1s! [spin_flag:101]");
    REQUIRE(bug + 4 < t.size());
    CHECK(t[bug + 1] == "Modules linked in: spin_flag");
    CHECK(has(t[bug + 2], R"(^CPU: 0 PID: 101 Comm: spin_flag )"));
    CHECK(has(t[bug + 4], R"(^RIP: 0010:spin_fn(\.[a-z]+\.[0-9]+)?\+0x[0-9a-f]+/0x[0-9a-f]+ \[spin_flag\]$)"));
    // The log before the lockup is kept, and kshim says why the run ended.
    CHECK(index_of(t, "spin_flag: spinning on the flag") < bug);
    size_t end = index_of(t, "kshim: end of run: spin_flag:101 ran without reaching a switch point for 1s");
    CHECK(end < t.size());
    CHECK(end > bug);
}

TEST_CASE("SIGTERM while a task spins without a switch point ends the run at once, saying where it runs", "[debug]")
{
    ProcResult r = spin({}, {{200, SIGTERM}});
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 128 + SIGTERM);
    auto t = texts_of(r.out);
    size_t at = index_of(t, "kshim: SIGTERM while spin_flag:101 runs without reaching a switch point; the run ends here");
    REQUIRE(at + 1 < t.size());
    CHECK(has(t[at + 1], R"(^RIP: 0010:spin_fn(\.[a-z]+\.[0-9]+)?\+0x[0-9a-f]+/0x[0-9a-f]+ \[spin_flag\]$)"));
    CHECK(index_of(t, "spin_flag: spinning on the flag") < at);
    CHECK(index_of(t, "kshim: end of run: interrupted by SIGTERM") < t.size());
    CHECK(r.out.find("soft lockup") == std::string::npos);
}
