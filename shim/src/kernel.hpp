// The composition root: one emulated kernel (clock, scheduler, log, memory, modules) per object.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "debug/fault_inject.hpp"
#include "globals.hpp"
#include "lib/random.hpp"
#include "sched/policy.hpp"
#include "module/address_map.hpp"
#include "time/clock.hpp"
#include "time/timer_queue.hpp"

namespace kshim {

class Scheduler;
class Printk;
class Memory;
class PerCpu;
class Modules;
class Symbolizer;
class Reports;
class Kthreads;
class Kunit;
class Softirq;
class Irqs;
class Tasklets;
class IrqWork;
class Gpio;
class TimerLists;
class Hrtimers;
class Locking;
class Workqueues;
class Delay;
class Notifiers;
struct FreedRange;
class Vfs;
class Devices;
class UserAccess;
class Sysfs;
class Debugfs;
class HostWatchdog;
class Tracer;
class OnStackObjects;
struct OnStackObject;
enum class OnStackKind : uint8_t;
struct Task;

struct Options {
    unsigned cpus = 2;
    TimeMode time = TimeMode::Virtual;
    int console_level = 8;      // like dmesg: every level is shown
    bool timestamps = true;
    bool console_color = false;    // dmesg's colours on the console (the runner's --color)
    unsigned console_levels = 0xff;   // bit N: console shows level N (the runner's --level)
    bool console_raw = false;      // the runner's --raw: no "kshim: " lines on the console
    int console_fd = 1;            // -1: keep records only
    int signal_fd = -1;            // the runner's signalfd for SIGINT/SIGTERM
    bool wq_stats = false;
    // The detectors' thresholds (0 turns one off): the soft-lockup watchdog (Linux: twice
    // watchdog_thresh), khungtaskd's hung_task_timeout_secs, the workqueue watchdog's
    // workqueue.watchdog_thresh; host_watchdog starts the real-time watchdog thread (runner).
    uint64_t softlockup_thresh_ns = 20'000'000'000ull;
    uint64_t hung_timeout_ns = 120'000'000'000ull;
    uint64_t wq_watchdog_thresh_ns = 30'000'000'000ull;
    bool host_watchdog = false;
    // KFENCE (mm/kfence.hpp): -1 guards every allocation (the test API's default), 0 none, N
    // one allocation every N ms of kernel time (kfence.sample_interval; the runner's --kfence).
    int64_t kfence_sample_ms = 100;
    uint64_t seed = 0x6b73686d;    // get_random_*() and the exploring policies: deterministic per seed
    SchedConfig sched;             // --sched, --preempt-points (sched/policy.hpp)
    std::vector<std::string> no_detectors;  // --no-detector: kinds or detectors silenced
    FaultConfig faults;            // --fail, --fail-nth
    bool trace = false;            // record tracepoints (--trace, --trace-text, --timeline)
};

// Owns every subsystem. There is one current kernel (the C API's target); a test may create
// and destroy kernels one after another. Not thread-safe: everything runs on one host thread.
class Kernel {
public:
    explicit Kernel(const Options &opts = {});
    ~Kernel();
    Kernel(const Kernel &) = delete;
    Kernel &operator=(const Kernel &) = delete;

    static Kernel *active() { return current_; }
    // The current kernel, for the C bridges; aborts with a message if there is none. Any context.
    static Kernel &get()
    {
        if (!current_) [[unlikely]]
            no_kernel();
        return *current_;
    }

    const Options &options() const { return opts_; }
    Clock &clock() { return clock_; }
    TimerQueue &timers() { return timers_; }
    Delay &delay() { return *delay_; }
    Scheduler &sched() { return *sched_; }
    Printk &log() { return *log_; }
    Memory &mm() { return *mm_; }
    PerCpu &percpu() { return *percpu_; }
    Modules &modules() { return *modules_; }
    ModuleAddressMap &module_map() { return module_map_; }
    Symbolizer &symbols() { return *symbols_; }
    Reports &reports() { return *reports_; }
    FaultInject &faults() { return *faults_; }
    Kthreads &kthreads() { return *kthreads_; }
    Kunit &kunit() { return *kunit_; }
    Softirq &softirq() { return *softirq_; }
    Irqs &irqs() { return *irqs_; }
    Tasklets &tasklets() { return *tasklets_; }
    IrqWork &irq_work() { return *irq_work_; }
    Gpio &gpio() { return *gpio_; }
    TimerLists &timer_lists() { return *timer_lists_; }
    Hrtimers &hrtimers() { return *hrtimers_; }
    Locking &locking() { return *locking_; }
    Workqueues &workqueues() { return *workqueues_; }
    Vfs &fs() { return *fs_; }
    Devices &devices() { return *devices_; }
    UserAccess &uaccess() { return *uaccess_; }
    Sysfs &sysfs() { return *sysfs_; }
    Debugfs &debugfs() { return *debugfs_; }
    Notifiers &notifiers() { return *notifiers_; }
    OnStackObjects &onstack() { return *onstack_; }   // debugobjects' on-stack registry
    Tracer &trace() { return *trace_; }    // tracepoints: hook sites test trace().on() first
    Random &random() { return random_; }  // get_random_*(): same seed, same numbers

