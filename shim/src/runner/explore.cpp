// --explore N and --replay SEED: runs of the modules seed after seed until one goes wrong.
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "debug/crash.hpp"
#include "module/module_image.hpp"
#include "runner/runner.hpp"

namespace kshim {

namespace {

constexpr uint64_t kDefaultRunNs = 5'000'000'000;   // each run's --run-for unless one is given
constexpr uint64_t kRunsPerChild = 2000;             // runs one child process makes in turn
constexpr int kStallSeconds = 30;                    // a run taking longer (real time) hangs
constexpr int kFoundStatus = 3;                      // the child's status: a run went wrong

// What the child processes tell the parent, in a shared page: the run in progress, how far
// they got, and what went wrong.
struct Shared {
    std::atomic<uint64_t> current{0};   // the index of the run in progress
    std::atomic<uint64_t> done{0};      // runs finished
    char why[512];                      // what the failing run reported
};

// Why an in-process run counts as failed, or empty: a BUG, a WARNING, or a failing status
// (insmod, rmmod or a KUnit case failed).
std::string failure(int status, const RunOutcome &o)
{
    if (!o.bugs && !o.warnings && status == 0)
        return {};
    std::string why = std::to_string(o.bugs) + " BUG(s), " + std::to_string(o.warnings) + " WARNING(s)";
    if (status != 0)
        why += ", exit status " + std::to_string(status);
    if (!o.first_report.empty())
        why += ": " + o.first_report;
    return why;
}

// A child's work: runs [from, to) in this process, each in a fresh Kernel with the log kept as
// records only. Exits with kFoundStatus at the first failing run, 0 after the last; a crash or
// a detector that ends the run exits otherwise, with sh->current naming the run.
[[noreturn]] void child_runs(const RunnerConfig &cfg, uint64_t from, uint64_t to, Shared *sh)
{
    install_crash_handlers();
    KeepModuleImages keep;   // each module dlopened once; every run starts from its pristine data
    for (uint64_t i = from; i < to; ++i) {
        sh->current.store(i);
        Options o = cfg.kernel;
        o.seed = cfg.kernel.seed + i;
        o.console_fd = -1;
        o.signal_fd = -1;
        o.host_watchdog = false;
        RunOutcome out;
        int status = run_kernel(cfg, o, &out);
        std::string why = failure(status, out);
        if (!why.empty()) {
            std::snprintf(sh->why, sizeof sh->why, "%s", why.c_str());
            std::_Exit(kFoundStatus);
        }
        sh->done.store(i + 1);
    }
    std::_Exit(0);
}

// Waits for the child; kills it when a run stalls for kStallSeconds of real time. Its wait
// status, or -1 when it was killed as hung.
int wait_child(pid_t pid, Shared *sh)
{
    uint64_t last = sh->current.load();
    int stalled_ms = 0;
    for (;;) {
        int st = 0;
        if (waitpid(pid, &st, WNOHANG) == pid)
            return st;
        uint64_t now = sh->current.load();
        stalled_ms = now == last ? stalled_ms + 5 : 0;
        last = now;
        if (stalled_ms >= kStallSeconds * 1000) {
            kill(pid, SIGKILL);
            waitpid(pid, &st, 0);
            return -1;
        }
        struct timespec ts = {0, 5'000'000};
        nanosleep(&ts, nullptr);
    }
}

// What the parent makes of a child that ended: "" if its runs were clean, else why the run
// sh->current failed.
std::string child_verdict(int st, Shared *sh)
{
    if (st == -1)
        return "no progress for " + std::to_string(kStallSeconds) + " s of real time (a hang)";
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
        return {};
    if (WIFEXITED(st) && WEXITSTATUS(st) == kFoundStatus)
        return sh->why;
    if (WIFSIGNALED(st))
        return std::string("the run died of signal ") + strsignal(WTERMSIG(st));
    return "the run ended the process (an oops, or a detector that stops the run), status " +
           std::to_string(WEXITSTATUS(st));
}

// The command line without the exploration options, then the policy and --replay SEED.
std::string replay_command(const RunnerConfig &cfg, int argc, char **argv, uint64_t seed)
{
    static const char *const drop[] = {"--explore", "--seed", "--sched", "--preempt-points", "--replay"};
    std::string cmd = argv[0];
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        bool dropped = false;
        for (const char *d : drop) {
            if (a == d) {
                ++i;   // and its value
                dropped = true;
            }
            dropped |= a.rfind(std::string(d) + "=", 0) == 0;
        }
        if (!dropped)
            cmd += " " + a;
    }
    return cmd + " " + cfg.kernel.sched.options() + " --replay " + std::to_string(seed);
}

// The failing run again, in a child printing its log as --replay would. Host thread.
void show_replay(const RunnerConfig &cfg, uint64_t seed)
{
    std::fflush(nullptr);
    pid_t pid = fork();
    if (pid == 0) {
        RunnerConfig c = cfg;
        c.kernel.seed = seed;
        c.seed_given = true;
        std::_Exit(run_modules(c, "explore"));
    }
    int st = 0;
    waitpid(pid, &st, 0);
}

}  // namespace

void explore_defaults(RunnerConfig &cfg)
{
    if (!cfg.time_given)
        cfg.kernel.time = TimeMode::Virtual;   // many runs: virtual time unless told
    if (!cfg.run_for_ns)
        cfg.run_for_ns = kDefaultRunNs;        // and each a bounded one: a module may never settle
    if (!cfg.sched_given)
        cfg.kernel.sched.policy = PolicyKind::Random;
}

int explore(const RunnerConfig &cfg, int argc, char **argv)
{
    RunnerConfig base = cfg;
    explore_defaults(base);
    base.explore_runs = 0;
    if (!cfg.seed_given)
        base.kernel.seed = 1;
    auto *sh = static_cast<Shared *>(
        mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
    new (sh) Shared;
    const uint64_t n = cfg.explore_runs;
    std::string why;
    for (uint64_t from = 0; from < n && why.empty(); from = sh->done.load()) {
        std::fflush(nullptr);
        pid_t pid = fork();
        if (pid == 0)
            child_runs(base, from, std::min(n, from + kRunsPerChild), sh);
        why = child_verdict(wait_child(pid, sh), sh);
        if (!why.empty())
            break;
    }
    const uint64_t at = sh->current.load(), seed = base.kernel.seed + at;
    munmap(sh, sizeof(Shared));
    if (why.empty()) {
        std::printf("explore: %llu run(s) (%s, seeds %llu to %llu): no BUG, WARNING, crash or deadlock\n",
                    (unsigned long long)n, base.kernel.sched.describe(base.kernel.seed).c_str(),
                    (unsigned long long)base.kernel.seed, (unsigned long long)(base.kernel.seed + n - 1));
        return 0;
    }
    std::printf("explore: run %llu of %llu (seed %llu) failed: %s\n", (unsigned long long)at + 1,
                (unsigned long long)n, (unsigned long long)seed, why.c_str());
    std::printf("explore: its log, as the replay prints it:\n");
    show_replay(base, seed);
    std::printf("explore: replay with: %s\n", replay_command(base, argc, argv, seed).c_str());
    return 1;
}

}  // namespace kshim
