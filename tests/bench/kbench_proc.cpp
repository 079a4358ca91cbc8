// Interfaces benchmark (issue 10): a read of a 64-byte /proc file through the test API, against a read of a 64-byte tmpfs file.
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_util.hpp"
#include "kshim/testing.hpp"

namespace {

constexpr long kReads = 100'000;   // reads per sample
constexpr int kSamples = 5;

// This thread's CPU time (user + system): the cost of the calls on a loaded machine, where the
// wall clock also counts the time other processes hold the CPUs. Both sides run on this thread.
uint64_t cpu_ns()
{
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

struct Sample {
    double wall = -1, cpu = -1;   // ns per lseek + read
};

// ns per lseek(0) + read(64) of /proc/kbench64 by one user task of the test API.
Sample kshim_sample()
{
    kshim::testing::TestKernel k;
    if (k.load(KSHIM_BENCH_PROC64) != 0)
        return {};
    kshim::testing::User &u = k.user("kbench");
    kshim::testing::SysResult o = u.open("/proc/kbench64", O_RDONLY);
    if (o.ret < 0)
        return {};
    const int fd = (int)o.ret;
    size_t bytes = 0;
    uint64_t t0 = bench::now_ns(), c0 = cpu_ns();
    for (long i = 0; i < kReads; ++i) {
        u.lseek(fd, 0, SEEK_SET);
        bytes += u.read(fd, 64).data.size();
    }
    Sample r{double(bench::now_ns() - t0) / kReads, double(cpu_ns() - c0) / kReads};
    u.close(fd);
    k.unload("benchmod_proc64");
    return bytes == (size_t)kReads * 64 ? r : Sample{};
}

// The peer: lseek(0) + read(64) of a 64-byte file on tmpfs (/dev/shm), two system calls.
Sample tmpfs_sample(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return {};
    char buf[64];
    size_t bytes = 0;
    uint64_t t0 = bench::now_ns(), c0 = cpu_ns();
    for (long i = 0; i < kReads; ++i) {
        lseek(fd, 0, SEEK_SET);
        bytes += (size_t)read(fd, buf, sizeof buf);
    }
    Sample r{double(bench::now_ns() - t0) / kReads, double(cpu_ns() - c0) / kReads};
    close(fd);
    return bytes == (size_t)kReads * 64 ? r : Sample{};
}

}  // namespace

int main()
{
    const std::string path = "/dev/shm/kbench_proc_" + std::to_string(getpid());
    int fd = open(path.c_str(), O_CREAT | O_TRUNC | O_WRONLY, 0600);
    if (fd < 0 || write(fd, std::string(64, 'x').data(), 64) != 64)
        return bench::verdict("kbench_proc", false, "a 64-byte tmpfs file for the peer");
    close(fd);
    std::vector<double> kw, kc, tw, tc;
    for (int s = 0; s < kSamples; ++s) {
        Sample k = kshim_sample(), t = tmpfs_sample(path.c_str());
        kw.push_back(k.wall), kc.push_back(k.cpu), tw.push_back(t.wall), tc.push_back(t.cpu);
    }
    unlink(path.c_str());
    double k = bench::median(kc), t = bench::median(tc);
    std::printf("kbench_proc: lseek+read of a 64-byte file: /proc through the test API %.0f ns CPU (%.0f ns wall), "
                "tmpfs %.0f ns CPU (%.0f ns wall), ratio %.1fx (CPU)\n",
                k, bench::median(kw), t, bench::median(tw), t > 0 ? k / t : 0);
    return bench::verdict("kbench_proc", k > 0 && t > 0 && k < 2000,
                          "< 2 us of CPU per read of a 64-byte /proc file (with its lseek)");
}
