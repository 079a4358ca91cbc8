// The C++ test API: a kernel in virtual time that tests drive, load modules into and inspect.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace kshim {
class Kernel;
class UserTask;
}

namespace kshim::testing {

// One printk record: when, at which level, who printed it (the task's comm and pid, 0 outside
// any task; an interrupt handler shows as swapper/N) on which CPU, and its text.
struct LogLine {
    uint64_t ts_ns;
    int level;
    std::string text;
    std::string task;
    int pid = 0;
    unsigned cpu = 0;
};

// One workqueue's counters (the runner's --wq-stats): items accepted, run to completion,
// refused as already pending, dropped by a bounded queue, the deepest backlog, the longest wait.
struct WorkqueueStats {
    std::string name;
    bool destroyed = false;
    uint64_t queued = 0;
    uint64_t executed = 0;
    uint64_t rejected = 0;
    uint64_t dropped = 0;
    uint64_t max_depth = 0;
    uint64_t longest_wait_ns = 0;
};

// One live allocation a module's code made (kmalloc, kmem_cache, vmalloc, pages).
struct AllocationInfo {
    size_t size = 0;
    std::string kind;    // "kmalloc", "vmalloc", "cache", "pages"
    std::string site;    // the allocating call site, "my_init+0x1c/0x60 [mydrv]"
    std::string task;    // who allocated it, and when
    uint64_t ns = 0;
};

// One task that has not ended: its state letter as ps shows it (R running or runnable, S, D,
// I idle, P parked), whether it has started, its CPU, the module whose code it runs, and what it
// blocks on ("completion my_done [mydrv]", "mutex big_lock [mydrv], held by insmod:100",
// "timer at 2.016000", "" when runnable).
struct TaskState {
    int pid = 0;
    std::string comm;
    char state = 'R';
    bool started = false;
    unsigned cpu = 0;
    std::string kind;    // "kthread", "worker", "insmod", "rmmod", "test", "user"
    std::string module;
    std::string waits;
};

struct Config {
    unsigned cpus = 2;
    bool virtual_time = true;
    int console_fd = -1;   // -1: keep the log as records only; 1: also print it
    int console_level = 8;
    std::vector<std::string> no_detectors;   // as --no-detector: kinds or detectors silenced
    std::vector<std::string> fail;           // as --fail: "kmalloc:probability=100,times=2"
    unsigned long fail_nth = 0;              // as --fail-nth
    // Scheduling (docs/testing.md, "Exploring schedules"): the policy as --sched takes it
    // ("fifo", "random", "pct", "pct:D"), its seed (also get_random's) and, for the exploring
    // policies, the optional preemption points as --preempt-points takes them.
    std::string sched = "fifo";
    uint64_t seed = 0x6b73686d;
    std::string preempt_points = "all";
    // KFENCE (docs/detectors.md): -1 guards every kmalloc and kmem_cache allocation while its
    // pool lasts, 0 none, N one allocation every N ms of kernel time (the runner's --kfence).
    long kfence_sample_ms = -1;
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

// The outcome of a system call a user task made: ret as libc returns it (-1 on failure, with
// err the errno), data what a read brought, revents what poll saw. done is false while the call
// is blocked in the kernel (finish it with User::wait once something wakes it).
struct SysResult {
    long ret = 0;
    int err = 0;
    bool done = true;
    std::string data;
    short revents = 0;
};

// A user process (one task: current->mm set, its own pid and comm) making file system calls
// with user buffers it owns. Each call runs in the task and the kernel runs until the call
// ends or nothing is left to run now (a call blocked in wait_event_interruptible returns with
// done == false and stays pending; the task's other calls must wait for it).
class User {
public:
    int pid() const;
    SysResult open(const std::string &path, int flags = 2 /* O_RDWR */);
    SysResult read(int fd, size_t n);
    SysResult write(int fd, const std::string &data);
    // read/write with a raw user address (not owned memory faults: -EFAULT).
    SysResult read_at(int fd, uintptr_t addr, size_t n);
    SysResult write_at(int fd, uintptr_t addr, size_t n);
    SysResult lseek(int fd, long off, int whence);
    SysResult ioctl(int fd, unsigned cmd, unsigned long arg);
    // ioctl whose argument points at a user buffer holding buf; buf gets its contents after.
    SysResult ioctl_buf(int fd, unsigned cmd, std::string &buf);
    SysResult poll(int fd, short events, int timeout_ms);
    // fcntl(2): F_GETFL, F_SETFL (O_ASYNC reaches the driver's fasync), F_GETOWN, F_SETOWN,
    // F_GETSIG, F_SETSIG.
    SysResult fcntl(int fd, int cmd, unsigned long arg = 0);
    SysResult close(int fd);
    // Runs the kernel until the pending call ends (up to limit_ns of clock time); its result.
    SysResult wait(uint64_t limit_ns = 3600ull * 1000000000ull);
    bool busy() const;
    // Sends sig to the task (a pending call in an interruptible sleep ends with EINTR).
    void signal(int sig);
    // The signals the process received since the last call, bit sig - 1 (a kill_fasync's SIGIO,
    // signal()'s): every signal is caught, none ends the process.
    unsigned long signals();
    // User memory of n zeroed bytes this task owns (for ioctl arguments), where the test reads
    // and writes it; the call takes it to the module as the user address (its PROT_NONE view).
    uintptr_t alloc(size_t n);

