// The cooperative scheduler: tasks on fibers over N virtual CPUs, FIFO within priority classes.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "debug/watchdog.hpp"
#include "sched/fiber_sanitizer.hpp"
#include "sched/policy.hpp"
#include "sched/sched_trace.hpp"
#include "sched/stack_pool.hpp"
#include "sched/task.hpp"
#include "time/clock.hpp"
#include "time/timer_queue.hpp"

namespace kshim {

class Kernel;
struct TaskInfo;

// The switch path's private steps are hidden: only libkshim calls them, so they bind locally
// and the compiler may inline them within scheduler.cpp (it may not inline an interposable
// symbol of a -fPIC library).
#define KSHIM_SCHED_LOCAL __attribute__((visibility("hidden")))
// The steps of one task switch (wake, schedule, leave, pick, enter, jump), defined in
// scheduler.cpp and used only there: inlined into each caller, so that the switch path is one
// straight function with no calls but the run's goal and the context switch itself.
#define KSHIM_SCHED_INLINE __attribute__((visibility("hidden"), always_inline)) inline

// Why run() returned.
enum class RunResult {
    Done,       // the caller's condition holds
    Deadline,   // the clock reached the deadline
    Idle,       // nothing can ever happen again: no runnable task, no timer
    Signal,     // SIGINT/SIGTERM arrived
};

// The goal of a run(): a plain function and its argument, which the switch path tests between
// any two tasks (cheaper than a std::function's call). A goal that cannot hold while a task is
// queued (quiescence; none, for a run to a deadline) says so, and the direct switch, which
// always has a task queued, does not test it. Atomic-safe if the predicate is.
struct RunGoal {
    bool (*test)(const void *ctx);
    const void *ctx;
    bool false_while_queued = false;
    bool operator()() const { return test(ctx); }
};

class Scheduler {
public:
    static constexpr uint64_t kSliceNs = 4'000'000;      // one tick, as need_resched
    static constexpr uint64_t kBusyChargeNs = 1'000;     // virtual time a busy-loop step costs
    static constexpr unsigned kSignalPollEvery = 4096;

    Scheduler(Kernel &k, unsigned cpus);
    ~Scheduler();

    unsigned cpus() const { return cpus_; }
    Task *running() const { return current_; }
    Task &boot_task() { return *boot_; }
    // The task the caller runs on: the running one, or on the host the task call_on_host_as
    // lends its identity, else the boot task. Atomic-safe.
    Task &current_or_boot() { return current_ ? *current_ : host_as_ ? *host_as_ : *boot_; }
    // Runs func(info) on the host thread as task t, without a fiber switch: current_or_boot() is
    // t inside, running() stays nullptr, so func must not sleep (schedule() there is fatal, a
    // busy wait moves the clock, as any code on the host). Irqs uses it to take a per-CPU vector
    // in swapper/N. False, and func not called, if a task runs now or t's CPU is held by an
    // atomic busy wait. Atomic-safe if func is.
    bool call_on_host_as(Task &t, void (*func)(void *), void *info);

    // Creates a task in the Created state (not yet runnable); the caller wakes it.
    Task *create(TaskKind kind, std::string name, std::function<long()> body);
    // try_to_wake_up: wakes t if its state matches mask. Atomic-safe. Returns 1 if woken.
    int wake(Task *t, unsigned mask);
    // wake_up_process/wake_up_state: wake, then the wakeup preemption point. Any context.
    int wake_up_task(Task *t, unsigned mask);
    // An optional preemption point of `kind` (kPointUnlock, ...): the running task may give way
    // here if the run's policy takes that kind of point (never under FIFO). A no-op outside a
    // task and in atomic context. Call it only where a switch is safe (all state consistent).
    void preempt_point(unsigned kind)
    {
        if (points_ & kind) [[unlikely]]
            take_preempt_point();
    }
    // The run's policy and seed (Options::sched, Options::seed).
    const SchedConfig &config() const { return cfg_; }
    // Called on a task: sleeps if a sleep state is set, else yields. May sleep.
    void schedule();
    // schedule() with a timeout in jiffies; returns the jiffies left. May sleep.
    long schedule_timeout(long timeout);
    // Sleeps (state) until the absolute time ns. May sleep.
    void sleep_until(uint64_t ns, unsigned state);
    // Keeps the CPU busy until ns (udelay): other tasks may run meanwhile. Atomic-safe.
    void busy_wait_until(uint64_t ns);
    // cond_resched/yield (relax false) or cpu_relax (relax true): maybe switch. Charges busy
    // time in virtual mode. cond_resched and yield schedule, so they touch the soft-lockup
    // watchdog; cpu_relax does not. Atomic-safe (cpu_relax); may sleep (the others).
    void voluntary_point(bool force_yield, bool relax = false);
    // Ends the current task now with `result` (kthread_exit). Never returns.
    [[noreturn]] void exit_current(long result);
    // Abandons a task that must never run again (its module is gone). Not on the current task.
    void kill(Task *t);
    // Runs func(info) in the current task as if on `cpu`, with preemption disabled: how kshim
    // stands in for an IPI (on_each_cpu, smp_call_function_single). Atomic-safe if func is.
    void call_on_cpu(unsigned cpu, void (*func)(void *), void *info);
    // on_each_cpu: call_on_cpu for every virtual CPU in turn. Atomic-safe if func is.
    void call_on_each_cpu(void (*func)(void *), void *info);

