// Test-API benchmark (issue 9): a Catch2 test that loads custom_workqueue, runs 10 virtual seconds and unloads, against a forked runner doing the same.
#define CATCH_CONFIG_RUNNER
#include "kshim/catch2.hpp"

#include <cstdio>
#include <string>
#include <vector>

#include "bench_util.hpp"

using namespace kshim::testing;

namespace {

constexpr uint64_t kTenSeconds = 10'000'000'000ull;
constexpr int kRuns = 200;
constexpr int kPeerRuns = 20;
unsigned g_finished = 0;   // test bodies that reached their end

}  // namespace

// The measured test, as a reader writes it (tests/examples/custom_workqueue_test.cpp).
KSHIM_TEST_CASE("custom_workqueue for 10 virtual seconds", "[bench]")
{
    TestKernel &k = kernel();
    REQUIRE(k.load(KSHIM_BENCH_CUSTOM_WQ_KO) == 0);
    k.run_for(kTenSeconds);
    expect_report("unload-leftover");
    CHECK(k.unload("custom_workqueue").tasks_left == 1);
    CHECK_THAT(k, LogCount("do_work2", 4));
    ++g_finished;
}

// What the test costs without a module: a kernel made, 10 idle virtual seconds, torn down.
KSHIM_TEST_CASE("an empty kernel for 10 virtual seconds", "[empty]")
{
    kernel().run_for(kTenSeconds);
    CHECK(kernel().now_ns() == kTenSeconds);
    ++g_finished;
}

namespace {

// Runs the Catch2 test cases matching spec `runs` times in this process, one session run each;
// the wall time per run in ms, or an empty vector if a run failed.
std::vector<double> time_session(Catch::Session &s, const std::string &spec, int runs)
{
    Catch::ConfigData cfg;
    cfg.testsOrTags = {spec};
    cfg.outputFilename = "/dev/null";
    s.useConfigData(cfg);
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        unsigned before = g_finished;
        uint64_t t0 = bench::now_ns();
        int failed = s.run();
        uint64_t t1 = bench::now_ns();
        if (failed || g_finished != before + 1)
            return {};
        ms.push_back((double)(t1 - t0) / 1e6);
    }
    return ms;
}

}  // namespace

int main()
{
    Catch::Session session;
    std::vector<double> test = time_session(session, "[bench]", kRuns);
    std::vector<double> empty = time_session(session, "[empty]", kRuns);
    if (test.empty() || empty.empty()) {
        std::fprintf(stderr, "kbench_testapi: a test failed (run it with -s to see why)\n");
        return 2;
    }
    // The peer: the sample's runner executable doing the same (load, 10 virtual s, rmmod), forked
    // and exec'ed with its console to /dev/null.
    std::vector<double> peer;
    for (int i = 0; i < kPeerRuns; ++i) {
        bench::ChildResult r =
            bench::run_child({KSHIM_BENCH_CUSTOM_WQ, "--time", "virtual", "--run-for", "10s"}, "/dev/null");
        if (!WIFEXITED(r.status))
            return 2;
        peer.push_back(r.wall_ns / 1e6);
    }
    double tm = bench::median(test), em = bench::median(empty), pm = bench::median(peer);
    std::printf("kbench_testapi: Catch2 KSHIM_TEST_CASE load custom_workqueue + run_for(10 s) + unload: %.3f ms "
                "(median of %d session runs; best %.3f)\n",
                tm, kRuns, bench::best(test));
    std::printf("kbench_testapi: the same test with an empty TestKernel (no module): %.3f ms\n", em);
    std::printf("kbench_testapi: peer: fork+exec of the custom_workqueue runner, --time virtual --run-for 10s: "
                "%.3f ms (median of %d)\n",
                pm, kPeerRuns);
    std::printf("kbench_testapi: ratio test/peer = %.3fx, test/empty-kernel test = %.2fx\n", tm / pm, tm / em);
    return bench::verdict("kbench_testapi", tm < 5.0, "a Catch2 test that loads a module, runs 10 virtual s and unloads in < 5 ms");
}
