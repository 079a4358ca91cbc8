// The host watchdog thread (soft lockups and ignored signals in real time) and the soft-lockup report.
#include "debug/watchdog.hpp"

#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include <cstdio>

#include "debug/backtrace.hpp"
#include "debug/crash.hpp"
#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "kernel.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"

namespace kshim {

namespace {

HostWatchdog *active_watchdog = nullptr;   // the one the signal handler serves
constexpr unsigned kMaxRetries = 50;       // kPollNs apart: half a second inside the C library

int watchdog_signal() { return SIGRTMIN + 4; }

uint64_t monotonic_ns()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1'000'000'000ull + (uint64_t)ts.tv_nsec;
}

// True if SIGINT or SIGTERM waits for the kernel thread to read it. Thread-safe.
int pending_stop_signal()
{
    sigset_t set;
    sigpending(&set);
    return sigismember(&set, SIGINT) ? SIGINT : sigismember(&set, SIGTERM) ? SIGTERM : 0;
}

void handler(int, siginfo_t *, void *uc)
{
    if (active_watchdog)
        active_watchdog->on_signal(uc);
}

}  // namespace

void report_soft_lockup(Kernel &k, const TaskInfo &t, uint64_t secs, const std::vector<uintptr_t> &frames,
                        bool pc_first)
{
    Reports &rp = k.reports();
    Printk &log = k.log();
    rp.count_bug();
    log.emit(0, strprintf("watchdog: BUG: soft lockup - CPU#%u stuck for %llus! [%s:%d]", t.cpu,
                          (unsigned long long)secs, t.comm, t.pid));
    log.emit(4, "Modules linked in: " + rp.linked_in());
    log.emit(4, rp.cpu_line(t));
    log.emit(4, "Hardware name: kshim userspace kernel emulation");
    std::vector<uintptr_t> trace = frames;
    if (pc_first && !trace.empty()) {
        log.emit(4, "RIP: 0010:" + k.symbols().text(trace.front(), 'S'));
        trace.erase(trace.begin());
    }
    rp.call_trace(trace, 4);
    rp.add_taint(TaintSoftlockup);
}

HostWatchdog::HostWatchdog(Kernel &k, const Heartbeat &hb, uint64_t thresh_ns)
    : k_(k), hb_(hb), thresh_ns_(thresh_ns), kernel_thread_(pthread_self())
{
    struct sigaction sa {};
    sa.sa_sigaction = &handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(watchdog_signal(), &sa, nullptr);
    active_watchdog = this;
    thread_ = std::thread([this] { thread_main(); });
}

HostWatchdog::~HostWatchdog()
{
    {
        std::lock_guard<std::mutex> g(stop_lock_);
        stop_ = true;
    }
    stop_cv_.notify_one();
    thread_.join();
    active_watchdog = nullptr;
    signal(watchdog_signal(), SIG_DFL);
}

// The thread: one look every kPollNs, until stopped or fired (after firing it re-sends while
// the handler asks to retry).
void HostWatchdog::thread_main()
{
    uint64_t last_beats = hb_.beats.load(std::memory_order_relaxed), since = monotonic_ns();
    for (;;) {
        {
            std::unique_lock<std::mutex> l(stop_lock_);
            if (stop_cv_.wait_for(l, std::chrono::nanoseconds(kPollNs), [this] { return stop_; }))
                return;
        }
        uint64_t now = monotonic_ns(), beats = hb_.beats.load(std::memory_order_relaxed);
        if (beats != last_beats || hb_.idle.load(std::memory_order_relaxed)) {
            last_beats = beats;
            since = now;
            why_ = 0;   // the kernel thread moved on: a retry is no longer due
            continue;
        }
        uint64_t stuck = now - since;
        if (why_) {   // fired already: the handler asked for a retry
            pthread_kill((pthread_t)kernel_thread_, watchdog_signal());
        } else if (thresh_ns_ && stuck > thresh_ns_) {
            fire(Why::SoftLockup, stuck / 1'000'000'000ull);
        } else if (int sig = stuck > kSignalGraceNs ? pending_stop_signal() : 0) {
            fire(Why::Signal, (uint64_t)sig);
        }
    }
}

void HostWatchdog::fire(Why why, uint64_t value)
{
    value_ = value;
    why_ = (int)why;
    pthread_kill((pthread_t)kernel_thread_, watchdog_signal());
}

void HostWatchdog::on_signal(void *ucv)
{
    auto *uc = static_cast<ucontext_t *>(ucv);
    const Why why = (Why)why_.load();
    if (why == Why::None)   // a late signal: the kernel thread reached a switch point meanwhile
        return;
    const uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    // Interrupted inside the C library (malloc, stdio), printing could corrupt its state; the
    // thread tries again shortly, and gives up waiting after kMaxRetries.
    if (!k_.module_map().find(pc) && ++retries_ < kMaxRetries)
        return;
    uintptr_t frames[64];
    size_t n = capture_backtrace_from_signal(uc, frames, 64);
    std::vector<uintptr_t> trace(frames, frames + n);
    const TaskInfo t = k_.reports().current();
    if (why == Why::SoftLockup) {
        report_soft_lockup(k_, t, value_, trace, true);
        k_.end_run(strprintf("kshim: end of run: %s:%d ran without reaching a switch point for %llus", t.comm,
                             t.pid, (unsigned long long)value_.load()), 1);
    }
    const int sig = (int)value_.load();
    const char *name = sig == SIGINT ? "SIGINT" : "SIGTERM";
    k_.log().emit(4, strprintf("kshim: %s while %s:%d runs without reaching a switch point; the run ends here",
                               name, t.comm, t.pid));
    print_interrupted(k_, trace);
    k_.end_run(strprintf("kshim: end of run: interrupted by %s", name), 128 + sig);
}

}  // namespace kshim
