// Kernel-style bug reports: WARNING, BUG, invalid context, hung tasks, dump_stack.
#include "debug/report.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "debug/backtrace.hpp"
#include "debug/symbolizer.hpp"
#include "kernel.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"

#include "linux/utsname.h"

namespace kshim {

Reports::Reports(Kernel &k) : k_(k)
{
    for (const std::string &name : k.options().no_detectors)
        silence(name);
}

bool Reports::known_name(const std::string &name)
{
    for (const ReportKindInfo &i : kReportKinds)
        if (name == i.name || name == i.detector)
            return true;
    return false;
}

bool Reports::silence(const std::string &name)
{
    bool any = false;
    for (unsigned i = 0; i < (unsigned)ReportKind::Count; ++i)
        if (name == kReportKinds[i].name || name == kReportKinds[i].detector) {
            silenced_ |= 1ull << i;
            any = true;
        }
    return any;
}

// The innermost frame of `frames` (return addresses) in module code, or 0. May allocate.
static uintptr_t first_module_frame(Symbolizer &sym, const std::vector<uintptr_t> &frames)
{
    for (uintptr_t pc : frames)
        if (!sym.lookup(pc - 1).module.empty())
            return pc - 1;
    return 0;
}

bool Reports::record(ReportKind kind, const std::string &headline, uintptr_t ip)
{
    if (silenced(kind))
        return false;
    ++by_kind_[(unsigned)kind];
    if (kind_info(kind).severity == Severity::Bug)
        ++bugs_;
    else
        ++warnings_;
    const TaskInfo t = current();
    Symbolizer &sym = k_.symbols();
    SymbolInfo where = sym.lookup(ip ? ip : first_module_frame(sym, capture_backtrace(1)));
    records_.push_back({kind, t.comm, t.pid, where.module, where.name, headline});
    return true;
}

std::string Reports::summary_by_kind() const
{
    std::string s;
    for (unsigned i = 0; i < (unsigned)ReportKind::Count; ++i)
        if (by_kind_[i])
            s += strprintf("%s%s %u", s.empty() ? "" : ", ", kReportKinds[i].name, by_kind_[i]);
    return s;
}

TaskInfo Reports::current() const { return src_.current ? src_.current() : TaskInfo{}; }

std::string Reports::linked_in() const { return src_.modules_linked_in ? src_.modules_linked_in() : std::string(); }

const char *Reports::ident()
{
    // As the kernel's dump_stack_print_info(): the release, then the version up to its first space.
    static const std::string s = [] {
        const new_utsname *u = init_utsname();
        return std::string(u->release) + ' ' + std::string(u->version, std::strcspn(u->version, " "));
    }();
    return s.c_str();
}

std::string Reports::tainted() const
{
    static const char flags[][2] = {{'P', 'G'}, {'F', ' '}, {'S', ' '}, {'R', ' '}, {'M', ' '},
                                    {'B', ' '}, {'U', ' '}, {'D', ' '}, {'A', ' '}, {'W', ' '},
                                    {'C', ' '}, {'I', ' '}, {'O', ' '}, {'E', ' '}, {'L', ' '},
                                    {'K', ' '}, {'X', ' '}, {'T', ' '}, {'N', ' '}};
    if (!taint_)
        return "Not tainted";
    std::string s = "Tainted: ";
    for (unsigned i = 0; i < sizeof flags / sizeof flags[0]; ++i)
        s.push_back(flags[i][(taint_ >> i) & 1 ? 0 : 1]);
    return s;
}

std::string Reports::cpu_line(const TaskInfo &t) const
{
    return strprintf("CPU: %u PID: %d Comm: %.16s %s %s", t.cpu, t.pid, t.comm,
                     tainted().c_str(), ident());
}

void Reports::call_trace(const std::vector<uintptr_t> &frames, int level)
{
    Printk &log = k_.log();
    log.emit(level, "Call Trace:");
    log.emit(level, " <TASK>");
    for (const std::string &line : call_trace_lines(k_.symbols(), frames))
        log.emit(level, " " + line);
    log.emit(level, " </TASK>");
}

void Reports::dump_stack(int level, unsigned skip)
{
    Printk &log = k_.log();
    log.emit(level, cpu_line(current()));
    log.emit(level, "Hardware name: kshim userspace kernel emulation");
    call_trace(capture_backtrace(skip + 1), level);
}

void Reports::warn(const char *file, int line, uintptr_t ip, const std::string &msg, ReportKind kind)
{
    Printk &log = k_.log();
    const TaskInfo t = current();
    if (!record(kind, msg.empty() ? strprintf("WARNING: at %s:%d", file, line) : msg, ip))
        return;
    log.emit(4, "------------[ cut here ]------------");
    if (!msg.empty())
        log.emit(4, msg);
    const std::string where = k_.symbols().text(ip, 'S');
    log.emit(4, strprintf("WARNING: CPU: %u PID: %d at %s:%d %s", t.cpu, t.pid, file, line,
                          where.c_str()));
    log.emit(4, "Modules linked in: " + linked_in());
    log.emit(4, cpu_line(t));
    log.emit(4, "Hardware name: kshim userspace kernel emulation");
    log.emit(4, "RIP: 0010:" + where);
    call_trace(capture_backtrace(2), 4);
    log.emit(4, "---[ end trace 0000000000000000 ]---");
    add_taint(TaintWarn);  // last, as the kernel's __warn(): the report shows the taint before it
}

void Reports::bug(const char *file, int line, uintptr_t ip)
{
    Printk &log = k_.log();
    const TaskInfo t = current();
    // Not silenced like the others: the task dies either way, and the log says why.
    record(ReportKind::Bug, strprintf("kernel BUG at %s:%d!", file, line), ip);
    log.emit(4, "------------[ cut here ]------------");
    log.emit(2, strprintf("kernel BUG at %s:%d!", file, line));
    log.emit(4, strprintf("invalid opcode: 0000 [#%u] PREEMPT SMP NOPTI", ++oopses_));
    log.emit(4, cpu_line(t));
    add_taint(TaintDie);  // after the CPU line: the kernel taints when the oops is over
    log.emit(4, "Hardware name: kshim userspace kernel emulation");
    const std::string where = k_.symbols().text(ip, 'S');
    log.emit(4, "RIP: 0010:" + where);
    call_trace(capture_backtrace(2), 4);
    log.emit(4, "Modules linked in: " + linked_in());
    log.emit(4, "---[ end trace 0000000000000000 ]---");
    kill_current_task();
}

std::string Reports::message(const char *fmt, va_list ap)
{
    if (!fmt)
        return {};
    std::string msg = vstrprintf(fmt, ap);
    if (!msg.empty() && msg.back() == '\n')
        msg.pop_back();
    return msg;
}

void Reports::refcount_warn(const char *file, int line, uintptr_t ip, const char *what)
{
    Kernel *k = Kernel::active();
    if (!k) {
        std::fprintf(stderr, "refcount_t: %s\n", what);
        return;
    }
    k->reports().warn(file, line, ip, std::string("refcount_t: ") + what);
}

void Reports::panic(const std::string &msg)
{
    Printk &log = k_.log();
    log.emit(0, "Kernel panic - not syncing: " + msg);
    dump_stack(0, 2);  // not this frame nor the panic() bridge
    log.emit(0, "---[ end Kernel panic - not syncing: " + msg + " ]---");
    log.flush();
    _exit(1);
}

void Reports::end_case_task()
{
    case_hook_.died();
    std::abort();   // died() ends the task: never here
}

void Reports::kill_current_task()
{
    if (in_case())   // a KUnit case's task: it dies alone, its case fails, the run goes on
        end_case_task();
    const TaskInfo t = current();
    k_.log().flush();
    std::fprintf(stderr, "kshim: task %s:%d oopsed; the run ends here (a real kernel would kill the task and go on, tainted)\n",
                 t.comm, t.pid);
    std::fflush(stderr);
    _exit(1);
}

void Reports::check_might_sleep(const char *file, int line)
{
    const TaskInfo t = current();
    if (!t.is_task || (t.preempt_count == 0 && t.irqs_off == 0))
        return;
    const std::string head = strprintf("BUG: sleeping function called from invalid context at %s:%d", file, line);
    if (!record(ReportKind::SleepInAtomic, head))
        return;
    Printk &log = k_.log();
    log.emit(3, head);
    log.emit(3, strprintf("in_atomic(): %d, irqs_disabled(): %d, non_block: 0, pid: %d, name: %s",
                          t.preempt_count != 0, t.irqs_off ? 1 : 0, t.pid, t.comm));
    log.emit(3, strprintf("preempt_count: %x, expected: 0", t.preempt_count));
    log.emit(3, "RCU nest depth: 0, expected: 0");
    dump_stack(4, 2);
}

void Reports::scheduling_while_atomic(const TaskInfo &t)
{
    const std::string head = strprintf("BUG: scheduling while atomic: %s/%d/0x%08x", t.comm, t.pid, t.preempt_count);
    if (!record(ReportKind::SchedulingWhileAtomic, head))
        return;
    Printk &log = k_.log();
    log.emit(3, head);
    log.emit(4, "Modules linked in: " + linked_in());
    dump_stack(4, 2);
}

void Reports::error_with_stack(const std::string &msg)
{
    k_.log().emit(3, msg);
    dump_stack(4, 2);
}

void Reports::hung_task(const TaskInfo &t, const std::vector<uintptr_t> &stack, uint64_t timeout_secs)
{
    const std::string head = strprintf("INFO: task %s:%d blocked for more than %llu seconds.", t.comm, t.pid,
                                       (unsigned long long)timeout_secs);
    if (!record(ReportKind::HungTask, head, first_module_frame(k_.symbols(), stack)))
        return;
    Printk &log = k_.log();
    log.emit(3, head);
    log.emit(3, strprintf("      %s %s", tainted().c_str(), ident()));
    log.emit(3, "\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.");
    show_task(t, 'D', stack);
    show_all_locks();
}

void Reports::show_all_locks()
{
    // As khungtaskd does with lockdep: every lock held in the system, which often names the
    // lock the task waits for.
    if (!src_.locks_held || !src_.locks_held())
        return;
    Printk &log = k_.log();
    log.emit(4, "");
    log.emit(4, "Showing all locks held in the system:");
    src_.show_all_locks();
    log.emit(4, "");
    log.emit(4, "=============================================");
}

void Reports::show_task(const TaskInfo &t, char state, const std::vector<uintptr_t> &stack)
{
    k_.log().emit(6, strprintf("task:%-15.15s state:%c stack:0     pid:%-5d ppid:0      flags:0x00004000", t.comm,
                               state, t.pid));
    call_trace(stack, 6);
}

void Reports::not_implemented(const char *name)
{
    if (in_case())   // a KUnit case that needs what kshim lacks is skipped, never failed
        case_hook_.lacks(name);
    const std::string head = strprintf("kshim: %s is not implemented", name);
    if (!record(ReportKind::NotImplemented, head))
        return;
    k_.log().emit(3, head);
    dump_stack(4, 2);
}

void Reports::fatal_outside_task(const char *what)
{
    k_.log().flush();
    std::fprintf(stderr, "kshim: %s called outside any kernel task (from the host thread); "
                         "run module code through the kernel's tasks\n", what);
    std::abort();
}

}  // namespace kshim
