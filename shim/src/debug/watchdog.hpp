// The lockup watchdogs' host side: the heartbeat the scheduler beats at switch points, and the
// host thread that catches a task running without one (soft lockup) or ignoring a signal.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace kshim {

class Kernel;
struct TaskInfo;

// Beaten by the one kernel thread at every switch point, read by the watchdog thread. `idle`
// says the kernel thread blocks on purpose (an idle wait in real time), when no beat is due.
// Single writer; every member is lock-free and atomic-safe.
struct Heartbeat {
    std::atomic<uint64_t> beats{0};
    std::atomic<bool> idle{false};
    void beat() { beats.store(beats.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed); }
};

// The watchdog thread (any time mode). Every few milliseconds it looks at the heartbeat: no
// beat for `thresh_ns` of real time while the kernel thread is not idle is a soft lockup; a
// pending SIGINT/SIGTERM with no beat for kSignalGraceNs means the running task will never
// reach the point where the signal is read. Either way it interrupts the kernel thread with a
// real-time signal (SIGRTMIN+4), whose handler prints the report with the interrupted task's
// backtrace, flushes the log and ends the run. Created and destroyed on the kernel thread.
class HostWatchdog {
public:
    static constexpr uint64_t kSignalGraceNs = 300'000'000;
    static constexpr uint64_t kPollNs = 10'000'000;

    // thresh_ns 0: only the signal check runs.
    HostWatchdog(Kernel &k, const Heartbeat &hb, uint64_t thresh_ns);
    ~HostWatchdog();
    HostWatchdog(const HostWatchdog &) = delete;
    HostWatchdog &operator=(const HostWatchdog &) = delete;

    // The handler's work, on the kernel thread interrupted at uc (a ucontext_t). Never returns
    // unless it must retry (the kernel thread was inside the C library); the thread re-sends.
    void on_signal(void *uc);

private:
    // Why the thread fired. None -> SoftLockup or Signal when it interrupts the kernel thread
    // (it re-sends while the handler declines, inside the C library); back to None once the
    // kernel thread beats again (the handler then ignores a late signal).
    enum class Why : int { None, SoftLockup, Signal };
    void thread_main();
    void fire(Why why, uint64_t value);

    Kernel &k_;
    const Heartbeat &hb_;
    uint64_t thresh_ns_;
    unsigned long kernel_thread_;    // pthread_t of the kernel thread
    std::mutex stop_lock_;            // with stop_cv_: the destructor wakes the thread at once
    std::condition_variable stop_cv_;
    bool stop_ = false;
    std::atomic<int> why_{0};
    std::atomic<uint64_t> value_{0};  // soft lockup: the seconds stuck; signal: its number
    unsigned retries_ = 0;
    std::thread thread_;
};

// The soft-lockup report of kernel/watchdog.c ("watchdog: BUG: soft lockup - CPU#N stuck for
// Ns! [NAME:PID]"), with the modules, the task's CPU line and the trace `frames` (frames[0] the
// interrupted PC when pc_first). Taints 'L' after it, as 6.1 does. Any context, no sleeping.
void report_soft_lockup(Kernel &k, const TaskInfo &t, uint64_t secs, const std::vector<uintptr_t> &frames,
                        bool pc_first);

}  // namespace kshim
