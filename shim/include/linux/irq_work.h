/* irq_work: a callback run in hardirq context on a CPU soon after it is queued (a self-IPI). */
#ifndef _LINUX_IRQ_WORK_H
#define _LINUX_IRQ_WORK_H

#include "linux/types.h"
#include "linux/atomic.h"

#define IRQ_WORK_PENDING	(1U << 0)
#define IRQ_WORK_BUSY		(1U << 1)
#define IRQ_WORK_LAZY		(1U << 2)
#define IRQ_WORK_HARD_IRQ	(1U << 3)
#define IRQ_WORK_CLAIMED	(IRQ_WORK_PENDING | IRQ_WORK_BUSY)

/* The queue link and flags word (Linux's __call_single_node, as irq_work uses it). */
struct kshim_irq_work_node {
	void *next;
	atomic_t a_flags;
};

struct irq_work {
	struct kshim_irq_work_node node;
	void (*func)(struct irq_work *);
};

#define __IRQ_WORK_INIT(_func, _flags) {				\
	.node = { .next = NULL, .a_flags = ATOMIC_INIT(_flags), },	\
	.func = (_func),						\
}
#define IRQ_WORK_INIT(_func)		__IRQ_WORK_INIT(_func, 0)
#define IRQ_WORK_INIT_LAZY(_func)	__IRQ_WORK_INIT(_func, IRQ_WORK_LAZY)
#define IRQ_WORK_INIT_HARD(_func)	__IRQ_WORK_INIT(_func, IRQ_WORK_HARD_IRQ)
#define DEFINE_IRQ_WORK(name, _f)	struct irq_work name = IRQ_WORK_INIT(_f)

static inline void init_irq_work(struct irq_work *work, void (*func)(struct irq_work *))
{
	struct irq_work w = IRQ_WORK_INIT(func);
	*work = w;
}

static inline bool irq_work_is_pending(struct irq_work *work)
{
	return atomic_read(&work->node.a_flags) & IRQ_WORK_PENDING;
}

static inline bool irq_work_is_busy(struct irq_work *work)
{
	return atomic_read(&work->node.a_flags) & IRQ_WORK_BUSY;
}

static inline bool irq_work_is_hard(struct irq_work *work)
{
	return atomic_read(&work->node.a_flags) & IRQ_WORK_HARD_IRQ;
}

#ifdef __cplusplus
extern "C" {
#endif
/* Queues work on this CPU (irq_work_queue) or on cpu; false if it was pending already.
 * Atomic-safe. */
bool irq_work_queue(struct irq_work *work);
bool irq_work_queue_on(struct irq_work *work, int cpu);
/* Waits until work's callback is not running. May sleep. */
void irq_work_sync(struct irq_work *work);
#ifdef __cplusplus
}
#endif

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/llist.h"
#include "linux/rcupdate.h"
#include "linux/sched/signal.h"
#endif

#endif
