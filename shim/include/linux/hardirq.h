/* Hardirq context: synchronize_irq, and (through preempt.h) in_irq/in_hardirq and friends. */
#ifndef LINUX_HARDIRQ_H
#define LINUX_HARDIRQ_H

#include "linux/preempt.h"
#include "linux/lockdep.h"
#include "linux/sched.h"
#include "asm/hardirq.h"

#ifdef __cplusplus
extern "C" {
#endif
/* Waits until no handler of irq runs, in hardirq context or in its thread. May sleep. */
void synchronize_irq(unsigned int irq);
/* Waits for the hardirq handlers only; returns whether a threaded handler is still active. */
bool synchronize_hardirq(unsigned int irq);
#ifdef __cplusplus
}
#endif

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/percpu.h"
#include "linux/static_key.h"
#endif

#endif
