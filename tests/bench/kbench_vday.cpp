// Benchmark 4: a kthread waking every 2 s (msleep) and printing, for a virtual day, output to /dev/null.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include "bench_util.hpp"

namespace {

constexpr int kRuns = 5;

// The peer: as many lines as the module printed, snprintf+write(2) to /dev/null in this process.
double peer_ms(long lines)
{
    int fd = open("/dev/null", O_WRONLY);
    char buf[128];
    uint64_t t0 = bench::now_ns();
    for (long i = 1; i <= lines; ++i) {
        uint64_t ts = (uint64_t)i * 2'004'000'000ull;
        int n = std::snprintf(buf, sizeof buf, "[%5lu.%06lu] benchmod_ticker: tick %ld at jiffies offset %ld\n",
                              (unsigned long)(ts / 1000000000), (unsigned long)(ts % 1000000000 / 1000),
                              i, i * 501);
        if (write(fd, buf, (size_t)n) != n)
            std::abort();
    }
    uint64_t t1 = bench::now_ns();
    close(fd);
    return (double)(t1 - t0) / 1e6;
}

// Counts the tick lines of one run whose output went to a file.
long count_ticks(const std::string &path, std::string &last)
{
    FILE *f = std::fopen(path.c_str(), "r");
    char buf[512];
    long n = 0;
    while (f && std::fgets(buf, sizeof buf, f))
        if (std::string(buf).find("benchmod_ticker: tick") != std::string::npos) {
            ++n;
            last = buf;
        }
    if (f)
        std::fclose(f);
    if (!last.empty() && last.back() == '\n')
        last.pop_back();
    return n;
}

}  // namespace

int main(int argc, char **argv)
{
    std::string runner = argc > 1 ? argv[1] : KSHIM_BENCH_TICKER;
    std::vector<std::string> args = {runner, "--time", "virtual", "--run-for", "1d"};

    // One checked run with the output kept, to count the wake-ups.
    std::string path = "/tmp/kbench_vday.XXXXXX";
    int fd = mkstemp(path.data());
    close(fd);
    bench::ChildResult chk = bench::run_child(args, path.c_str());
    std::string last;
    long ticks = count_ticks(path, last);
    unlink(path.c_str());
    if (!bench::exited_ok(chk.status) || ticks == 0) {
        std::fprintf(stderr, "kbench_vday: %s failed (status %d, %ld ticks)\n", runner.c_str(), chk.status, ticks);
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
        pms.push_back(peer_ms(ticks));
    double pm = bench::median(pms);
    std::printf("kbench_vday: kshim %s --time virtual --run-for 1d >/dev/null: %.1f ms for %ld wake-ups "
                "(median of %d, whole process; %.0f ns per wake-up and line)   last: \"%s\"\n",
                runner.c_str(), km, ticks, kRuns, km * 1e6 / (double)ticks, last.c_str());
    std::printf("kbench_vday: peer %ld x snprintf+write(2) to /dev/null in-process: %.1f ms\n", ticks, pm);
    std::printf("kbench_vday: ratio kshim/peer = %.2fx\n", km / pm);
    return bench::verdict("kbench_vday", km < 100.0, "a virtual day in < 100 ms");
}
