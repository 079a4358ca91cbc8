// Benchmark E1: --explore runs of the seed custom_workqueue module, 10 virtual seconds each, against one process per run.
#include <cstdio>
#include <string>
#include <vector>

#include "bench_util.hpp"

namespace {

constexpr long kExploreRuns = 5000;   // runs per --explore sample
constexpr long kPeerRuns = 100;       // runs per peer sample (one process each)
constexpr int kSamples = 3;

// runs per second of `custom_workqueue --explore N --run-for 10s` (every run must be clean).
// The module never stops its kthread, which every run reports (unload-leftover, a BUG): that
// report is turned off, or --explore would stop at run 1.
double explore_sample()
{
    const std::string runs = std::to_string(kExploreRuns);
    bench::ChildResult r = bench::run_child({KSHIM_BENCH_CUSTOM_WQ, "--explore", runs, "--run-for", "10s",
                                            "--no-detector=unload-leftover"}, "/dev/null");
    if (!bench::exited_ok(r.status)) {
        std::fprintf(stderr, "kbench_explore: --explore %s failed (a run was not clean?)\n", runs.c_str());
        std::exit(2);
    }
    return kExploreRuns / (r.wall_ns / 1e9);
}

// runs per second of the same runs made the ordinary way: one runner process per seed.
double peer_sample()
{
    uint64_t t0 = bench::now_ns();
    for (long i = 1; i <= kPeerRuns; ++i) {
        bench::ChildResult r = bench::run_child({KSHIM_BENCH_CUSTOM_WQ, "--time", "virtual", "--run-for", "10s",
                                                 "--sched", "random", "--seed", std::to_string(i),
                                                 "--no-detector=unload-leftover"},
                                                "/dev/null");
        if (!bench::exited_ok(r.status)) {
            std::fprintf(stderr, "kbench_explore: the peer's run %ld failed\n", i);
            std::exit(2);
        }
    }
    return kPeerRuns / ((bench::now_ns() - t0) / 1e9);
}

}  // namespace

int main()
{
    std::vector<double> e, p;
    for (int i = 0; i < kSamples; ++i) {
        e.push_back(explore_sample());
        p.push_back(peer_sample());
    }
    double em = bench::median(e), pm = bench::median(p);
    std::printf("kbench_explore: kshim custom_workqueue --explore %ld --run-for 10s: %.0f runs/s "
                "(median of %d; best %.0f)\n",
                kExploreRuns, em, kSamples, *std::max_element(e.begin(), e.end()));
    std::printf("kbench_explore: peer one runner process per run (--sched random --seed N): %.0f runs/s "
                "(median of %d x %ld runs)\n",
                pm, kSamples, kPeerRuns);
    std::printf("kbench_explore: ratio kshim/peer = %.1fx\n", em / pm);
    return bench::verdict("kbench_explore", em >= 5000.0, ">= 5000 runs/s of 10 virtual seconds each");
}
