/* Local interrupt state of the current virtual CPU: local_irq_save/restore, irqs_disabled. */
#ifndef _LINUX_TRACE_IRQFLAGS_H
#define _LINUX_TRACE_IRQFLAGS_H

#include "linux/types.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/typecheck.h"
#include "linux/compiler.h"
#include "linux/const.h"
#include "linux/init.h"
#include "linux/stringify.h"
#include "linux/linkage.h"
#include "linux/printk.h"
#include "linux/kernel.h"
#include "linux/bug.h"
#include "linux/cpumask.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif
/* All atomic-safe; they change the current task's irq-disable depth. */
unsigned long kshim_local_irq_save(void);
void kshim_local_irq_restore(unsigned long flags);
void kshim_local_irq_disable(void);
void kshim_local_irq_enable(void);
int kshim_irqs_disabled(void);
#ifdef __cplusplus
}
#endif

#define local_irq_save(flags)		do { (flags) = kshim_local_irq_save(); } while (0)
#define local_irq_restore(flags)	kshim_local_irq_restore(flags)
#define local_irq_disable()		kshim_local_irq_disable()
#define local_irq_enable()		kshim_local_irq_enable()
#define irqs_disabled()			kshim_irqs_disabled()
#define irqs_disabled_flags(flags)	((flags) != 0)
#define raw_local_irq_save(flags)	local_irq_save(flags)
#define raw_local_irq_restore(flags)	local_irq_restore(flags)

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/cleanup.h"
#include "linux/static_key.h"
#include "asm/percpu.h"
#endif

#endif
