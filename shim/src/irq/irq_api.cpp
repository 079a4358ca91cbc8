// Interrupt, tasklet and irq_work entry points: bridges into Irqs, Tasklets, IrqWork and Softirq.
#include "irq/irq.hpp"
#include "irq/irq_work.hpp"
#include "irq/softirq.hpp"
#include "irq/tasklet.hpp"
#include "kernel.hpp"
#include "sched/scheduler.hpp"

#include "linux/interrupt.h"
#include "linux/irq.h"

using kshim::Kernel;

extern "C" {

int request_threaded_irq(unsigned int irq, irq_handler_t handler, irq_handler_t thread_fn, unsigned long flags,
                         const char *name, void *dev)
{
    return Kernel::get().irqs().request(irq, handler, thread_fn, flags, name, dev, _RET_IP_);
}

// 6.1 without nested-thread chips: a plain hardirq request, reported as IRQC_IS_HARDIRQ (0).
int request_any_context_irq(unsigned int irq, irq_handler_t handler, unsigned long flags, const char *name,
                            void *dev_id)
{
    return Kernel::get().irqs().request(irq, handler, nullptr, flags, name, dev_id, _RET_IP_);
}

const void *free_irq(unsigned int irq, void *dev_id) { return Kernel::get().irqs().free(irq, dev_id); }
void disable_irq_nosync(unsigned int irq) { Kernel::get().irqs().disable_nosync(irq); }

// disable_irq: may sleep (waits for running handlers).
void disable_irq(unsigned int irq)
{
    Kernel::get().irqs().disable_nosync(irq);
    Kernel::get().irqs().synchronize(irq);
}

bool disable_hardirq(unsigned int irq) { return Kernel::get().irqs().disable_hard(irq); }
void enable_irq(unsigned int irq) { Kernel::get().irqs().enable(irq); }
void synchronize_irq(unsigned int irq) { Kernel::get().irqs().synchronize(irq); }
bool synchronize_hardirq(unsigned int irq) { return Kernel::get().irqs().synchronize_hard(irq); }
int irq_set_affinity(unsigned int irq, const struct cpumask *m) { return Kernel::get().irqs().set_affinity(irq, m); }
int irq_force_affinity(unsigned int irq, const struct cpumask *m) { return Kernel::get().irqs().set_affinity(irq, m); }
// 6.1 applies a hint as the affinity (a NULL hint only clears it).
int irq_set_affinity_hint(unsigned int irq, const struct cpumask *m) { return Kernel::get().irqs().set_affinity_hint(irq, m); }
int irq_set_irq_wake(unsigned int irq, unsigned int on) { return Kernel::get().irqs().set_wake(irq, on); }
int irq_set_irq_type(unsigned int irq, unsigned int type) { return Kernel::get().irqs().set_type(irq, type); }

void tasklet_init(struct tasklet_struct *t, void (*func)(unsigned long), unsigned long data) { kshim::Tasklets::init(t, func, data); }
void tasklet_setup(struct tasklet_struct *t, void (*callback)(struct tasklet_struct *)) { kshim::Tasklets::setup(t, callback); }
void __tasklet_schedule(struct tasklet_struct *t) { Kernel::get().tasklets().schedule(t, false); }
void __tasklet_hi_schedule(struct tasklet_struct *t) { Kernel::get().tasklets().schedule(t, true); }
void tasklet_kill(struct tasklet_struct *t) { Kernel::get().tasklets().kill(t); }
void tasklet_enable(struct tasklet_struct *t) { Kernel::get().tasklets().enable(t); }
void tasklet_unlock(struct tasklet_struct *t) { Kernel::get().tasklets().unlock(t); }
void tasklet_unlock_wait(struct tasklet_struct *t) { Kernel::get().tasklets().unlock_wait(t); }
// Divergence: with one host thread a spin would never end; it waits as tasklet_unlock_wait.
void tasklet_unlock_spin_wait(struct tasklet_struct *t) { Kernel::get().tasklets().unlock_wait(t); }

bool irq_work_queue(struct irq_work *work)
{
    return Kernel::get().irq_work().queue(work, Kernel::get().sched().current_or_boot().cpu);
}
bool irq_work_queue_on(struct irq_work *work, int cpu) { return Kernel::get().irq_work().queue(work, (unsigned)cpu); }
void irq_work_sync(struct irq_work *work) { Kernel::get().irq_work().sync(work); }

// Softirqs are off while the softirq-disable count in preempt_count is nonzero. Atomic-safe.
void local_bh_disable(void) { Kernel::get().softirq().bh_disable(); }
void local_bh_enable(void) { Kernel::get().softirq().bh_enable(); }

}  // extern "C"
