/* Preemption and context: preempt_disable/enable, in_interrupt, in_atomic and friends. */
#ifndef __LINUX_PREEMPT_H
#define __LINUX_PREEMPT_H

#include "linux/compiler.h"
#include "linux/types.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/linkage.h"
#include "linux/list.h"
#include "linux/kernel.h"
#include "linux/bug.h"
#include "linux/time64.h"
#include "linux/errno.h"
#include "asm/current.h"
#include "asm/ptrace.h"
#include "asm/errno.h"
#include "linux/cpumask.h"
#include "linux/cache.h"
#include "asm/page.h"
#include "linux/ioctl.h"
#include "asm/processor.h"
#endif

#define PREEMPT_BITS	8
#define SOFTIRQ_BITS	8
#define HARDIRQ_BITS	4
#define NMI_BITS	4
#define PREEMPT_SHIFT	0
#define SOFTIRQ_SHIFT	(PREEMPT_SHIFT + PREEMPT_BITS)
#define HARDIRQ_SHIFT	(SOFTIRQ_SHIFT + SOFTIRQ_BITS)
#define NMI_SHIFT	(HARDIRQ_SHIFT + HARDIRQ_BITS)
#define __IRQ_MASK(x)	((1UL << (x)) - 1)
#define PREEMPT_MASK	(__IRQ_MASK(PREEMPT_BITS) << PREEMPT_SHIFT)
#define SOFTIRQ_MASK	(__IRQ_MASK(SOFTIRQ_BITS) << SOFTIRQ_SHIFT)
#define HARDIRQ_MASK	(__IRQ_MASK(HARDIRQ_BITS) << HARDIRQ_SHIFT)
#define NMI_MASK	(__IRQ_MASK(NMI_BITS) << NMI_SHIFT)
#define PREEMPT_OFFSET	(1UL << PREEMPT_SHIFT)
#define SOFTIRQ_OFFSET	(1UL << SOFTIRQ_SHIFT)
#define HARDIRQ_OFFSET	(1UL << HARDIRQ_SHIFT)
#define NMI_OFFSET	(1UL << NMI_SHIFT)
#define SOFTIRQ_DISABLE_OFFSET (2 * SOFTIRQ_OFFSET)

#ifdef __cplusplus
extern "C" {
#endif
/* The current task's preempt count (preempt, softirq and hardirq nesting). Atomic-safe. */
int kshim_preempt_count(void);
void kshim_preempt_count_add(int val);
void kshim_preempt_count_sub(int val);
#ifdef __cplusplus
}
#endif

#define preempt_count()		(kshim_preempt_count())
#define hardirq_count()		(preempt_count() & HARDIRQ_MASK)
#define softirq_count()		(preempt_count() & SOFTIRQ_MASK)
#define irq_count()		(preempt_count() & (HARDIRQ_MASK | SOFTIRQ_MASK | NMI_MASK))
#define in_nmi()		(preempt_count() & NMI_MASK)
#define in_hardirq()		(hardirq_count())
#define in_irq()		(hardirq_count())
#define in_serving_softirq()	(softirq_count() & SOFTIRQ_OFFSET)
#define in_softirq()		(softirq_count())
#define in_interrupt()		(irq_count())
#define in_task()		(!(preempt_count() & (NMI_MASK | HARDIRQ_MASK | SOFTIRQ_OFFSET)))
#define in_atomic()		(preempt_count() != 0)
#define preemptible()		(preempt_count() == 0 && !irqs_disabled())

#define preempt_disable()		kshim_preempt_count_add(1)
#define preempt_enable()		kshim_preempt_count_sub(1)
#define preempt_enable_no_resched()	kshim_preempt_count_sub(1)
#define preempt_disable_notrace()	kshim_preempt_count_add(1)
#define preempt_enable_notrace()	kshim_preempt_count_sub(1)
#define migrate_disable()		kshim_preempt_count_add(0)
#define migrate_enable()		kshim_preempt_count_sub(0)

#include "linux/irqflags.h"

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/cleanup.h"
#include "asm/percpu.h"
#include "linux/static_key.h"
#endif

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "asm/special_insns.h"
#endif

#endif
