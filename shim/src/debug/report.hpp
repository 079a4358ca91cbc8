// The kernel's bug reports (BUG, WARNING, oops, hung task, invalid context) in its own wording.
#pragma once

#include <cstdarg>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "debug/report_kinds.hpp"

namespace kshim {

class Kernel;

// What a report says about a task: a snapshot its owner (sched) takes, so debug needs no Task.
struct TaskInfo {
    unsigned cpu = 0;
    int pid = 0;
    const char *comm = "swapper/0";   // the task's own comm array; valid while it lives
    int preempt_count = 0;
    int irqs_off = 0;
    bool is_task = false;             // false: the host thread (reports show the boot task)
    uintptr_t stack_lo = 0, stack_hi = 0;   // its fiber stack, 0 when it has none
    uintptr_t guard_lo = 0, guard_hi = 0;   // faults in here are stack overflows
};

// The facts reports print that other subsystems own. The composition root installs them once
// every subsystem exists, so debug depends on none of sched, module and locking (they call
// into debug, never the reverse). Each may be called from any context, including the
// fatal-signal handler; none may sleep.
struct ReportSources {
    std::function<TaskInfo()> current;              // sched: the running task, or the boot task
    std::function<std::string()> modules_linked_in; // module: "Modules linked in:" names
    std::function<bool()> locks_held;               // locking: does any task hold a lock?
    std::function<void()> show_all_locks;           // locking: each holder's held-lock list
    // mm: a page fault at addr that KFENCE owns is reported and let through (true); false for
    // any other address. frames[0] is the faulting PC. From the SIGSEGV handler.
    std::function<bool(uintptr_t addr, bool is_write, const std::vector<uintptr_t> &frames)> guarded_fault;
    // fs: addr is in a user task's user view (a present user page that SMAP keeps the kernel
    // out of). From the SIGSEGV handler.
    std::function<bool(uintptr_t addr)> user_page;
};

// The hook through which KUnit takes a fault in one of its case tasks (installed by Kunit, so
// debug does not depend on kunit): in_case says whether the current task is a case's; died
// ends that task after a BUG or oops (its case fails), lacks after a call of an API kshim does
// not implement (its case is skipped). Neither returns. Called in the faulting task.
struct CaseHook {
    std::function<bool()> in_case;
    std::function<void()> died;
    std::function<void(const char *api)> lacks;
};

// One report as data (the test API's records): its kind, the task it happened in, and where.
struct ReportRecord {
    ReportKind kind;
    std::string task;        // comm of the current task ("swapper/0" outside any task)
    int pid = 0;
    std::string module;      // the module of `function`, empty for kshim's own code
    std::string function;    // the module function that made the report happen, if any
    std::string text;        // the report's headline, as printed
};

// Taint flags as in 6.1 (include/linux/panic.h), printed as "Tainted: G        W  O".
enum Taint : unsigned { TaintProprietary = 0, TaintBadPage = 5, TaintWarn = 9, TaintOot = 12, TaintDie = 7,
               TaintSoftlockup = 14 };

// The kernel's bug reports, printed through printk in the kernel's wording. Every member may
// be called from any context (process, softirq, atomic, or the host thread outside any task)
// and none sleeps; the reports that end the run say so.
class Reports {
public:
    // Silences what the kernel's options (no_detectors) name.
    explicit Reports(Kernel &k);

    // Called once by Kernel when every subsystem exists, process context.
    void set_sources(ReportSources s) { src_ = std::move(s); }
    // ReportSources::guarded_fault, false when none is installed. From the SIGSEGV handler.
    bool guarded_fault(uintptr_t addr, bool is_write, const std::vector<uintptr_t> &frames) const
    {
        return src_.guarded_fault && src_.guarded_fault(addr, is_write, frames);
    }
    // ReportSources::user_page, false when none is installed. From the SIGSEGV handler.
    bool user_page(uintptr_t addr) const { return src_.user_page && src_.user_page(addr); }
    // The running task as reports show it (the boot task before sched exists). Atomic-safe.
    TaskInfo current() const;
    // "Modules linked in:" names, newest first; empty before modules exist. Atomic-safe.
    std::string linked_in() const;

    // Counters and taint: atomic-safe, no allocation.
    unsigned bugs() const { return bugs_; }
    unsigned warnings() const { return warnings_; }
    unsigned long taint() const { return taint_; }
    void add_taint(unsigned flag) { taint_ |= 1ul << flag; }
    // Older callers that do not name their kind: an Unclassified record (prefer record()).
    void count_bug(ReportKind kind = ReportKind::Unclassified) { record(kind, {}); }
    void count_warning() { ++warnings_; }

