/* Interrupt line types (IRQ_TYPE_*) and the line-level calls drivers make on their irq. */
#ifndef _LINUX_IRQ_H
#define _LINUX_IRQ_H

#include "linux/cache.h"
#include "linux/spinlock.h"
#include "linux/cpumask.h"
#include "linux/irqreturn.h"
#include "linux/slab.h"
#include "asm/ptrace.h"

enum {
	IRQ_TYPE_NONE		= 0x00000000,
	IRQ_TYPE_EDGE_RISING	= 0x00000001,
	IRQ_TYPE_EDGE_FALLING	= 0x00000002,
	IRQ_TYPE_EDGE_BOTH	= (IRQ_TYPE_EDGE_FALLING | IRQ_TYPE_EDGE_RISING),
	IRQ_TYPE_LEVEL_HIGH	= 0x00000004,
	IRQ_TYPE_LEVEL_LOW	= 0x00000008,
	IRQ_TYPE_LEVEL_MASK	= (IRQ_TYPE_LEVEL_LOW | IRQ_TYPE_LEVEL_HIGH),
	IRQ_TYPE_SENSE_MASK	= 0x0000000f,
	IRQ_TYPE_DEFAULT	= IRQ_TYPE_SENSE_MASK,
	IRQ_TYPE_PROBE		= 0x00000010,
};

#ifdef __cplusplus
extern "C" {
#endif
/* The trigger type of the line (what IRQF_TRIGGER_* in request_irq sets). Atomic-safe. */
int irq_set_irq_type(unsigned int irq, unsigned int type);
#ifdef __cplusplus
}
#endif

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/percpu.h"
#include "linux/wait.h"
#include "linux/seqlock.h"
#include "linux/random.h"
#include "linux/mm_types.h"
#include "asm/io.h"
#include "linux/kobject.h"
#include "asm/errno.h"
#endif

#endif