    // set_user_nice: the static priority of nice, and the run-queue class it falls in (high
    // below 0, low above). Atomic-safe.
    void set_nice(Task *t, long nice);
    // sched_setscheduler: any real-time policy runs in the high class. Atomic-safe.
    void set_policy(Task *t, int policy);
    // sched_set_normal: SCHED_NORMAL at nice. Atomic-safe.
    void set_normal(Task *t, long nice);
    // find_task_by_vpid: the live task with pid, or nullptr. Atomic-safe.
    Task *find_by_pid(int pid) const;

    // Signals to tasks (kernel/signal.c for kthreads). A task takes only the signals it allowed
    // (allow_signal); send_signal() drops the others, as 6.1 does for a kthread's ignored
    // signals, and wakes an allowed one's target from TASK_INTERRUPTIBLE (SIGKILL also from
    // TASK_KILLABLE). Returns 0, or -EINVAL for a bad number. Atomic-safe.
    int send_signal(Task *t, int sig);
    // allow_signal/disallow_signal on the current task; disallowing drops a pending one.
    void allow_signal(int sig, bool allow);
    static bool signal_pending(const Task &t) { return t.sig_pending() != 0; }
    static bool signal_has(const Task &t, int sig) { return sig >= 1 && sig <= 64 && (t.sig_pending() >> (sig - 1)) & 1; }
    // signal_pending_state: would a sleep in `state` be cut short by a pending signal?
    static bool signal_pending_state(unsigned state, const Task &t);
    // kernel_dequeue_signal: the lowest pending signal of the current task, taken off; 0 if none.
    int dequeue_signal();
    // local_irq_save: disables irqs on the current task (nesting); returns whether they were
    // off already, which local_irq_restore gives back: restoring "on" enables them outright.
    // Atomic-safe.
    unsigned long irq_save();
    void irq_restore(unsigned long flags);
    // local_irq_enable on the current task. Atomic-safe.
    void irq_enable();
    // Hardirqs (hard) are about to go back on for t, or softirqs just did: tells the irq-on
    // hook when t holds locks (lockdep's mark_held_locks). Atomic-safe.
    void note_irqs_on(Task &t, bool hard)
    {
        if (t.locks_held && irqs_on_) [[unlikely]]
            irqs_on_(hard);
    }