    // Every report goes through here before it prints: false when its kind or detector is
    // silenced for this run (the caller then prints nothing); otherwise it is counted (by kind,
    // and as a BUG or WARNING) and kept as a record. ip: the code the report is about (0: the
    // innermost module frame of the current stack). Any context; allocates.
    bool record(ReportKind kind, const std::string &headline, uintptr_t ip = 0);
    bool silenced(ReportKind kind) const { return silenced_ >> (unsigned)kind & 1; }
    // --no-detector=NAME: silences the kind of that name, or every kind of that detector;
    // false when NAME is neither. Process context, before the run.
    bool silence(const std::string &name);
    // Whether NAME names a kind or a detector (the runner checks its options). Any context.
    static bool known_name(const std::string &name);
    unsigned count(ReportKind kind) const { return by_kind_[(unsigned)kind]; }
    const std::vector<ReportRecord> &records() const { return records_; }
    // "circular-locking 1, warning 2": the non-zero counts by kind, empty when none. Any context.
    std::string summary_by_kind() const;

    // "6.1.0-kshim #1": the release and build number report headers print (from utsname).
    // Atomic-safe; no allocation after the first call.
    static const char *ident();
    // "CPU: 0 PID: 100 Comm: insmod Tainted: G        W         6.1.0-kshim #1". Atomic-safe.
    std::string cpu_line(const TaskInfo &t) const;
    // "Not tainted" or "Tainted: G        W  O". Atomic-safe.
    std::string tainted() const;
    // " name+0x1c/0x4d [mod]" lines between <TASK> and </TASK>; runtime internals are skipped.
    // Atomic-safe.
    void call_trace(const std::vector<uintptr_t> &frames, int level);
    // The CPU line and the current call trace, less `skip` callers. Atomic-safe.
    void dump_stack(int level, unsigned skip);

    // WARN(): the cut-here report, then taints 'W'. Atomic-safe.
    void warn(const char *file, int line, uintptr_t ip, const std::string &msg,
              ReportKind kind = ReportKind::Warning);
    // The text of a printf-style report message (fmt may be NULL: no message), without its
    // trailing newline. Any context.
    static std::string message(const char *fmt, va_list ap);
    // refcount_t's saturation and underflow warnings ("refcount_t: what"); without a kernel
    // (C library checks) the line goes to stderr. Any context.
    static void refcount_warn(const char *file, int line, uintptr_t ip, const char *what);
    // BUG(): the oops report; the current task dies (kill_current_task). Does not return.
    [[noreturn]] void bug(const char *file, int line, uintptr_t ip);
    // might_sleep(): reports when the current task is atomic (preempt count or irqs off).
    void check_might_sleep(const char *file, int line);
    // schedule() from atomic context, by the task t. Called by the scheduler, atomic-safe.
    void scheduling_while_atomic(const TaskInfo &t);
    // An error line with a stack dump (KERN_ERR). Atomic-safe.
    void error_with_stack(const std::string &msg);
    // khungtaskd: t has slept uninterruptibly for timeout_secs; `stack` is its sleeping stack.
    // Also lists every lock held in the system. Called by the scheduler, atomic-safe.
    void hung_task(const TaskInfo &t, const std::vector<uintptr_t> &stack, uint64_t timeout_secs);
    // debug_show_all_locks, when some task holds a lock: "Showing all locks held in the
    // system:" and each holder's list. Atomic-safe.
    void show_all_locks();
    // sched_show_task: "task:NAME state:C stack:0 pid:N ..." and the task's sleeping stack.
    // Atomic-safe.
    void show_task(const TaskInfo &t, char state, const std::vector<uintptr_t> &stack);
    // A kernel API kshim does not implement was called. Atomic-safe.
    void not_implemented(const char *name);
    // A kernel API that needs a task ran on the host thread: flushes the log and aborts.
    [[noreturn]] void fatal_outside_task(const char *what);
    // "Kernel panic - not syncing: msg" with a stack dump; flushes the log and ends the run.
    [[noreturn]] void panic(const std::string &msg);
    // The current task dies after an oops (BUG()). A real kernel goes on without it, tainted;
    // kshim flushes the log and ends the run.
    [[noreturn]] void kill_current_task();
    // KUnit's hook (see CaseHook); in_case() is false without one. Atomic-safe.
    void set_case_hook(CaseHook h) { case_hook_ = std::move(h); }
    bool in_case() const { return case_hook_.in_case && case_hook_.in_case(); }
    // Ends the current case's task after an oops (the signal handler's way back). Never returns.
    [[noreturn]] void end_case_task();

private:
    Kernel &k_;
    ReportSources src_;
    unsigned bugs_ = 0;
    unsigned warnings_ = 0;
    unsigned long taint_ = 0;
    unsigned oopses_ = 0;
    unsigned long long silenced_ = 0;                     // bit per ReportKind
    unsigned by_kind_[(unsigned)ReportKind::Count] = {};
    std::vector<ReportRecord> records_;
    CaseHook case_hook_;
};
static_assert((unsigned)ReportKind::Count <= 64, "Reports::silenced_ has a bit per kind");

}  // namespace kshim
