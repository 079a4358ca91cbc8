// Benchmark 3: process start to exit of an empty module's runner, against spawning /bin/true.
#include <cstdio>
#include <string>
#include <vector>

#include "bench_util.hpp"

namespace {

constexpr int kRuns = 40;
constexpr int kWarmup = 3;

// Median wall time in ms of spawning args (stdout to /dev/null) and reaping it; also the
// median count of the child's minor page faults.
double median_spawn_ms(const std::vector<std::string> &args, double &best_ms, double &faults)
{
    std::vector<double> flt;
    std::vector<double> ms;
    for (int i = 0; i < kWarmup + kRuns; ++i) {
        bench::ChildResult r = bench::run_child(args, "/dev/null");
        if (!bench::exited_ok(r.status)) {
            std::fprintf(stderr, "kbench_startup: %s failed (status %d)\n", args[0].c_str(), r.status);
            std::exit(2);
        }
        if (i >= kWarmup) {
            ms.push_back(r.wall_ns / 1e6);
            flt.push_back((double)r.minflt);
        }
    }
    best_ms = bench::best(ms);
    faults = bench::median(flt);
    return bench::median(ms);
}

}  // namespace

int main(int argc, char **argv)
{
    std::string runner = argc > 1 ? argv[1] : KSHIM_BENCH_EMPTY;
    double kbest, pbest, kflt, pflt;
    double km = median_spawn_ms({runner, "--time", "virtual"}, kbest, kflt);
    double pm = median_spawn_ms({"/bin/true"}, pbest, pflt);
    std::printf("kbench_startup: kshim empty module runner (%s --time virtual): %.2f ms "
                "(median of %d; best %.2f; %.0f minor page faults)\n",
                runner.c_str(), km, kRuns, kbest, kflt);
    std::printf("kbench_startup: peer /bin/true: %.2f ms (median of %d; best %.2f; %.0f minor page faults)\n",
                pm, kRuns, pbest, pflt);
    std::printf("kbench_startup: ratio kshim/peer = %.1fx (the peer is faster)\n", km / pm);
    return bench::verdict("kbench_startup", km < 10.0, "< 10 ms from process start to exit");
}
