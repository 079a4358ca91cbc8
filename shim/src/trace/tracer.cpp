// The tracer's hooks: each tracepoint recorded with the current task's context.
#include "trace/tracer.hpp"

#include <algorithm>

#include "kernel.hpp"
#include "printk/strprintf.hpp"
#include "sched/scheduler.hpp"

#include "linux/preempt.h"
#include "linux/sched.h"

namespace kshim {

namespace {

// 6.1's prev_state bits as sched_switch records them (__trace_sched_switch_state).
constexpr int64_t kStateReportMax = 0x100;   // TASK_REPORT_MAX: preempted, still runnable
constexpr int64_t kStateIdle = 0x80;         // TASK_REPORT_IDLE, printed "I"

// The prev_state a task leaving its CPU gets: preempted (queued again, or busy-waiting, which
// is still running to the kernel), asleep in its state, or gone.
int64_t leaving_state(const Task &t)
{
    if (t.life == Life::Queued || t.busy_wait)
        return kStateReportMax;
    if (!t.alive())
        return EXIT_DEAD;
    const unsigned s = t.ts.__state;
    if ((s & TASK_IDLE) == TASK_IDLE)
        return kStateIdle;
    if (s & TASK_PARKED)
        return TASK_PARKED;
    if (s & TASK_UNINTERRUPTIBLE)
        return TASK_UNINTERRUPTIBLE;
    return s & TASK_INTERRUPTIBLE ? TASK_INTERRUPTIBLE : 0;
}

// calc_wheel_index of 6.1's timer wheel (HZ=250: 9 levels of 64 buckets, each level 8 times
// coarser): the bucket a timer for jiffy `expires` armed at `clk` goes to.
unsigned wheel_index(unsigned long expires, unsigned long clk)
{
    constexpr unsigned kBits = 6, kShift = 3, kDepth = 9, kMask = (1u << kBits) - 1;
    const unsigned long delta = expires - clk;
    if ((long)delta < 0)
        return (unsigned)(clk & kMask);
    unsigned lvl = 0;
    while (lvl < kDepth - 1 && delta >= ((unsigned long)kMask << (lvl * kShift)))
        ++lvl;
    const unsigned long cutoff = (unsigned long)kMask << ((kDepth - 1) * kShift);
    if (delta >= cutoff)   // beyond the wheel: capped at its capacity
        expires = clk + cutoff - (1ul << ((kDepth - 1) * kShift));
    return (lvl << kBits) + (unsigned)(((expires >> (lvl * kShift)) + 1) & kMask);
}

}  // namespace

const char *trace_event_name(TraceEv ev)
{
    static const char *const names[] = {
        "workqueue_queue_work", "workqueue_activate_work", "workqueue_execute_start", "workqueue_execute_end",
        "timer_start", "timer_expire_entry", "timer_expire_exit",
        "hrtimer_start", "hrtimer_expire_entry", "hrtimer_expire_exit",
        "irq_handler_entry", "irq_handler_exit", "softirq_entry", "softirq_exit", "tasklet_entry", "tasklet_exit",
        "sched_switch", "sched_wakeup",
    };
    return names[(unsigned)ev];
}

Tracer::Tracer(Kernel &k) : k_(k), cpus_(k.options().cpus), leaving_(k.options().cpus) {}

Tracer::~Tracer()
{
    if (on_)
        k_.sched().set_trace(nullptr);
}

void Tracer::enable()
{
    on_ = true;
    k_.sched().set_trace(this);
}

void Tracer::finish()
{
    for (unsigned cpu = 0; cpu < cpus_; ++cpu) {
        Leaving &l = leaving_[cpu];
        if (l.valid)
            emit_switch(l, l.ns, cpu, 0, strprintf("swapper/%u", cpu), DEFAULT_PRIO);
        l.valid = false;
    }
    std::stable_sort(events_.begin(), events_.end(),
                     [](const TraceEvent &a, const TraceEvent &b) { return a.ns < b.ns; });
}

std::string Tracer::comm_of(int pid) const
{
    if (pid == 0)
        return "<idle>";
    auto it = comms_.find(pid);
    return it == comms_.end() ? "<...>" : it->second;
}

void Tracer::note_comm(int pid, const char *comm)
{
    if (pid != 0)
        comms_[pid] = comm;
}

std::string Tracer::sym(const void *fn) { return strprintf("%ps", fn); }

// A new event in the current context: the running task (swapper/N for an idle CPU's
// interrupt, the boot task on the host), its CPU and ftrace's flags for its counts.
TraceEvent &Tracer::record(TraceEv ev, const void *obj)
{
    Task &t = k_.sched().current_or_boot();
    TraceEvent &e = events_.emplace_back();
    e.ns = k_.clock().now();
    e.ev = ev;
    e.cpu = (uint16_t)(t.cpu % cpus_);
    e.pid = t.pid();
    e.obj = obj;
    const unsigned pc = (unsigned)t.preempt_count;
    e.flags = (uint8_t)((t.irqs_off > 0 ? TraceIrqsOff : 0) | (t.need_resched ? TraceNeedResched : 0) |
                        (pc & HARDIRQ_MASK ? TraceHardirq : 0) | (pc & SOFTIRQ_OFFSET ? TraceSoftirq : 0) |
                        ((pc & SOFTIRQ_MASK) >> (SOFTIRQ_SHIFT + 1) ? TraceBhOff : 0));
    e.depth = (uint8_t)std::min<unsigned>(pc & PREEMPT_MASK, 15u);
    note_comm(t.pid(), t.comm());
    return e;
}

// The context of an event recorded under a lock taken with irqs saved (the pool's lock for
// queueing, the timer base's for arming), as the real trace shows it: irqs off, one more in
// the preempt depth.
void Tracer::locked_irqsave(TraceEvent &e)
{
    e.flags |= TraceIrqsOff;
    e.depth = (uint8_t)std::min(e.depth + 1, 15);
}

// Fields: a req_cpu, b cpu, str the workqueue. Under the pool's lock.
void Tracer::queue_work(const void *work, const void *fn, const char *wq, int req_cpu, int cpu)
{
    TraceEvent &e = record(TraceEv::WqQueueWork, work);
    locked_irqsave(e);
    e.fn = sym(fn);
    e.str = wq;
    e.a = req_cpu;
    e.b = cpu;
}

void Tracer::activate_work(const void *work) { locked_irqsave(record(TraceEv::WqActivateWork, work)); }

void Tracer::execute_start(const void *work, const void *fn) { record(TraceEv::WqExecuteStart, work).fn = sym(fn); }

void Tracer::execute_end(const void *work, const void *fn) { record(TraceEv::WqExecuteEnd, work).fn = sym(fn); }

// Fields: a expires, b jiffies now, c flags with the wheel index (as timer_set_idx puts it).
// Under the timer base's lock.
void Tracer::timer_start(const void *timer, const void *fn, unsigned long expires, unsigned flags)
{
    TraceEvent &e = record(TraceEv::TimerStart, timer);
    locked_irqsave(e);
    const unsigned long now = k_.clock().jiffies();
    e.fn = sym(fn);
    e.a = (int64_t)expires;
    e.b = (int64_t)now;
    e.c = (flags & 0x003fffffu) | (wheel_index(expires, now) << 22);
}

// Fields: a jiffies now, b the wheel's clock (the jiffy it fired at).
void Tracer::timer_expire_entry(const void *timer, const void *fn)
{
    TraceEvent &e = record(TraceEv::TimerExpireEntry, timer);
    e.fn = sym(fn);
    e.a = e.b = (int64_t)k_.clock().jiffies();
}

void Tracer::timer_expire_exit(const void *timer) { record(TraceEv::TimerExpireExit, timer); }

// Fields: a expires, b soft expires, c mode, d was_armed. Under the cpu base's lock.
void Tracer::hrtimer_start(const void *timer, const void *fn, int64_t expires, int64_t soft, unsigned mode, bool was_armed)
{
    TraceEvent &e = record(TraceEv::HrtimerStart, timer);
    locked_irqsave(e);
    e.fn = sym(fn);
    e.a = expires;
    e.b = soft;
    e.c = mode;
    e.d = was_armed;
}

// Fields: a now on the timer's clock.
void Tracer::hrtimer_expire_entry(const void *timer, const void *fn, int64_t now)
{
    TraceEvent &e = record(TraceEv::HrtimerExpireEntry, timer);
    e.fn = sym(fn);
    e.a = now;
}

void Tracer::hrtimer_expire_exit(const void *timer) { record(TraceEv::HrtimerExpireExit, timer); }

// Fields: a irq, str the action's name; exit: b handled.
void Tracer::irq_handler_entry(int irq, const char *name)
{
    TraceEvent &e = record(TraceEv::IrqHandlerEntry);
    e.a = irq;
    e.str = name ? name : "";
}

void Tracer::irq_handler_exit(int irq, bool handled)
{
    TraceEvent &e = record(TraceEv::IrqHandlerExit);
    e.a = irq;
    e.b = handled;
}

// Fields: a the vector.
void Tracer::softirq_entry(unsigned vec) { record(TraceEv::SoftirqEntry).a = vec; }

void Tracer::softirq_exit(unsigned vec) { record(TraceEv::SoftirqExit).a = vec; }

// Fields: str the tasklet's %ps.
void Tracer::tasklet_entry(const void *tasklet, const void *fn)
{
    TraceEvent &e = record(TraceEv::TaskletEntry, tasklet);
    e.fn = sym(fn);
    e.str = sym(tasklet);
}

void Tracer::tasklet_exit(const void *tasklet, const void *fn)
{
    TraceEvent &e = record(TraceEv::TaskletExit, tasklet);
    e.fn = sym(fn);
    e.str = sym(tasklet);
}

// sched_switch on cpu at ns. Fields: pid and fn prev's, a prev_prio, b prev_state, c next_pid,
// d next_prio, str next_comm; e what prev sleeps on (WaitKind), obj its address. Recorded
// with irqs off and a depth of 2, as __schedule runs under the run-queue lock.
void Tracer::emit_switch(const Leaving &prev, uint64_t ns, unsigned cpu, int next_pid, const std::string &next_comm,
                         int next_prio)
{
    TraceEvent &e = events_.emplace_back();
    e.ns = ns;
    e.ev = TraceEv::SchedSwitch;
    e.cpu = (uint16_t)cpu;
    e.flags = TraceIrqsOff;
    e.depth = 2;
    e.pid = prev.pid;
    e.fn = prev.comm;
    e.a = prev.prio;
    e.b = prev.state;
    e.c = next_pid;
    e.d = next_prio;
    e.e = prev.wait;
    e.obj = prev.obj;
    e.str = next_comm;
}

// A CPU's previous task (kept in leaving_) is replaced by t: its switch is written now, or,
// if it left earlier and the CPU idled meanwhile, a switch to idle then and one from idle now.
// The same task coming back at the same instant is no switch at all.
void Tracer::switched_in(Task &t)
{
    const unsigned cpu = t.cpu % cpus_;
    const uint64_t now = k_.clock().now();
    Leaving &l = leaving_[cpu];
    const std::string idle = strprintf("swapper/%u", cpu);
    note_comm(t.pid(), t.comm());
    if (l.valid && (l.ns != now || t.pid() == 0)) {
        emit_switch(l, l.ns, cpu, 0, idle, DEFAULT_PRIO);
        l.valid = false;
    }
    if (t.pid() == 0 || (l.valid && l.pid == t.pid())) {   // the idle context, or no change
        l.valid = false;
        return;
    }
    if (!l.valid) {
        l = Leaving{};
        l.comm = idle;
        l.prio = DEFAULT_PRIO;
    }
    emit_switch(l, now, cpu, t.pid(), t.comm(), t.ts.prio);
    l.valid = false;
}

void Tracer::switched_out(Task &t)
{
    if (t.pid() == 0)
        return;
    Leaving &l = leaving_[t.cpu % cpus_];
    l.valid = true;
    l.ns = k_.clock().now();
    l.pid = t.pid();
    l.prio = t.ts.prio;
    l.comm = t.comm();
    l.state = leaving_state(t);
    l.wait = l.state & kStateReportMax ? 0 : (int64_t)t.waits.kind;
    l.obj = t.waits.obj;
}

// sched_wakeup, in the waker's context. Fields: fn and a the woken task's comm and pid, b its
// prio, c its CPU (target_cpu). Under the task's pi_lock and the run-queue lock: irqs off,
// three more in the preempt depth.
void Tracer::woken(Task &t)
{
    note_comm(t.pid(), t.comm());
    TraceEvent &e = record(TraceEv::SchedWakeup, &t.ts);
    e.flags |= TraceIrqsOff;
    e.depth = (uint8_t)std::min(e.depth + 3, 15);
    e.fn = t.comm();
    e.a = t.pid();
    e.b = t.ts.prio;
    e.c = t.cpu % cpus_;
}

}  // namespace kshim