    explicit User(Kernel &k, UserTask *t) : k_(k), t_(t) {}

private:
    SysResult call(std::function<long()> body, std::function<void(SysResult &)> after = {});
    SysResult finish();
    Kernel &k_;
    UserTask *t_;
    std::function<void(SysResult &)> after_;
    char *buf_ = nullptr;
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

    // --- Driving (the test's side: the host thread, outside any kernel task) ---
    // Runs until pred() holds (checked between scheduling steps) or `limit_ns` of clock time
    // passes; whether pred held.
    bool run_until(const std::function<bool()> &pred, uint64_t limit_ns = 3600ull * 1000000000ull);
    // The clock jumps by ns at once, nothing running meanwhile (a stalled host or a paused VM);
    // the timers that fell due in between fire late, before this returns.
    void advance_clock(uint64_t ns);
    // The address of a symbol of a loaded module: any symbol of its symbol table (an
    // EXPORT_SYMBOL one, a global, a static function or object); nullptr if there is none.
    void *symbol(const std::string &module, const std::string &name) const;
    // Calls the module's function fn(args...) in a new kernel task ("test", process context, may
    // sleep) and returns its result once it returns. Throws std::invalid_argument for a symbol
    // the module lacks. R and A must be the function's own return and parameter types.
    template <class R = long, class... A>
    R call(const std::string &module, const std::string &fn, A... args);
    // queue_work(wq, work) as from outside any task (an interrupt would do the same): `work`
    // is a struct work_struct * (e.g. symbol("mydrv", "my_work")), wq a workqueue's name
    // ("events" is system_wq). queue_work's result; nothing runs before this returns, the item
    // runs when the kernel next runs. Throws for an unknown workqueue.
    bool queue_work(void *work, const std::string &wq = "events");
    // complete (or complete_all) on a struct completion *, likewise: a waiter woken runs when
    // the kernel next runs.
    void complete(void *completion, bool all = false);

    // --- Observing ---
    // Each workqueue's counters, in creation order; one by name (throws if there is none).
    std::vector<WorkqueueStats> workqueue_stats() const;
    WorkqueueStats workqueue_stats(const std::string &name) const;
    // The live allocations made by the named module's code.
    std::vector<AllocationInfo> allocations(const std::string &module) const;
    // Every task that has not ended (not the boot task), in creation order.
    std::vector<TaskState> tasks() const;
    // The fallible calls module code made so far (kmalloc, alloc_workqueue, request_irq...):
    // what Config::fail_nth counts, so a test can fail each of them in turn.
    unsigned long fallible_calls() const;

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

    // mknod PATH c MAJOR MINOR (dev as MKDEV makes it): 0, -EEXIST or -ENOENT (no directory).
    int make_device_node(const std::string &path, unsigned dev, unsigned mode = 0600);

    // A new user process named comm (owned by this kernel; several may run at once).
    User &user(const std::string &comm = "test-user");

private:
    std::unique_ptr<Kernel> k_;
    std::vector<std::unique_ptr<UserTask>> user_tasks_;
    std::vector<std::unique_ptr<User>> users_;
};

// ---- Schedule exploration (h-explore; shim/src/testing/explore.cpp) -----------------------
// What explore() or replay() found.
struct ExploreResult {
    bool failed = false;            // some run failed
    unsigned runs = 0;              // runs made, the failing one included
    uint64_t seed = 0;              // the failing run's seed: replay(seed, fn, cfg) makes it again
    std::string sched;              // its policy and seed, as the runner prints them
    std::string why;                // what failed: the first report's headline, or fn's verdict
    std::vector<std::string> log;   // the failing run's printk texts
    explicit operator bool() const { return failed; }
    // One line for a test's failure message: the run, why, and the replay call.
    std::string describe() const;
};
// A run's check: fn drives a fresh kernel (load, run, unload) and returns false if what it
// sees is wrong. A run also fails when fn throws (a failed REQUIRE) or the kernel reported a
// BUG or WARNING (a deadlock, an oops in a task, a failed KUnit case).
using ExploreFn = std::function<bool(TestKernel &)>;
// Runs fn up to n times, each in a fresh TestKernel of cfg with seed first_seed, first_seed+1,
// ...; cfg.sched "fifo" explores with "random". Stops at the first failing run.
ExploreResult explore(unsigned n, const ExploreFn &fn, Config cfg = {}, uint64_t first_seed = 1);
// explore()'s run with that seed alone: the same interleaving and log, byte for byte.
ExploreResult replay(uint64_t seed, const ExploreFn &fn, Config cfg = {});
// ---- end of schedule exploration ----------------------------------------------------------
template <class R, class... A>
R TestKernel::call(const std::string &module, const std::string &fn, A... args)
{
    void *p = symbol(module, fn);
    if (!p)
        throw std::invalid_argument("no symbol " + fn + " in module " + module);
    auto *f = reinterpret_cast<R (*)(A...)>(p);
    if constexpr (std::is_void_v<R>) {
        run_task([&] { f(args...); return 0L; });
    } else {
        R r{};
        run_task([&] { r = f(args...); return 0L; });
        return r;
    }
}

}  // namespace kshim::testing
