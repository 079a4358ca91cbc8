// The virtual interrupt controller: irq lines, requested handlers, hardirq context on a virtual CPU, threaded handlers.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "module/address_map.hpp"
#include "time/timer_queue.hpp"

#include "linux/irqreturn.h"

struct cpumask;

namespace kshim {

using IrqHandlerFn = irqreturn_t (*)(int irq, void *dev_id);   // irq_handler_t

class Kernel;
struct Task;

// One requested handler of a line (Linux's irqaction).
struct IrqAction {
    IrqHandlerFn handler = nullptr;     // the primary handler (hardirq context)
    IrqHandlerFn thread_fn = nullptr;   // the threaded handler, in irq/N-name
    unsigned long flags = 0;
    const char *name = nullptr;
    void *dev_id = nullptr;
    unsigned long thread_mask = 0;       // ONESHOT: its bit in IrqDesc::threads_active
    Task *thread = nullptr;
    bool run_thread = false;             // IRQTF_RUNTHREAD: the primary handler woke the thread
    bool stop = false;                   // free_irq: the thread ends after its pending run
};

// One interrupt line (Linux's irq_desc).
struct IrqDesc {
    unsigned irq = 0;
    std::vector<std::unique_ptr<IrqAction>> actions;   // in request order: the dispatch order
    unsigned depth = 1;            // disable nesting; 1 while no handler is requested (shut down)
    unsigned long trigger = 0;     // IRQF_TRIGGER_* of the first request
    unsigned long threads_active = 0;   // ONESHOT threads woken and not finished: line masked
    unsigned threads_running = 0;  // threaded handlers running now
    unsigned in_progress = 0;      // hardirq handlers running now (IRQD_IRQ_INPROGRESS)
    bool pending = false;          // raised while disabled or masked: replayed when it opens
    bool spurious_disabled = false;
    unsigned cpu = 0;              // the effective affinity: where the line is delivered
    uint64_t count = 0;            // interrupts taken (/proc/interrupts)
    uint64_t irq_count = 0;        // note_interrupt's window (100000) once one went unhandled
    uint64_t irqs_unhandled = 0;
    unsigned long last_unhandled = 0;   // jiffies
    std::vector<Task *> sync_waiters;   // synchronize_irq, free_irq
};

// The controller, and kshim's one way into hardirq context. Every interrupt (a device line, the
// irq_work self-IPI, the local timer interrupt that runs hard hrtimers) enters through
// deliver(): at once, nested on the running task when it is on that CPU with irqs on (it is
// interrupted where it stands); otherwise queued for that CPU and taken when its irqs open (at
// the end of the current hardirq) or by swapper/N, the CPU's idle context (pid 0), which the
// scheduler runs next (class 0); a per-CPU vector that finds no task running and its CPU free
// is taken at once on the host thread as swapper/N (Scheduler::call_on_host_as: the same task
// and context, no fiber switch; its handler must not sleep). Divergence: local_irq_restore/local_irq_enable do not take the
// queued interrupts themselves; swapper/N takes them at the task's next preemption point (a CPU
// held by an irqs-off busy wait runs nothing else until the wait ends). Handlers run with
// HARDIRQ_OFFSET added to the preempt count and irqs off; on the way out, softirqs raised
// meanwhile run there (irq_exit) unless the interrupted context is in softirq or bh-disabled.
// Not thread-safe (one host thread).
class Irqs {
public:
    static constexpr unsigned kNrIrqs = 128;
    // The per-CPU vectors that are not device lines, as they sit in a CPU's queue.
    static constexpr unsigned kIpiVector = ~0u;     // the irq_work self-IPI
    static constexpr unsigned kTimerVector = ~1u;   // the local timer interrupt (hrtimer_interrupt)
    using VectorHandler = void (*)(void *ctx, unsigned cpu);

    explicit Irqs(Kernel &k);
    ~Irqs();

