// The trace in ftrace's own text layout: 6.1's trace file header, context columns and formats.
#include <string>

#include "printk/strprintf.hpp"
#include "trace/sinks.hpp"
#include "trace/tracer.hpp"

namespace kshim {

namespace {

// 6.1's timer flag bits in timer_start's flags (include/linux/timer.h).
constexpr unsigned kTimerCpuMask = 0x0003ffff, kTimerMigrating = 0x00040000, kTimerDeferrable = 0x00080000,
                   kTimerPinned = 0x00100000, kTimerIrqsafe = 0x00200000, kTimerArrayShift = 22;

// decode_timer_flags: the set flags, '|'-separated.
std::string timer_flags(unsigned f)
{
    static const std::pair<unsigned, const char *> names[] = {
        {kTimerMigrating, "M"}, {kTimerDeferrable, "D"}, {kTimerPinned, "P"}, {kTimerIrqsafe, "I"}};
    std::string out;
    for (const auto &[bit, name] : names)
        if (f & bit)
            out += (out.empty() ? "" : "|") + std::string(name);
    return out;
}

// decode_hrtimer_mode: __print_symbolic over the twelve modes, hex for anything else.
std::string hrtimer_mode(int64_t mode)
{
    static const char *const names[] = {"ABS", "REL", "ABS|PINNED", "REL|PINNED", "ABS|SOFT", "REL|SOFT",
                                        "ABS|PINNED|SOFT", "REL|PINNED|SOFT", "ABS|HARD", "REL|HARD",
                                        "ABS|PINNED|HARD", "REL|PINNED|HARD"};
    return mode >= 0 && mode < 12 ? names[mode] : strprintf("0x%lx", (unsigned long)mode);
}

// show_softirq_name.
const char *softirq_name(int64_t vec)
{
    static const char *const names[] = {"HI", "TIMER", "NET_TX", "NET_RX", "BLOCK", "IRQ_POLL",
                                        "TASKLET", "SCHED", "HRTIMER", "RCU"};
    return vec >= 0 && vec < 10 ? names[vec] : "?";
}

// sched_switch's prev_state: the state letters ('|'-joined), "R" for none, "+" when preempted.
std::string switch_state(int64_t s)
{
    static const std::pair<int64_t, const char *> names[] = {{0x1, "S"}, {0x2, "D"}, {0x4, "T"}, {0x8, "t"},
                                                             {0x10, "X"}, {0x20, "Z"}, {0x40, "P"}, {0x80, "I"}};
    std::string out;
    for (const auto &[bit, name] : names)
        if (s & bit)
            out += (out.empty() ? "" : "|") + std::string(name);
    return (out.empty() ? "R" : out) + (s & 0x100 ? "+" : "");
}

// trace_print_lat_fmt: irqs-off/BH, need-resched, hardirq/softirq, preempt depth, migrate-disable.
std::string flags_field(const TraceEvent &e)
{
    const bool off = e.flags & TraceIrqsOff, bh = e.flags & TraceBhOff;
    const bool hard = e.flags & TraceHardirq, soft = e.flags & TraceSoftirq;
    std::string f;
    f += off && bh ? 'D' : off ? 'd' : bh ? 'b' : '.';
    f += e.flags & TraceNeedResched ? 'n' : '.';
    f += hard && soft ? 'H' : hard ? 'h' : soft ? 's' : '.';
    f += e.depth ? "0123456789abcdef"[e.depth & 0xf] : '.';
    f += '.';
    return f;
}

// The header the trace file starts with (print_trace_header's nop-tracer form, with irq info).
std::string header(size_t entries, unsigned cpus)
{
    std::string h = "# tracer: nop\n#\n";
    h += strprintf("# entries-in-buffer/entries-written: %zu/%zu   #P:%u\n#\n", entries, entries, cpus);
    const char *pad = "#                              ";
    h += std::string(pad) + "  _-----=> irqs-off/BH-disabled\n";
    h += std::string(pad) + " / _----=> need-resched\n";
    h += std::string(pad) + "| / _---=> hardirq/softirq\n";
    h += std::string(pad) + "|| / _--=> preempt-depth\n";
    h += std::string(pad) + "||| / _-=> migrate-disable\n";
    h += std::string(pad) + "|||| /     delay\n";
    h += "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n";
    h += "#              | |         |   |||||     |         |\n";
    return h;
}

std::string ptr(const void *p) { return strprintf("%p", p); }

std::string format_sched(const TraceEvent &e)
{
    if (e.ev == TraceEv::SchedWakeup)
        return strprintf("comm=%s pid=%d prio=%d target_cpu=%03d", e.fn.c_str(), (int)e.a, (int)e.b, (int)e.c);
    return strprintf("prev_comm=%s prev_pid=%d prev_prio=%d prev_state=%s ==> next_comm=%s next_pid=%d next_prio=%d",
                     e.fn.c_str(), e.pid, (int)e.a, switch_state(e.b).c_str(), e.str.c_str(), (int)e.c, (int)e.d);
}

std::string format_timer(const TraceEvent &e)
{
    const std::string o = ptr(e.obj);
    const char *p = o.c_str();
    switch (e.ev) {
    case TraceEv::TimerStart:
        return strprintf("timer=%s function=%s expires=%lu [timeout=%ld] cpu=%u idx=%u flags=%s", p, e.fn.c_str(),
                         (unsigned long)e.a, (long)(e.a - e.b), (unsigned)e.c & kTimerCpuMask,
                         (unsigned)e.c >> kTimerArrayShift, timer_flags((unsigned)e.c).c_str());
    case TraceEv::TimerExpireEntry:
        return strprintf("timer=%s function=%s now=%lu baseclk=%lu", p, e.fn.c_str(), (unsigned long)e.a,
                         (unsigned long)e.b);
    case TraceEv::TimerExpireExit:
        return strprintf("timer=%s", p);
    case TraceEv::HrtimerStart:
        return strprintf("hrtimer=%s function=%s expires=%llu softexpires=%llu mode=%s was_armed=%d", p, e.fn.c_str(),
                         (unsigned long long)e.a, (unsigned long long)e.b, hrtimer_mode(e.c).c_str(), (int)e.d);
    case TraceEv::HrtimerExpireEntry:
        return strprintf("hrtimer=%s function=%s now=%llu", p, e.fn.c_str(), (unsigned long long)e.a);
    default:
        return strprintf("hrtimer=%s", p);
    }
}

std::string format_irq(const TraceEvent &e)
{
    switch (e.ev) {
    case TraceEv::IrqHandlerEntry:
        return strprintf("irq=%d name=%s", (int)e.a, e.str.c_str());
    case TraceEv::IrqHandlerExit:
        return strprintf("irq=%d ret=%s", (int)e.a, e.b ? "handled" : "unhandled");
    case TraceEv::SoftirqEntry:
    case TraceEv::SoftirqExit:
        return strprintf("vec=%u [action=%s]", (unsigned)e.a, softirq_name(e.a));
    default:
        return strprintf("tasklet=%s function=%s", e.str.c_str(), e.fn.c_str());
    }
}

}  // namespace

std::string ftrace_format(const TraceEvent &e)
{
    switch (e.ev) {
    case TraceEv::WqQueueWork:
        return strprintf("work struct=%s function=%s workqueue=%s req_cpu=%d cpu=%d", ptr(e.obj).c_str(), e.fn.c_str(),
                         e.str.c_str(), (int)e.a, (int)e.b);
    case TraceEv::WqActivateWork:
        return "work struct " + ptr(e.obj);
    case TraceEv::WqExecuteStart:
    case TraceEv::WqExecuteEnd:
        return "work struct " + ptr(e.obj) + ": function " + e.fn;
    case TraceEv::SchedSwitch:
    case TraceEv::SchedWakeup:
        return format_sched(e);
    case TraceEv::IrqHandlerEntry:
    case TraceEv::IrqHandlerExit:
    case TraceEv::SoftirqEntry:
    case TraceEv::SoftirqExit:
    case TraceEv::TaskletEntry:
    case TraceEv::TaskletExit:
        return format_irq(e);
    default:
        return format_timer(e);
    }
}

std::string ftrace_text(const Tracer &t)
{
    const std::vector<TraceEvent> &ev = t.events();
    std::string out = header(ev.size(), t.cpus());
    for (const TraceEvent &e : ev) {
        const uint64_t us = e.ns / 1000;
        out += strprintf("%16s-%-7d [%03u] %s %5lu.%06lu: %s: ", t.comm_of(e.pid).c_str(), e.pid, (unsigned)e.cpu,
                         flags_field(e).c_str(), (unsigned long)(us / 1000000), (unsigned long)(us % 1000000),
                         trace_event_name(e.ev));
        out += ftrace_format(e);
        out += '\n';
    }
    return out;
}

}  // namespace kshim