    // SIGINT/SIGTERM handling for runs with a signalfd: poll without blocking.
    void poll_signal();
    void note_signal() { set_signalled(true); }
    bool signalled() const { return signalled_; }
    void clear_signal() { set_signalled(false); }  // the runner acted on it (went to rmmod)
    // A SIGINT/SIGTERM came at some point: the run should unload and end. Atomic-safe.
    bool stop_requested() const { return signals_seen_ > 0; }
    // Ends the run at once: `why` goes to the log as kshim's last line, the log is flushed, the
    // process exits with status. Any context (a task, the host thread, a signal handler).
    [[noreturn]] void end_run(const std::string &why, int status);
    void console_flush_if_real();
    // debug_check_no_obj_freed: the active work items, timers, hrtimers and tasklets inside r
    // are reported (ODEBUG free active) and cancelled. Atomic-safe.
    void check_no_obj_freed(const FreedRange &r);
    // destroy_*_on_stack: check_no_obj_freed, and the on-stack objects in r are forgotten.
    void destroy_on_stack(const FreedRange &r);
    // debugobjects' on-stack objects (debug/onstack.hpp), which the root ties to the tasks and
    // to the owners of their queues. INIT_*_ONSTACK from module code at return address caller:
    // an object on the running task's stack is registered (that task's dead frames are retired
    // first); null if it is not on it.
    OnStackObject *register_onstack(const void *addr, size_t size, OnStackKind kind, uintptr_t caller);
    // At a switch point of t (running, on its own stack), and before the workqueue links an
    // item while t has on-stack objects: those whose frame has returned are retired.
    void check_onstack(Task &t);
    // t ended (report) or was killed (silently: its killer reported it): all of its objects are.
    void onstack_task_gone(Task &t, bool report);

private:
    void retire_onstack(const std::vector<OnStackObject *> &dead);
    void forget_onstack(OnStackObject *o);
    void install_report_sources();
    void install_debug_hooks();

    [[noreturn]] static void no_kernel();
    static inline Kernel *current_ = nullptr;
    Options opts_;
    Globals globals_;               // the C ABI globals: reset at construction and teardown
    Clock clock_;
    TimerQueue timers_;
    ModuleAddressMap module_map_;   // filled by Modules; read by mm, kthread, workqueue
    std::unique_ptr<Printk> log_;
    std::unique_ptr<Symbolizer> symbols_;
    std::unique_ptr<Reports> reports_;
    std::unique_ptr<OnStackObjects> onstack_;
    std::unique_ptr<FaultInject> faults_;
    std::unique_ptr<Memory> mm_;
    std::unique_ptr<PerCpu> percpu_;
    std::unique_ptr<Scheduler> sched_;
    std::unique_ptr<Tracer> trace_;
    std::unique_ptr<Delay> delay_;
    std::unique_ptr<Kthreads> kthreads_;
    std::unique_ptr<Kunit> kunit_;
    std::unique_ptr<Softirq> softirq_;
    std::unique_ptr<Irqs> irqs_;
    std::unique_ptr<Tasklets> tasklets_;
    std::unique_ptr<IrqWork> irq_work_;
    std::unique_ptr<Gpio> gpio_;
    std::unique_ptr<TimerLists> timer_lists_;
    std::unique_ptr<Hrtimers> hrtimers_;
    std::unique_ptr<Locking> locking_;
    std::unique_ptr<Workqueues> workqueues_;
    std::unique_ptr<Vfs> fs_;
    std::unique_ptr<Devices> devices_;
    std::unique_ptr<UserAccess> uaccess_;
    std::unique_ptr<Sysfs> sysfs_;
    std::unique_ptr<Debugfs> debugfs_;
    std::unique_ptr<Notifiers> notifiers_;
    std::unique_ptr<Modules> modules_;
    std::unique_ptr<HostWatchdog> watchdog_;
    bool signalled_ = false;
    unsigned signals_seen_ = 0;   // SIGINT/SIGTERM read so far; the second ends the run
    void on_stop_signal(int sig);
    void set_signalled(bool on);   // signalled_, told to the scheduler's switch path
    Random random_;
};

}  // namespace kshim
