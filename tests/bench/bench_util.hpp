// Shared helpers for the benchmarks: a wall clock, medians, child processes and the verdict line.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace bench {

inline uint64_t now_ns()
{
    return (uint64_t)std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

inline double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

inline double best(const std::vector<double> &v)
{
    return v.empty() ? 0 : *std::min_element(v.begin(), v.end());
}

// Prints the verdict line and returns the process exit status (0 on PASS).
inline int verdict(const char *bench, bool pass, const std::string &target)
{
    std::printf("%s: target %s: %s\n", bench, target.c_str(), pass ? "PASS" : "FAIL");
    std::fflush(stdout);
    return pass ? 0 : 1;
}

struct ChildResult {
    int status = -1;          // the wait status
    double wall_ns = 0;       // spawn to reaped
    long maxrss_kib = 0;      // the child's peak RSS
    long minflt = 0;          // the child's minor page faults
    double cpu_ns = 0;        // the child's user + system time (with its waited-for children)
};

// Minor page faults of this process so far (first touches of fresh memory).
inline long minor_faults()
{
    struct rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_minflt;
}

// Runs argv[0] (a path) with stdout sent to out_path (nullptr: inherited) and stderr to
// /dev/null; returns its wall time from spawn to exit and its peak RSS.
inline ChildResult run_child(const std::vector<std::string> &args, const char *out_path)
{
    std::vector<char *> argv;
    for (auto &a : args)
        argv.push_back(const_cast<char *>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    if (out_path)
        posix_spawn_file_actions_addopen(&fa, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    ChildResult r;
    uint64_t t0 = now_ns();
    pid_t pid;
    if (posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ) != 0) {
        std::fprintf(stderr, "bench: cannot spawn %s\n", argv[0]);
        std::exit(2);
    }
    struct rusage ru {};
    wait4(pid, &r.status, 0, &ru);
    r.wall_ns = (double)(now_ns() - t0);
    r.maxrss_kib = ru.ru_maxrss;
    r.minflt = ru.ru_minflt;
    r.cpu_ns = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e9 + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e3;
    posix_spawn_file_actions_destroy(&fa);
    return r;
}

inline bool exited_ok(int status) { return WIFEXITED(status) && WEXITSTATUS(status) == 0; }

}  // namespace bench
