// irq_work: claiming and queueing a work on a CPU, and the self-IPI handler that runs the CPU's list in hardirq context.
#include "irq/irq_work.hpp"

#include "irq/irq.hpp"
#include "kernel.hpp"
#include "sched/scheduler.hpp"

#include "linux/irq_work.h"

namespace kshim {

IrqWork::IrqWork(Kernel &k) : k_(k), lists_(k.options().cpus)
{
    k.irqs().set_vector_handler(Irqs::kIpiVector, &IrqWork::run_ipi, this);
}

bool IrqWork::queue(irq_work *work, unsigned cpu)
{
    int old = atomic_fetch_or((int)IRQ_WORK_CLAIMED, &work->node.a_flags);
    if (old & IRQ_WORK_PENDING)
        return false;
    if (cpu >= lists_.size())
        cpu = 0;
    lists_[cpu].push_back(work);
    if (lists_[cpu].size() == 1)
        k_.irqs().raise_vector(cpu, Irqs::kIpiVector);
    return true;
}

void IrqWork::run_ipi(void *self, unsigned cpu) { static_cast<IrqWork *>(self)->run_cpu(cpu); }

// The IPI handler: every work queued on cpu, oldest first; one queued meanwhile runs in the
// same pass. Hardirq context.
void IrqWork::run_cpu(unsigned cpu)
{
    std::vector<irq_work *> &l = lists_[cpu];
    for (size_t i = 0; i < l.size(); ++i) {
        irq_work *w = l[i];
        int flags = atomic_fetch_andnot((int)IRQ_WORK_PENDING, &w->node.a_flags) & ~(int)IRQ_WORK_PENDING;
        w->func(w);
        atomic_cmpxchg(&w->node.a_flags, flags, flags & ~(int)IRQ_WORK_BUSY);
    }
    l.clear();
}

void IrqWork::sync(irq_work *work)
{
    Scheduler &s = k_.sched();
    while (s.running() && irq_work_is_busy(work))
        s.voluntary_point(true);
}

}  // namespace kshim
