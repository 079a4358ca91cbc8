// The tracer: 6.1's tracepoints recorded as events, for --trace, --trace-text and --timeline.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "sched/sched_trace.hpp"

namespace kshim {

class Kernel;

// The tracepoints kshim records, each named and printed as 6.1's (include/trace/events/).
enum class TraceEv : uint8_t {
    WqQueueWork, WqActivateWork, WqExecuteStart, WqExecuteEnd,
    TimerStart, TimerExpireEntry, TimerExpireExit,
    HrtimerStart, HrtimerExpireEntry, HrtimerExpireExit,
    IrqHandlerEntry, IrqHandlerExit, SoftirqEntry, SoftirqExit, TaskletEntry, TaskletExit,
    SchedSwitch, SchedWakeup,
};
// The tracepoint's name, as events/*/NAME and the trace file print it.
const char *trace_event_name(TraceEv ev);

// ftrace's entry flags (kernel/trace/trace.h's TRACE_FLAG_*), the ones kshim can know.
enum TraceFlag : uint8_t { TraceIrqsOff = 1, TraceNeedResched = 2, TraceHardirq = 4, TraceSoftirq = 8, TraceBhOff = 16 };

// One recorded event: the context it happened in (time, CPU, task, flags) and its fields.
// Callback names are resolved when recorded, while their module is still loaded.
struct TraceEvent {
    uint64_t ns = 0;
    TraceEv ev = TraceEv::SchedWakeup;
    uint16_t cpu = 0;
    uint8_t flags = 0;          // TraceFlag bits
    uint8_t depth = 0;          // preempt depth, as the trace prints it (0 to 15)
    int pid = 0;                // the task it happened in (0: an idle CPU, the host)
    const void *obj = nullptr;  // the work, timer, hrtimer or tasklet; sched_switch: what prev waits on
    int64_t a = 0, b = 0, c = 0, d = 0, e = 0;   // numbers, per event (see tracer.cpp)
    std::string fn;             // %ps of the callback; sched_*: the comm of prev (or of the woken task)
    std::string str;            // workqueue or irq action name; sched_switch: next's comm
};

// The tracer. Off unless enabled (the runner's --trace, --trace-text, --timeline): each hook
// site tests on() first, one predictable branch. Every hook is atomic-safe and records the
// current task's context. Not thread-safe: one host thread, as the whole kernel.
class Tracer final : public SchedTrace {
public:
    explicit Tracer(Kernel &k);
    ~Tracer();
    Tracer(const Tracer &) = delete;
    Tracer &operator=(const Tracer &) = delete;

    bool on() const { return on_; }
    // Starts recording and installs the scheduler hook. Process context, before the run.
    void enable();
    // Ends the record at `now`: a CPU whose task left still shows the switch to idle.
    // Idempotent; the sinks call it. Host thread.
    void finish();
    const std::vector<TraceEvent> &events() const { return events_; }
    // The comm of pid, as trace_find_cmdline gives it ("<idle>" for 0, "<...>" if unknown).
    std::string comm_of(int pid) const;
    unsigned cpus() const { return cpus_; }

    // workqueue: __queue_work (req_cpu as the caller asked, cpu the pool's, -1 if unbound),
    // pwq_activate_inactive_work, process_one_work around the work function.
    void queue_work(const void *work, const void *fn, const char *wq, int req_cpu, int cpu);
    void activate_work(const void *work);
    void execute_start(const void *work, const void *fn);
    void execute_end(const void *work, const void *fn);
    // timer_list: armed (expires in jiffies, flags as timer->flags with the wheel index), and
    // around the callback in the timer softirq.
    void timer_start(const void *timer, const void *fn, unsigned long expires, unsigned flags);
    void timer_expire_entry(const void *timer, const void *fn);
    void timer_expire_exit(const void *timer);
    // hrtimers: expiries in ns of the timer's clock, mode as HRTIMER_MODE_*.
    void hrtimer_start(const void *timer, const void *fn, int64_t expires, int64_t soft, unsigned mode, bool was_armed);
    void hrtimer_expire_entry(const void *timer, const void *fn, int64_t now);
    void hrtimer_expire_exit(const void *timer);
    // Interrupts and bottom halves.
    void irq_handler_entry(int irq, const char *name);
    void irq_handler_exit(int irq, bool handled);
    void softirq_entry(unsigned vec);
    void softirq_exit(unsigned vec);
    void tasklet_entry(const void *tasklet, const void *fn);
    void tasklet_exit(const void *tasklet, const void *fn);

    // SchedTrace: sched_switch is written when a CPU's next task is known (or at finish).
    void switched_in(Task &t) override;
    void switched_out(Task &t) override;
    void woken(Task &t) override;

private:
    // What left a CPU and when: its sched_switch waits for the next task on that CPU.
    struct Leaving {
        bool valid = false;
        uint64_t ns = 0;
        int pid = 0, prio = 0;
        int64_t state = 0;       // 6.1's prev_state bits (TASK_REPORT_MAX for preempted)
        int64_t wait = 0;        // what it sleeps on (WaitKind), for the timeline's sleep bars
        const void *obj = nullptr;
        std::string comm;
    };
    TraceEvent &record(TraceEv ev, const void *obj = nullptr);
    static void locked_irqsave(TraceEvent &e);
    static std::string sym(const void *fn);
    void note_comm(int pid, const char *comm);
    void emit_switch(const Leaving &prev, uint64_t ns, unsigned cpu, int next_pid, const std::string &next_comm, int next_prio);

    Kernel &k_;
    bool on_ = false;
    unsigned cpus_;
    std::vector<TraceEvent> events_;
    std::vector<Leaving> leaving_;   // per CPU
    std::unordered_map<int, std::string> comms_;
};

}  // namespace kshim
