// Workqueue benchmark 3: a virtual day of the custom_workqueue sample with output to /dev/null.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include "bench_util.hpp"

namespace {

constexpr int kRuns = 5;

struct Counts {
    long lines = 0;
    long iterations = 0;   // "threadfn data" lines: one per msleep(2000) wake-up
    long works = 0;        // "do_work1" and "do_work2" lines
    std::string last;      // the last iteration line
};

// Counts the lines of one run whose output went to a file.
Counts count_lines(const std::string &path)
{
    Counts c;
    FILE *f = std::fopen(path.c_str(), "r");
    char buf[512];
    while (f && std::fgets(buf, sizeof buf, f)) {
        std::string s = buf;
        ++c.lines;
        if (s.find("threadfn data:") != std::string::npos) {
            ++c.iterations;
            c.last = s;
        } else if (s.find("do_work") != std::string::npos) {
            ++c.works;
        }
    }
    if (f)
        std::fclose(f);
    if (!c.last.empty() && c.last.back() == '\n')
        c.last.pop_back();
    return c;
}

// The peer: the same number of lines in the sample's three shapes, with a dmesg-style
// timestamp, formatted with snprintf and written with write(2) to /dev/null in this process.
double peer_ms(long lines)
{
    int fd = open("/dev/null", O_WRONLY);
    char buf[128];
    uint64_t t0 = bench::now_ns();
    for (long i = 0; i < lines; ++i) {
        long it = i / 3 + 1;
        uint64_t ts = (uint64_t)it * 2'016'000'000ull;
        unsigned long sec = (unsigned long)(ts / 1000000000), usec = (unsigned long)(ts % 1000000000 / 1000);
        int n;
        if (i % 3 == 0)
            n = std::snprintf(buf, sizeof buf, "[%5lu.%06lu] threadfn data: %d, count: %ld\n", sec, usec, 10, it);
        else
            n = std::snprintf(buf, sizeof buf, "[%5lu.%06lu] do_work%d .....\n", sec, usec, (int)(i % 3));
        if (write(fd, buf, (size_t)n) != n)
            std::abort();
    }
    uint64_t t1 = bench::now_ns();
    close(fd);
    return (double)(t1 - t0) / 1e6;
}

}  // namespace

int main(int argc, char **argv)
{
    std::string runner = argc > 1 ? argv[1] : KSHIM_BENCH_CUSTOM_WQ;
    std::vector<std::string> args = {runner, "--time", "virtual", "--run-for", "24h"};

    // One checked run with the output kept, to count the iterations and the work items' lines.
    std::string path = "/tmp/kbench_wq_vday.XXXXXX";
    int fd = mkstemp(path.data());
    close(fd);
    bench::ChildResult chk = bench::run_child(args, path.c_str());
    Counts c = count_lines(path);
    unlink(path.c_str());
    if (!bench::exited_ok(chk.status) || c.iterations == 0) {
        std::fprintf(stderr, "kbench_wq_vday: %s failed (status %d, %ld iterations)\n", runner.c_str(), chk.status,
                     c.iterations);
        return 2;
    }

    std::vector<double> ms;
    for (int i = 0; i < kRuns; ++i) {
        bench::ChildResult r = bench::run_child(args, "/dev/null");
        if (!bench::exited_ok(r.status))
            return 2;
        ms.push_back(r.wall_ns / 1e6);
    }
    double km = bench::median(ms);
    std::vector<double> pms;
    for (int i = 0; i < kRuns; ++i)
        pms.push_back(peer_ms(c.lines));
    double pm = bench::median(pms);
    std::printf("kbench_wq_vday: kshim %s --time virtual --run-for 24h >/dev/null: %.1f ms (median of %d, "
                "whole process; best %.1f) for %ld iterations, %ld work items run, %ld lines   last: \"%s\"\n",
                runner.c_str(), km, kRuns, bench::best(ms), c.iterations, c.works, c.lines, c.last.c_str());
    std::printf("kbench_wq_vday: peer %ld x snprintf+write(2) to /dev/null in-process: %.1f ms\n", c.lines, pm);
    std::printf("kbench_wq_vday: ratio kshim/peer = %.2fx\n", km / pm);
    bool whole = c.works >= 2 * c.iterations - 2;
    return bench::verdict("kbench_wq_vday", km < 250.0 && whole,
                          "a virtual day (every queued work item run) in < 250 ms");
}
