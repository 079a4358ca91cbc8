// Benchmark 5: peak RSS of 10,000 kthreads sleeping in msleep loops, against 10,000 std::threads.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_util.hpp"

namespace {

constexpr unsigned kThreads = 10'000;

// The peer, in a child process: kThreads std::threads each looping on a 100 ms sleep, for 300 ms
// once all have started.
// Returns the child's peak RSS in KiB (-1 if it could not start them all).
long peer_maxrss_kib(double &wall_ms)
{
    uint64_t t0 = bench::now_ns();
    pid_t pid = fork();
    if (pid == 0) {
        std::atomic<bool> stop{false};
        std::vector<std::thread> ts;
        ts.reserve(kThreads);
        try {
            for (unsigned i = 0; i < kThreads; ++i)
                ts.emplace_back([&stop] {
                    while (!stop.load(std::memory_order_relaxed))
                        std::this_thread::sleep_for(std::chrono::milliseconds(100));
                });
        } catch (...) {
            _exit(3);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        stop = true;
        for (auto &t : ts)
            t.join();
        _exit(0);
    }
    int status = 0;
    struct rusage ru {};
    wait4(pid, &status, 0, &ru);
    wall_ms = (double)(bench::now_ns() - t0) / 1e6;
    return bench::exited_ok(status) ? ru.ru_maxrss : -1;
}

}  // namespace

int main(int argc, char **argv)
{
    std::string runner = argc > 1 ? argv[1] : KSHIM_BENCH_SLEEPERS;
    std::vector<std::string> args = {runner, "nthreads=" + std::to_string(kThreads), "period_ms=100",
                                     "--time", "virtual", "--run-for", "3s"};
    bench::ChildResult k = bench::run_child(args, "/dev/null");
    if (!bench::exited_ok(k.status)) {
        std::fprintf(stderr, "kbench_kthreads: %s failed (status %d)\n", runner.c_str(), k.status);
        return 2;
    }
    double pwall = 0;
    long p = peer_maxrss_kib(pwall);
    double kmib = (double)k.maxrss_kib / 1024.0;
    std::printf("kbench_kthreads: kshim %u kthreads in msleep(100) loops for 3 virtual s: peak RSS %.1f MiB "
                "(%.1f KiB per kthread; run took %.0f ms)\n",
                kThreads, kmib, (double)k.maxrss_kib / kThreads, k.wall_ns / 1e6);
    if (p > 0) {
        std::printf("kbench_kthreads: peer %u std::threads in sleep_for(100ms) loops for 0.3 s: peak RSS %.1f MiB "
                    "(%.1f KiB per thread; run took %.0f ms)\n",
                    kThreads, (double)p / 1024.0, (double)p / kThreads, pwall);
        std::printf("kbench_kthreads: ratio peer/kshim RSS = %.2fx\n", (double)p / (double)k.maxrss_kib);
    } else {
        std::printf("kbench_kthreads: peer %u std::threads could not be started on this machine\n", kThreads);
    }
    return bench::verdict("kbench_kthreads", kmib < 1024.0, "peak RSS < 1 GiB");
}
