// Interrupt and tasklet entry points: bottom-half disabling, and loud reports for what is not implemented yet.
#include "irq/softirq.hpp"
#include "kernel.hpp"

#include "linux/interrupt.h"

using kshim::Kernel;

extern "C" {

int request_irq(unsigned int, irq_handler_t, unsigned long, const char *, void *)
{
    return kshim_not_implemented("request_irq");
}

int request_threaded_irq(unsigned int, irq_handler_t, irq_handler_t, unsigned long, const char *, void *)
{
    return kshim_not_implemented("request_threaded_irq");
}

const void *free_irq(unsigned int, void *)
{
    (void)kshim_not_implemented("free_irq");
    return nullptr;
}

void disable_irq(unsigned int) { (void)kshim_not_implemented("disable_irq"); }
void disable_irq_nosync(unsigned int) { (void)kshim_not_implemented("disable_irq_nosync"); }
void enable_irq(unsigned int) { (void)kshim_not_implemented("enable_irq"); }
void synchronize_irq(unsigned int) { (void)kshim_not_implemented("synchronize_irq"); }
void tasklet_init(struct tasklet_struct *, void (*)(unsigned long), unsigned long) { (void)kshim_not_implemented("tasklet_init"); }
void tasklet_setup(struct tasklet_struct *, void (*)(struct tasklet_struct *)) { (void)kshim_not_implemented("tasklet_setup"); }
void __tasklet_schedule(struct tasklet_struct *) { (void)kshim_not_implemented("tasklet_schedule"); }
void __tasklet_hi_schedule(struct tasklet_struct *) { (void)kshim_not_implemented("tasklet_hi_schedule"); }
void tasklet_kill(struct tasklet_struct *) { (void)kshim_not_implemented("tasklet_kill"); }
void tasklet_disable(struct tasklet_struct *) { (void)kshim_not_implemented("tasklet_disable"); }
void tasklet_enable(struct tasklet_struct *) { (void)kshim_not_implemented("tasklet_enable"); }
// Softirqs are off while the softirq-disable count in preempt_count is nonzero. Atomic-safe.
void local_bh_disable(void) { Kernel::get().softirq().bh_disable(); }
void local_bh_enable(void) { Kernel::get().softirq().bh_enable(); }

}  // extern "C"
