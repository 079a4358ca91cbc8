// Benchmark of issue 11's build target: kshim-cc builds a small module and its runner in well under a second.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "bench_util.hpp"

namespace {

constexpr int kSamples = 7;

// A userspace hello world: the least any C build costs (one compile, one link).
const char *kPeerSource = "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n";

double median_of(const std::vector<std::string> &cmd)
{
    std::vector<double> ms;
    for (int i = 0; i < kSamples; ++i) {
        bench::ChildResult r = bench::run_child(cmd, "/dev/null");
        if (!bench::exited_ok(r.status)) {
            std::fprintf(stderr, "kbench_kshim_cc: %s failed\n", cmd[0].c_str());
            std::exit(2);
        }
        ms.push_back(r.wall_ns / 1e6);
    }
    return bench::median(ms);
}

}  // namespace

int main()
{
    char tmpl[] = "/tmp/kbench-kshim-cc.XXXXXX";
    std::string dir = mkdtemp(tmpl);
    std::ofstream(dir + "/peer.c") << kPeerSource;
    double cc = median_of({KSHIM_BENCH_CC, "-O2", "-g", dir + "/peer.c", "-o", dir + "/peer"});
    double kc = median_of({KSHIM_BENCH_KSHIM_CC, KSHIM_BENCH_HELLO, "-o", dir + "/hello"});
    std::system(("rm -rf " + dir).c_str());
    std::printf("kbench_kshim_cc: kshim-cc samples/hello/hello.c -> hello.ko + runner: %.0f ms (median of %d)\n", kc, kSamples);
    std::printf("kbench_kshim_cc: peer cc -O2 -g of a userspace hello world: %.0f ms (ratio kshim-cc/peer %.1fx)\n", cc, kc / cc);
    return bench::verdict("kbench_kshim_cc", kc < 500.0, "kshim-cc of a small module well under a second (< 500 ms)");
}
