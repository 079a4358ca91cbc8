// The kernel's bug reports (BUG, WARNING, oops, hung task, invalid context) in its own wording.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kshim {

class Kernel;
struct Task;

// Taint flags as in 6.1 (include/linux/panic.h), printed as "Tainted: G        W  O".
enum Taint : unsigned { TaintProprietary = 0, TaintWarn = 9, TaintOot = 12, TaintDie = 7 };

class Reports {
public:
    explicit Reports(Kernel &k) : k_(k) {}

    unsigned bugs() const { return bugs_; }
    unsigned warnings() const { return warnings_; }
    unsigned long taint() const { return taint_; }
    void add_taint(unsigned flag) { taint_ |= 1ul << flag; }
    void count_bug() { ++bugs_; }
    void count_warning() { ++warnings_; }

    // "6.1.0-kshim #1": the release and build number report headers print (from utsname).
    // Atomic-safe; no allocation after the first call.
    static const char *ident();
    // "CPU: 0 PID: 100 Comm: insmod Tainted: G        W         6.1.0-kshim #1"
    std::string cpu_line(const Task *t) const;
    std::string tainted() const;
    // " name+0x1c/0x4d [mod]" lines between <TASK> and </TASK>; runtime internals are skipped.
    void call_trace(const std::vector<uintptr_t> &frames, int level);
    void dump_stack(int level, unsigned skip);

    // Each may be called from any context; each prints through printk.
    void warn(const char *file, int line, uintptr_t ip, const std::string &msg);
    [[noreturn]] void bug(const char *file, int line, uintptr_t ip);
    void check_might_sleep(const char *file, int line);
    void scheduling_while_atomic(Task *t);
    void error_with_stack(const std::string &msg);
    void hung_task(Task *t, const std::vector<uintptr_t> &stack);
    void not_implemented(const char *name);
    [[noreturn]] void fatal_outside_task(const char *what);
    // "Kernel panic - not syncing: msg" with a stack dump; flushes the log and ends the run.
    [[noreturn]] void panic(const std::string &msg);
    // The current task dies after an oops (BUG()); the run goes on without it.
    [[noreturn]] void kill_current_task();

private:
    Kernel &k_;
    unsigned bugs_ = 0;
    unsigned warnings_ = 0;
    unsigned long taint_ = 0;
    unsigned oopses_ = 0;
};

}  // namespace kshim
