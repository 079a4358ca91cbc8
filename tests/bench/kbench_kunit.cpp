// Benchmarks of issue 9's KUnit targets: edit a test file and get its KTAP under 1 s; 100 trivial cases under 50 ms.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench_util.hpp"

namespace {

constexpr int kSamples = 7;
constexpr double kUmlEditMs = 8600;   // KUnit on UML after editing one test file (issue 9, this machine)

// Medians of cmd's wall and CPU time (ms); cmd must exit 0.
struct Times {
    double wall, cpu;
};

Times median_ms(const std::vector<std::string> &cmd, const std::string &edit_file = {})
{
    std::vector<double> wall, cpu;
    for (int i = 0; i < kSamples; ++i) {
        if (!edit_file.empty())   // the edit: new code (not a comment, which the compiler cache would see through)
            std::ofstream(edit_file, std::ios::app) << "static int __used edit_" << i << " = " << i << ";\n";
        bench::ChildResult r = bench::run_child(cmd, "/dev/null");
        if (!bench::exited_ok(r.status)) {
            std::fprintf(stderr, "kbench_kunit: %s failed\n", cmd[0].c_str());
            std::exit(2);
        }
        wall.push_back(r.wall_ns / 1e6);
        cpu.push_back(r.cpu_ns / 1e6);
    }
    return {bench::median(wall), bench::median(cpu)};
}

std::string read_all(const char *path)
{
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

int main()
{
    // 1. Edit one KUnit test file, rebuild, run: kshim-run FILE.c (kshim-cc, build cache).
    char tmpl[] = "/tmp/kbench-kunit.XXXXXX";
    std::string dir = mkdtemp(tmpl);
    std::string file = dir + "/edit_test.c";
    std::ofstream(file) << read_all(KSHIM_BENCH_EDIT_SRC);
    const std::vector<std::string> run = {KSHIM_BENCH_KSHIM_RUN, "--time", "virtual", "--raw", file};
    median_ms(run);   // the first build of this file, and the cache's warm-up
    const Times edit = median_ms(run, file);
    std::system(("rm -rf " + dir).c_str());
    std::printf("kbench_kunit: edit a 2-suite KUnit file + kshim-run FILE.c (build, run, KTAP): %.0f ms wall, %.0f ms CPU "
                "(medians of %d)\n", edit.wall, edit.cpu, kSamples);
    std::printf("kbench_kunit: peer KUnit on UML after the same edit (recorded in issue 9): %.0f ms (ratio %.3fx)\n",
                kUmlEditMs, edit.wall / kUmlEditMs);
    // 2. A suite of 100 trivial cases, the whole process; the peer a Catch2 executable of 100.
    const Times k100 = median_ms({KSHIM_BENCH_KUNIT100, "--time", "virtual", "--raw"});
    const Times c100 = median_ms({KSHIM_BENCH_CATCH100});
    std::printf("kbench_kunit: 100 trivial KUnit cases, whole process: %.1f ms wall, %.1f ms CPU (medians of %d)\n",
                k100.wall, k100.cpu, kSamples);
    std::printf("kbench_kunit: peer Catch2 executable of 100 trivial cases: %.1f ms wall, %.1f ms CPU (ratio %.1fx)\n",
                c100.wall, c100.cpu, k100.wall / c100.wall);
    int edit_status = bench::verdict("kbench_kunit", edit.wall < 1000.0, "edit + rebuild + KTAP under 1 s");
    int run_status = bench::verdict("kbench_kunit", k100.wall < 50.0, "100 trivial cases under 50 ms");
    return edit_status | run_status;
}