    // request_threaded_irq: 0 or -EINVAL/-EBUSY/-ENOMEM as 6.1 (caller: the requesting code,
    // for fault injection; 0: never failed). Process context, may sleep.
    int request(unsigned irq, IrqHandlerFn handler, IrqHandlerFn thread_fn, unsigned long flags,
                const char *name, void *dev_id, uintptr_t caller = 0);
    // free_irq: the devname, or nullptr (with 6.1's WARN) if dev_id has no handler there.
    // Process context, may sleep (waits for running handlers and ends the thread).
    const void *free(unsigned irq, void *dev_id);
    // disable_irq_nosync / enable_irq: the nesting depth. Atomic-safe.
    void disable_nosync(unsigned irq);
    void enable(unsigned irq);
    // synchronize_irq: waits until no handler of irq runs (hardirq or thread). May sleep.
    void synchronize(unsigned irq);
    // synchronize_hardirq: waits for the hardirq handlers only; false if a thread is active.
    // disable_hardirq: disable_irq_nosync, then that. May sleep.
    bool synchronize_hard(unsigned irq);
    bool disable_hard(unsigned irq);
    // irq_set_irq_type: the line's trigger (IRQ_TYPE_*); irq_set_irq_wake: accepted, no
    // suspend exists. Atomic-safe.
    int set_type(unsigned irq, unsigned type);
    int set_wake(unsigned irq, unsigned on);
    // irq_set_affinity: delivers irq to the first online CPU of mask; -EINVAL if none. Atomic-safe.
    int set_affinity(unsigned irq, const struct cpumask *mask);
    // irq_set_affinity_hint: a mask is applied as the affinity; NULL changes nothing.
    int set_affinity_hint(unsigned irq, const struct cpumask *mask) { return mask ? set_affinity(irq, mask) : 0; }
    // The device raises irq (edge): delivered now or queued on its CPU; replayed later if the
    // line is disabled or masked; dropped if nobody requested it. Any context.
    void raise(unsigned irq);
    // The runner's --irq: raises irq at period, 2*period, ... (count times; 0: forever).
    // Host thread, before or between runs.
    void raise_every(unsigned irq, uint64_t period_ns, uint64_t count);
    // A per-CPU vector (kIpiVector, kTimerVector) on cpu: its installed handler runs there in
    // hardirq context, under the same rules as a device line. Any context.
    void raise_vector(unsigned cpu, unsigned vec);
    // Installs the handler of kIpiVector or kTimerVector (its subsystem's constructor).
    void set_vector_handler(unsigned vec, VectorHandler fn, void *ctx);
    // The unload sweep: every handler in m's code still requested is reported (a real kernel
    // oopses at its next interrupt) and freed, its thread killed. Returns how many. rmmod task.
    unsigned module_gone(const ModuleSpan &m);
    // Whether every queued interrupt has been taken and no hardirq handler runs. Any context.
    bool settled() const;
    // The IRQF_TRIGGER_* type of irq (0 if none was requested). Atomic-safe.
    unsigned long trigger_of(unsigned irq) const;
    const IrqDesc *desc(unsigned irq) const { return irq < kNrIrqs ? &descs_[irq] : nullptr; }

private:
    struct Cpu {
        std::deque<unsigned> queue;   // irqs (or kIpiVector) waiting for this CPU's irqs
        Task *idle = nullptr;         // swapper/N, created on first use
        bool busy = false;            // swapper/N is between wake-up and sleep
        bool on_host = false;         // take_on_host runs a vector as swapper/N now
    };
    struct Periodic {
        Timer timer;
        Irqs *self = nullptr;
        unsigned irq = 0;
        uint64_t period = 0, left = 0;
    };

    int check_request(unsigned irq, IrqDesc &d, const IrqAction &a);
    void start_thread(IrqDesc &d, IrqAction &a);
    void thread_loop(IrqDesc &d, IrqAction &a);
    void finish_thread(IrqDesc &d, IrqAction &a);
    void stop_thread(IrqAction &a);
    void deliver(unsigned cpu, unsigned vec);
    void take(Task &t, unsigned cpu, unsigned vec);
    bool take_on_host(unsigned cpu, unsigned vec);
    void drain(Task &t, unsigned cpu);
    void handle(IrqDesc &d);
    void handle_vector(unsigned cpu, unsigned vec);
    void note_interrupt(IrqDesc &d, unsigned ret);
    void report_bad(IrqDesc &d);
    void open_line(IrqDesc &d);
    void wake_sync_waiters(IrqDesc &d);
    Task *idle_task(unsigned cpu);
    void idle_loop(unsigned cpu);
    static void periodic_fire(Timer *t);

    Kernel &k_;
    std::vector<IrqDesc> descs_;
    std::vector<Cpu> cpus_;
    std::deque<Periodic> periodic_;
    struct Vector {
        VectorHandler fn = nullptr;
        void *ctx = nullptr;
    };
    Vector ipi_, timer_;
};

}  // namespace kshim
