// Tests for --explore, --replay, --sched and --seed (shim/src/runner/explore.cpp, options.cpp): the first failing run, its log, and a replay command that gives the same output byte for byte.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "support/subprocess.hpp"

using namespace kshim_test;

namespace {

// The words of the replay command explore printed ("explore: replay with: CMD").
std::vector<std::string> replay_argv(const std::string &out)
{
    const std::string tag = "explore: replay with: ";
    size_t at = out.find(tag);
    std::vector<std::string> argv;
    if (at == std::string::npos)
        return argv;
    std::istringstream words(out.substr(at + tag.size(), out.find('\n', at) - at - tag.size()));
    for (std::string w; words >> w;)
        argv.push_back(w);
    return argv;
}

}  // namespace

TEST_CASE("The runner's --explore stops at the first run with a WARNING and prints a replay that repeats it", "[runner]")
{
    ProcResult fifo = run_process({test_runner("explore_counter"), "--time", "virtual"});
    CHECK(fifo.exit_code == 0);
    CHECK(fifo.out.find("explore_counter: counter 200") != std::string::npos);
    ProcResult r = run_process({test_runner("explore_counter"), "--explore", "1000"}, 60000);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("explore: run ") == 0);
    CHECK(r.out.find(" of 1000 (seed ") != std::string::npos);
    CHECK(r.out.find("increments lost") != std::string::npos);
    std::vector<std::string> argv = replay_argv(r.out);
    REQUIRE(argv.size() == 5);
    CHECK(argv[0] == test_runner("explore_counter"));
    CHECK(argv[1] == "--sched");
    CHECK(argv[2] == "random");
    CHECK(argv[3] == "--replay");
    ProcResult one = run_process(argv), two = run_process(argv);
    CHECK(one.exit_code == 0);
    CHECK(one.out.find("WARNING: ") != std::string::npos);
    CHECK(one.out.find("kshim: sched=random seed=" + argv[4] + " preempt-points=all") != std::string::npos);
    CHECK(one.out == two.out);   // byte for byte
    // The log explore showed is the replay's.
    CHECK(r.out.find(one.out) != std::string::npos);
}

TEST_CASE("The runner's --explore under FIFO finds every run the same and clean", "[runner]")
{
    ProcResult r = run_process({test_runner("explore_counter"), "--sched", "fifo", "--explore", "30"}, 60000);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "explore: 30 run(s) (sched=fifo seed=1, seeds 1 to 30): no BUG, WARNING, crash or deadlock\n");
}

TEST_CASE("The runner's --explore names a run that crashes, and PCT finds the race too", "[runner]")
{
    ProcResult crash = run_process({test_runner("crash_null"), "--explore", "10", "--seed", "40"}, 60000);
    CHECK(crash.exit_code == 1);
    CHECK(crash.out.find("explore: run 1 of 10 (seed 40) failed: ") == 0);
    CHECK(crash.out.find("BUG: kernel NULL pointer dereference") != std::string::npos);
    CHECK(crash.out.find("--sched random --replay 40\n") != std::string::npos);
    ProcResult pct = run_process({test_runner("explore_counter"), "--sched", "pct:3", "--explore", "1000"}, 60000);
    CHECK(pct.exit_code == 1);
    CHECK(pct.out.find("--sched pct:3 --replay ") != std::string::npos);
}

TEST_CASE("The runner refuses bad --sched, --seed, --explore and --preempt-points values", "[runner]")
{
    for (auto args : std::vector<std::vector<std::string>>{{"--sched", "lifo"}, {"--seed", "-1"}, {"--explore", "0"},
                                                           {"--preempt-points", "locks"}, {"--replay", "x"}}) {
        std::vector<std::string> argv{test_runner("explore_counter")};
        argv.insert(argv.end(), args.begin(), args.end());
        ProcResult r = run_process(argv);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("invalid value for " + args[0]) != std::string::npos);
    }
}