    // Runs tasks and timers until done() holds, the clock passes deadline, or nothing can run.
    template <class F>
    RunResult run(const F &done, std::optional<uint64_t> deadline = {})
    {
        return run_goal({[](const void *c) -> bool { return (*static_cast<const F *>(c))(); }, &done}, deadline);
    }
    RunResult run_goal(RunGoal done, std::optional<uint64_t> deadline);
    // run() with no goal: until the deadline, or (none) until nothing can run.
    RunResult run_until(std::optional<uint64_t> deadline);
    // run() until quiescent() holds, or the deadline.
    RunResult run_until_quiescent(std::optional<uint64_t> deadline = {});
    bool quiescent() const;
    // Detectors above sched (the workqueue watchdog) checked whenever the scheduler idles.
    // Process context, at construction and teardown.
    void add_idle_watch(IdleWatch *w);
    void remove_idle_watch(IdleWatch *w);
    // What the host watchdog thread watches: beaten at every switch point.
    const Heartbeat &heartbeat() const { return heartbeat_; }
    // The kernel thread is about to block on purpose (an idle wait): no beats are due. Host.
    void set_idle_wait(bool idle) { heartbeat_.idle.store(idle, std::memory_order_relaxed); }
    size_t runnable() const { return queued_; }
    // Host I/O in the real-time event loop (the --mount FUSE session): when fd becomes readable
    // during an idle wait, serve() runs on the host thread (it may wake tasks) and the run goes
    // on. fd -1 removes it. Host context.
    void set_io_source(int fd, std::function<void()> serve);
    // --user programs (fs/host_process.hpp): when nothing is runnable, before the clock moves,
    // wait(until) waits for the host processes that run outside kshim (until: the next event's
    // time in real time; none in virtual time, where the clock waits for them). It returns
    // whether the run can go on (it woke a task). nullptr removes it. Host context.
    void set_host_wait(std::function<bool(std::optional<uint64_t>)> wait) { host_wait_ = std::move(wait); }
    const std::deque<std::unique_ptr<Task>> &tasks() const { return tasks_; }
    // A stack dump of a sleeping task, taken by briefly resuming it (hung-task reports).
    std::vector<uintptr_t> dump_stack_of(Task *t);
    // What reports print about t (debug's TaskInfo). Atomic-safe.
    static TaskInfo info(const Task &t);
    // khungtaskd's report on t, which sleeps and cannot be woken. Host or task context.
    void report_hung(Task *t);
    // Called as a task that holds locks (locks_held) ends, on that task: lockdep's exit check,
    // installed by the composition root. Atomic-safe.
    void set_exit_check(std::function<void(Task &)> f) { exit_check_ = std::move(f); }
    // Called on the current task, holding locks, as hardirqs (true) or softirqs (false) are
    // re-enabled: lockdep's irq-on tracing, installed by the composition root. Atomic-safe.
    void set_irqs_on_hook(std::function<void(bool)> f) { irqs_on_ = std::move(f); }
    // The deadlock report (sched/deadlock.cpp): nothing is runnable, no timer is pending, and
    // `waiter` (insmod, rmmod, a test's task), which the outside waits for, is blocked: every
    // blocked task with its state, what it waits for and its stack, then the wait-for cycle
    // where the primitives name the task waited for. Host context.
    void report_deadlock(const Task &waiter);
    // A task parked in kshim_switch was resumed with kshim_switch_slow set: it serves the stack
    // dump asked of it (sched/switch_tail.hpp). On that task.
    void landed();
    // The tracer's sched_switch/sched_wakeup hook (nullptr: tracing off). Process context.
    void set_trace(SchedTrace *t)
    {
        trace_ = t;
        set_detour(kDetourTrace, t != nullptr);
    }
    // Kernel::signalled() changed: while a SIGINT/SIGTERM waits, every switch goes back to the
    // run loop's caller. Atomic-safe.
    void note_signalled(bool on) { set_detour(kDetourSignal, on); }

private:
    // Why a switch must take the general path instead of the direct one (detour_'s bits): no
    // run() in progress, a signal waits, the tracer is on, an exploring policy or a held CPU
    // picks the next task, the run's goal must be tested between tasks (it may hold while a
    // task is queued). The direct path tests the one word.
    static constexpr unsigned kDetourNoRun = 1, kDetourSignal = 2, kDetourTrace = 4, kDetourPick = 8, kDetourGoal = 16;
    void set_detour(unsigned bit, bool on) { detour_ = on ? detour_ | bit : detour_ & ~bit; }
    void note_pick() { set_detour(kDetourPick, policy_ || holders_); }   // policy_ or holders_ changed
    // wake() and schedule() themselves, which the public ones and the switch path call.
    KSHIM_SCHED_INLINE int try_wake(Task *t, unsigned mask);
    KSHIM_SCHED_INLINE void do_schedule(Task *t);
    KSHIM_SCHED_INLINE bool quick_ready(const Task *t) const;
    KSHIM_SCHED_LOCAL void schedule_general();
    KSHIM_SCHED_LOCAL void schedule_after_prepare(Task *t, uint64_t now);
    KSHIM_SCHED_LOCAL void switch_to_picked(Task *t, Task *next, uint64_t now);
    KSHIM_SCHED_INLINE void note_left(Task *t, uint64_t now, bool sleeps);
    KSHIM_SCHED_LOCAL int wake_then_point(Task *t, unsigned mask);
    KSHIM_SCHED_INLINE uint64_t schedule_prepare(Task *t);
    KSHIM_SCHED_INLINE void enqueue(Task *t);
    KSHIM_SCHED_INLINE Task *dequeue();
    KSHIM_SCHED_INLINE Task *dequeue_fifo();
    __attribute__((visibility("hidden"), noinline)) int wake_slow(Task *t, unsigned mask);
    KSHIM_SCHED_INLINE void wake_preempt(Task *t);
    void unlink(Task *t);
    void collect_runnable();
    Task *policy_dequeue();
    bool policy_switch(Task *t, bool forced);
    void take_preempt_point();
    KSHIM_SCHED_INLINE void enter(Task *t, uint64_t now);
    KSHIM_SCHED_INLINE void occupy(Task *t, uint64_t now);
    KSHIM_SCHED_INLINE void leave(Task *t);
    KSHIM_SCHED_INLINE void leave_untraced(Task *t);
    KSHIM_SCHED_INLINE void jump(Task *self, Task *to);
    KSHIM_SCHED_LOCAL fiber_san::Stack stack_of(const Task *t) const;
    KSHIM_SCHED_INLINE void arrived(void *fake_stack);
    KSHIM_SCHED_INLINE Task *direct_next(Task *t, uint64_t now);
    KSHIM_SCHED_INLINE bool direct_clear(uint64_t now) const;
    KSHIM_SCHED_INLINE Task *take_next(Task *t);
    KSHIM_SCHED_LOCAL Task *direct_next_slow(Task *t, uint64_t now);
    void switch_to(Task *t);
    KSHIM_SCHED_INLINE void switch_out(Task *t, uint64_t now);
    KSHIM_SCHED_INLINE Task *pick_next(Task *t, uint64_t now);
    KSHIM_SCHED_LOCAL void switch_to_next(Task *t, Task *next, uint64_t now);
    void serve_dumps(Task *t);
    KSHIM_SCHED_LOCAL void start_fiber(Task *t);
    void resume_fiber(Task *t);
    void abandon(Task *t);
    void finish(Task *t, long result);
    bool should_preempt(const Task *t) const;
    RunResult run_loop(RunGoal done, const std::optional<uint64_t> &deadline);
    RunResult idle(const std::optional<uint64_t> &deadline, bool &progressed);
    bool wait_until(uint64_t ns);
    RunResult cut_short(bool &progressed);
    uint64_t next_check(bool with_hung);
    void run_checks(uint64_t at, bool with_hung);
    uint64_t hung_due(const Task &t) const;
    void report_hung_tasks(uint64_t at);
    static void timer_wake(Timer *timer);
    KSHIM_SCHED_INLINE void maybe_poll_signal();
    void check_softlockup(Task *t);
    Task *task_at(const void *ts) const;
    Task *lock_owner(const void *obj) const;
    Task *waits_for(const Task &t) const;
    Task *sole_signaller(const Task &t, const std::vector<Task *> &stuck) const;
    Task *waits_for_among(const Task &t, const std::vector<Task *> &stuck) const;
    std::string describe_wait(const Task &t);
    std::string find_cycle(const std::vector<Task *> &stuck) const;

