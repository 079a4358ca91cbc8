// The C++ test API: a kernel in virtual time that tests drive, load modules into and inspect.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kshim {
class Kernel;
}

namespace kshim::testing {

struct LogLine {
    uint64_t ts_ns;
    int level;
    std::string text;
};

struct Config {
    unsigned cpus = 2;
    bool virtual_time = true;
    int console_fd = -1;   // -1: keep the log as records only; 1: also print it
    int console_level = 8;
    std::vector<std::string> no_detectors;   // as --no-detector: kinds or detectors silenced
    std::vector<std::string> fail;           // as --fail: "kmalloc:probability=100,times=2"
    unsigned long fail_nth = 0;              // as --fail-nth
};

// One bug report as data (docs/detectors.md lists the kinds and detectors).
struct Report {
    std::string kind;       // "circular-locking", "warning", ...
    std::string detector;   // "lockdep", "warn", ...
    std::string task;       // the task it happened in ("insmod", "kworker/0:1", ...)
    int pid = 0;
    std::string module;     // the module of `function`; empty when no module code was involved
    std::string function;   // the module function the report is about
    std::string text;       // the report's headline as printed
};

struct UnloadResult {
    int error = 0;         // 0, -EWOULDBLOCK (in use) or -EBUSY (no exit function)
    bool exit_finished = true;
    unsigned tasks_left = 0;
    size_t leaks = 0;
};

// One emulated kernel. Only one may exist at a time. Not thread-safe.
class TestKernel {
public:
    explicit TestKernel(const Config &cfg = {});
    ~TestKernel();
    TestKernel(const TestKernel &) = delete;
    TestKernel &operator=(const TestKernel &) = delete;

    // insmod: 0 or a negative errno (init's return value, or a load/parameter error).
    int load(const std::string &ko_path, const std::vector<std::string> &params = {});
    UnloadResult unload(const std::string &name);
    // Runs body in a new kernel task ("test") until it returns; returns its result.
    long run_task(const std::function<long()> &body, const std::string &name = "test");
    // Advances the kernel (tasks and timers) by ns of its clock.
    void run_for(uint64_t ns);
    // Runs until nothing is runnable and no timer is pending; false if that never happens
    // within `limit_ns` of clock time.
    bool run_until_idle(uint64_t limit_ns = 3600ull * 1000000000ull);

    // A device raises interrupt line irq: its handlers run (in swapper/N, the idle context of
    // the line's CPU) before this returns, with what they wake left to later runs.
    void raise_irq(unsigned irq);
    // The outside world puts value (0 or 1) on GPIO line `line` of the simulated chip; an edge
    // its interrupt asks for is taken before this returns, as with raise_irq.
    void set_gpio(unsigned line, int value);
    // The level of a GPIO line now (what an LED on it shows); -1 for no such line.
    int get_gpio(unsigned line) const;

    uint64_t now_ns() const;
    unsigned long jiffies() const;
    std::vector<LogLine> log() const;
    std::vector<std::string> log_texts() const;   // finalized record texts, in order
    bool log_contains(const std::string &needle) const;
    unsigned bugs() const;
    unsigned warnings() const;
    // Every report of the run so far, in order; how many are of a kind (or of a detector).
    std::vector<Report> reports() const;
    unsigned report_count(const std::string &kind_or_detector) const;
    size_t live_allocations() const;
    Kernel &kernel() { return *k_; }

private:
    std::unique_ptr<Kernel> k_;
};

}  // namespace kshim::testing
