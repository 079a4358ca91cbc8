// Softirq: raised vectors per CPU and the ksoftirqd/N tasks that run their handlers in softirq context.
#include "irq/softirq.hpp"

#include "kernel.hpp"
#include "sched/scheduler.hpp"
#include "trace/tracer.hpp"

#include "linux/preempt.h"
#include "linux/sched.h"

namespace kshim {

Softirq::Softirq(Kernel &k) : k_(k), tasks_(k.options().cpus, nullptr), pending_(k.options().cpus, 0) {}

void Softirq::open(SoftirqNr nr, Handler fn, void *ctx) { vectors_[nr] = {fn, ctx}; }

void Softirq::bh_disable() { k_.sched().current_or_boot().preempt_count += SOFTIRQ_DISABLE_OFFSET; }

void Softirq::bh_enable()
{
    Task &t = k_.sched().current_or_boot();
    if ((t.preempt_count & SOFTIRQ_MASK) < SOFTIRQ_DISABLE_OFFSET)
        return;
    t.preempt_count -= SOFTIRQ_DISABLE_OFFSET;
    if (!(t.preempt_count & (SOFTIRQ_MASK | HARDIRQ_MASK)) && t.irqs_off == 0)
        k_.sched().note_irqs_on(t, false);
}

void Softirq::raise(SoftirqNr nr, unsigned cpu)
{
    pending_[cpu] |= 1u << nr;
    const Task &cur = k_.sched().current_or_boot();
    if (cur.cpu == cpu && (cur.preempt_count & HARDIRQ_MASK))
        return;   // irq_exit runs it
    wake_daemon(cpu);
}

// Wakes ksoftirqd/cpu, creating it on first use. Atomic-safe.
void Softirq::wake_daemon(unsigned cpu)
{
    if (!tasks_[cpu]) {
        Task *task = k_.sched().create(TaskKind::Worker, "ksoftirqd/" + std::to_string(cpu),
                                       [this, cpu] { run_cpu(cpu); return 0L; });
        task->cpu = cpu;
        task->ts.cpu = cpu;
        task->bound = true;
        task->prio_class = 0;
        tasks_[cpu] = task;
    }
    k_.sched().wake(tasks_[cpu], TASK_NORMAL);
}

void Softirq::irq_exit(unsigned cpu, Task *t)
{
    if (!pending_[cpu] || (t->preempt_count & HARDIRQ_MASK))
        return;
    if (t->preempt_count & SOFTIRQ_MASK) {   // bh-disabled or in softirq: left to ksoftirqd
        wake_daemon(cpu);
        return;
    }
    const int saved_irqs = t->irqs_off;
    t->irqs_off = 0;
    run_pending(cpu, t);
    t->irqs_off = saved_irqs;
    if (pending_[cpu])
        wake_daemon(cpu);
}

// Runs every vector raised on cpu, lowest number first, each with the softirq count raised.
// Returns whether any ran. Called by ksoftirqd/cpu (self); may run module callbacks.
bool Softirq::run_pending(unsigned cpu, Task *self)
{
    if (!pending_[cpu])
        return false;
    for (unsigned nr = 0; nr < NrSoftirqs; ++nr) {
        const unsigned rest = pending_[cpu] >> nr;
        if (!rest)
            break;
        nr += (unsigned)__builtin_ctz(rest);   // the next raised vector
        pending_[cpu] &= ~(1u << nr);
        self->preempt_count += SOFTIRQ_OFFSET;
        Tracer &tr = k_.trace();
        if (tr.on()) [[unlikely]]
            tr.softirq_entry(nr);
        vectors_[nr].fn(vectors_[nr].ctx, cpu);
        if (tr.on()) [[unlikely]]
            tr.softirq_exit(nr);
        self->preempt_count -= SOFTIRQ_OFFSET;
    }
    return true;
}

// ksoftirqd/N: runs raised vectors until none is left, then sleeps until one is raised again.
void Softirq::run_cpu(unsigned cpu)
{
    Task *self = k_.sched().running();
    for (;;) {
        while (run_pending(cpu, self)) {
        }
        self->idle_daemon = true;
        self->ts.__state = TASK_INTERRUPTIBLE;
        k_.sched().schedule();
        self->idle_daemon = false;
    }
}

}  // namespace kshim