    Kernel &k_;
    SchedTrace *trace_ = nullptr;
    SchedConfig cfg_;
    std::unique_ptr<Policy> policy_;   // nullptr under FIFO
    unsigned points_ = 0;              // cfg_.points under an exploring policy, else 0
    std::vector<Task *> runnable_;     // collect_runnable's list (kept to spare allocations)
    // Task-to-task switching: every suspended context, the host's included, sits in a slot
    // (the host's main_ctx_, a task's *fiber); jump() parks the running one in its slot and
    // resumes another, which stores what it was resumed from into save_to_.
    boost::context::fiber main_ctx_;
    fiber_san::Stack host_stack_;      // ASan builds: the host's stack, learnt as it switches away
    boost::context::detail::fcontext_t *save_to_ = nullptr;
    Task *jumper_ = nullptr;           // the task that jumped last (nullptr: the host)
    Task *dumper_ = nullptr;           // who asked dump_stack_of (nullptr: the host)
    const RunGoal *done_ = nullptr;    // the goal of the run() in progress
    unsigned detour_ = kDetourNoRun;   // kDetour* bits: why the direct switch may not be taken
    std::function<void(Task &)> exit_check_;
    std::function<void(bool)> irqs_on_;
    std::function<void()> io_serve_;   // set_io_source's
    std::function<bool(std::optional<uint64_t>)> host_wait_;   // set_host_wait's
    bool io_served_ = false;           // the last idle wait ended for host I/O, not a signal
    unsigned cpus_;
    Task *current_ = nullptr;
    Task *host_as_ = nullptr;   // call_on_host_as: whose identity the host thread has now
    std::unique_ptr<Task> boot_;
    std::deque<std::unique_ptr<Task>> tasks_;
    Task *pick_unheld();
    void hold_cpu(Task *t);
    void release_cpu(unsigned cpu);
    std::vector<Task *> holder_;   // per CPU: a task busy-waiting in atomic context keeps it
    unsigned holders_ = 0;
    Task *rq_head_[3] = {nullptr, nullptr, nullptr};
    Task *rq_tail_[3] = {nullptr, nullptr, nullptr};
    size_t queued_ = 0;
    int next_pid_ = 100;
    StackPool stacks_;
    unsigned poll_countdown_ = kSignalPollEvery;
    Heartbeat heartbeat_;
    std::vector<IdleWatch *> watches_;
    uint64_t hung_next_ = UINT64_MAX;   // khungtaskd's next check that reports someone (or earlier)
};

}  // namespace kshim
