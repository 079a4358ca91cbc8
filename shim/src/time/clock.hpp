// The one shim clock: virtual (discrete events) or real (paced by the host), plus jiffies.
#pragma once

#include <cstdint>

namespace kshim {

enum class TimeMode { Virtual, Real };

inline constexpr uint64_t kNsecPerSec = 1'000'000'000ull;
inline constexpr unsigned kHz = 250;
inline constexpr uint64_t kTickNsec = kNsecPerSec / kHz;
inline constexpr unsigned long kInitialJiffies = (unsigned long)(unsigned int)(-300 * (int)kHz);

// Nanoseconds since the kernel started. Virtual time moves only by advance_to(); real time
// follows CLOCK_MONOTONIC, and advance_to() waits for it. Not thread-safe: the runtime runs on
// one host thread.
class Clock {
public:
    explicit Clock(TimeMode mode);

    TimeMode mode() const { return mode_; }
    // Atomic-safe. In real mode this reads the host clock (and publishes jiffies); in virtual
    // mode it is one load, inline, as the workqueue's hot path reads it twice per item.
    uint64_t now() { return mode_ == TimeMode::Real ? now_real() : now_; }
    unsigned long jiffies() { return jiffies_at(now()); }
    static unsigned long jiffies_at(uint64_t ns) { return kInitialJiffies + (unsigned long)(ns / kTickNsec); }
    static uint64_t ns_of_jiffy(unsigned long j) { return (uint64_t)(j - kInitialJiffies) * kTickNsec; }
    // Virtual: jumps to ns (never backwards). Real: blocks until the host clock reaches ns, or
    // until signal_fd becomes readable; returns false in that case.
    bool advance_to(uint64_t ns);
    // Moves the clock forward at once in either mode (hung-task detection, busy-loop charges).
    void skip(uint64_t delta_ns);
    // Wall-clock offset for ktime_get_real(): fixed in virtual mode, the host's in real mode.
    uint64_t real_offset() const { return real_offset_; }
    void set_signal_fd(int fd) { signal_fd_ = fd; }
    // A host file (the --mount FUSE session) whose readiness also ends a real-time wait early:
    // advance_to then returns false and take_io_wake() says so (once). -1 removes it.
    void set_io_fd(int fd);
    bool take_io_wake()
    {
        bool w = io_woke_;
        io_woke_ = false;
        return w;
    }
    void publish();  // copies the tick count into the C-visible jiffies variables
    // __round_jiffies(_up): the absolute jiffy j rounded to a whole second (a multiple of HZ,
    // skewed by 3 jiffies per CPU so that CPUs do not all fire at once), down when less than
    // a quarter second past it unless force_up; j itself if the result is not after `now`.
    // The _relative forms round now + delta and give back the delta. Atomic-safe.
    static unsigned long round_jiffies(unsigned long j, unsigned long now, unsigned cpu, bool force_up);
    static unsigned long round_jiffies_relative(unsigned long delta, unsigned long now, unsigned cpu,
                                                bool force_up);

private:
    uint64_t now_real();
    uint64_t host_ns() const;
    bool wait_real(uint64_t target_ns);

    TimeMode mode_;
    uint64_t now_ = 0;         // virtual: the time; real: last value read
    uint64_t host_base_ = 0;   // real: host monotonic time at start
    uint64_t skipped_ = 0;     // real: time skipped forward
    uint64_t real_offset_ = 0;
    int signal_fd_ = -1;
    int timer_fd_ = -1;
    int epoll_fd_ = -1;
    int io_fd_ = -1;
    bool io_woke_ = false;
};

// The timer wheel's granularity (Linux 6.1 kernel/time/timer.c): a timer armed at jiffy `now`
// for jiffy `expires` fires at the first tick of its bucket, which is up to one level's
// granularity late. Level 0 (delta < 63) fires one jiffy after expires.
unsigned long wheel_fire_jiffy(unsigned long expires, unsigned long now);

}  // namespace kshim
