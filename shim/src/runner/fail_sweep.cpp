// --fail-sweep: one child run per fallible call, failing that call, and what each failure led to.
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "runner/runner.hpp"

namespace kshim {

namespace {

constexpr int kRunWallSeconds = 60;   // a child running longer (real time) is a hang
constexpr unsigned long kMaxRuns = 10000;
constexpr uint64_t kDefaultRunNs = 5'000'000'000;   // each run's --run-for unless one is given

// What one child run did, read back from its log.
struct SweepRun {
    std::string failed;        // "call 3 (kmalloc) from fn+0x1c/0x4d [mod]", empty if none failed
    long calls = -1;           // fallible calls it made; -1: it never reached the end of its run
    std::string insmod;        // insmod's error, if init failed
    std::string outcome;       // clean, leak, BUG, oops, hang, WARNING
};

// The text after `prefix` on the first line that starts with it (or contains it, when
// anywhere), up to the end of that line; empty if none.
std::string after(const std::string &log, const std::string &prefix)
{
    size_t at = log.find(prefix);
    if (at == std::string::npos)
        return {};
    at += prefix.size();
    return log.substr(at, log.find('\n', at) - at);
}

bool has(const std::string &log, const char *text) { return log.find(text) != std::string::npos; }

// The worst thing a run's log shows, in that order: oops, BUG, hang, leak, WARNING, clean.
std::string outcome_of(const std::string &log, int status, bool timed_out)
{
    if (has(log, "Oops: ") || has(log, "BUG: unable to handle") || has(log, "BUG: kernel NULL pointer") ||
        has(log, "general protection fault") || has(log, "stack guard page"))
        return "oops";
    if (has(log, "kernel BUG at "))
        return "BUG";
    if (timed_out || has(log, "INFO: task ") || has(log, "deadlock") || has(log, "did not return") ||
        has(log, "soft lockup"))
        return "hang";
    std::string end = after(log, "kshim: end of run: ");
    if ((!end.empty() && end.rfind("0 leaked", 0) != 0) || has(log, "unreferenced object"))
        return "leak";
    if (!end.empty() && end.find(" 0 BUG(s)") == std::string::npos)
        return "BUG";
    if (!end.empty() && end.find(" 0 WARNING(s)") == std::string::npos)
        return "WARNING";
    if (status != 0 && after(log, "insmod: ERROR: ").empty())
        return "BUG";
    return "clean";
}

// Waits for pid up to kRunWallSeconds of real time, then kills it. Its exit status, or -1
// with *timed_out set.
int wait_child(pid_t pid, bool *timed_out)
{
    *timed_out = false;
    for (int waited_ms = 0;; waited_ms += 10) {
        int st = 0;
        if (waitpid(pid, &st, WNOHANG) == pid)
            return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        if (waited_ms >= kRunWallSeconds * 1000) {
            kill(pid, SIGKILL);
            waitpid(pid, &st, 0);
            *timed_out = true;
            return -1;
        }
        struct timespec ts = {0, 10'000'000};
        nanosleep(&ts, nullptr);
    }
}

std::string read_all(int fd)
{
    std::string out;
    char buf[65536];
    lseek(fd, 0, SEEK_SET);
    for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;)
        out.append(buf, (size_t)n);
    return out;
}

// Run n of the sweep in a child whose console, stdout and stderr go to a memfd.
SweepRun run_one(const RunnerConfig &cfg, unsigned long n)
{
    RunnerConfig child = cfg;
    child.fail_sweep = false;
    child.kernel.faults.fail_nth = n;
    int fd = memfd_create("kshim-fail-sweep", MFD_CLOEXEC);
    std::fflush(nullptr);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fd, 1);
        dup2(fd, 2);
        child.kernel.console_fd = 1;
        std::_Exit(run_modules(child, "fail-sweep"));
    }
    bool timed_out = false;
    int status = wait_child(pid, &timed_out);
    std::string log = read_all(fd);
    close(fd);
    SweepRun r;
    r.failed = after(log, "kshim: fail-nth: call ");
    if (r.failed.size() > 6 && r.failed.compare(r.failed.size() - 6, 6, " fails") == 0)
        r.failed.resize(r.failed.size() - 6);
    size_t made = log.find(" fallible call(s) made");
    if (made != std::string::npos)
        r.calls = std::atol(log.c_str() + log.rfind("kshim: fail-nth: ", made) + 17);
    r.insmod = after(log, "insmod: ERROR: could not insert module ");
    r.outcome = outcome_of(log, status, timed_out);
    return r;
}

}  // namespace

int fail_sweep(const RunnerConfig &cfg)
{
    RunnerConfig base = cfg;
    if (!cfg.time_given)
        base.kernel.time = TimeMode::Virtual;   // a sweep is many runs: virtual time unless told
    if (!cfg.run_for_ns)
        base.run_for_ns = kDefaultRunNs;        // and each a bounded one: a module may never settle
    std::vector<std::string> outcomes;
    unsigned long n = 1;
    for (; n <= kMaxRuns; ++n) {
        SweepRun r = run_one(base, n);
        if (r.failed.empty() && r.calls >= 0 && (unsigned long)r.calls < n) {
            std::printf("fail-sweep: run %lu: only %ld fallible call(s); the sweep is over\n", n, r.calls);
            break;
        }
        if (r.failed.empty()) {
            std::printf("fail-sweep: run %lu: ended (%s) before call %lu; the sweep stops\n", n, r.outcome.c_str(), n);
            break;
        }
        std::string what = "call " + r.failed + " failed";
        if (!r.insmod.empty())
            what += "; insmod: " + r.insmod.substr(r.insmod.find(": ") + 2);
        std::printf("fail-sweep: run %lu: %s: %s\n", n, what.c_str(), r.outcome.c_str());
        std::fflush(stdout);
        outcomes.push_back(r.outcome);
    }
    const char *kinds[] = {"clean", "leak", "BUG", "oops", "hang", "WARNING"};
    std::string summary;
    for (const char *k : kinds) {
        size_t c = 0;
        for (const std::string &o : outcomes)
            c += o == k;
        if (c)
            summary += std::string(summary.empty() ? "" : ", ") + std::to_string(c) + " " + k;
    }
    std::printf("fail-sweep: %zu run(s): %s (rerun one with --fail-nth=N for its log)\n", outcomes.size(),
                summary.empty() ? "none" : summary.c_str());
    for (const std::string &o : outcomes)
        if (o != "clean")
            return 1;
    return 0;
}

}  // namespace kshim
