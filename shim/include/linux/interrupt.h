/* Interrupt handlers, tasklets and softirqs: types now; the handlers arrive with interrupt support. */
#ifndef _LINUX_INTERRUPT_H
#define _LINUX_INTERRUPT_H

#include "linux/kernel.h"
#include "linux/irqreturn.h"
#include "linux/preempt.h"
#include "linux/irqflags.h"
#include "linux/smp.h"
#include "linux/atomic.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/cpumask.h"
#include "linux/lockdep.h"
#include "linux/sched.h"
#include "linux/kref.h"
#endif

#define IRQF_SHARED		0x00000080
#define IRQF_PROBE_SHARED	0x00000100
#define IRQF_TIMER		0x00000200
#define IRQF_PERCPU		0x00000400
#define IRQF_NOBALANCING	0x00000800
#define IRQF_IRQPOLL		0x00001000
#define IRQF_ONESHOT		0x00002000
#define IRQF_NO_SUSPEND		0x00004000
#define IRQF_FORCE_RESUME	0x00008000
#define IRQF_NO_THREAD		0x00010000
#define IRQF_EARLY_RESUME	0x00020000
#define IRQF_COND_SUSPEND	0x00040000
#define IRQF_NO_AUTOEN		0x00080000
#define IRQF_TRIGGER_NONE	0x00000000
#define IRQF_TRIGGER_RISING	0x00000001
#define IRQF_TRIGGER_FALLING	0x00000002
#define IRQF_TRIGGER_HIGH	0x00000004
#define IRQF_TRIGGER_LOW	0x00000008

typedef irqreturn_t (*irq_handler_t)(int irq, void *dev_id);

struct tasklet_struct {
	struct tasklet_struct *next;
	unsigned long state;
	atomic_t count;
	bool use_callback;
	union {
		void (*func)(unsigned long data);
		void (*callback)(struct tasklet_struct *t);
	};
	unsigned long data;
};

enum {
	TASKLET_STATE_SCHED,
	TASKLET_STATE_RUN
};

#define DECLARE_TASKLET(name, _callback)				\
	struct tasklet_struct name = {					\
		.count = { 0 }, .use_callback = true, .callback = _callback }
#define DECLARE_TASKLET_DISABLED(name, _callback)			\
	struct tasklet_struct name = {					\
		.count = { 1 }, .use_callback = true, .callback = _callback }
#define DECLARE_TASKLET_OLD(name, _func)				\
	struct tasklet_struct name = {					\
		.count = { 0 }, .use_callback = false, .func = _func }
#define from_tasklet(var, callback_tasklet, tasklet_fieldname) \
	container_of(callback_tasklet, __typeof__(*var), tasklet_fieldname)

#ifdef __cplusplus
extern "C" {
#endif

/* Not implemented yet: each reports "kshim: NAME is not implemented" when called. */
int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev);
int request_threaded_irq(unsigned int irq, irq_handler_t handler, irq_handler_t thread_fn,
			 unsigned long flags, const char *name, void *dev);
const void *free_irq(unsigned int irq, void *dev_id);
void disable_irq(unsigned int irq);
void disable_irq_nosync(unsigned int irq);
void enable_irq(unsigned int irq);
void synchronize_irq(unsigned int irq);
void tasklet_init(struct tasklet_struct *t, void (*func)(unsigned long), unsigned long data);
void tasklet_setup(struct tasklet_struct *t, void (*callback)(struct tasklet_struct *));
void __tasklet_schedule(struct tasklet_struct *t);
void __tasklet_hi_schedule(struct tasklet_struct *t);
void tasklet_kill(struct tasklet_struct *t);
void tasklet_disable(struct tasklet_struct *t);
void tasklet_enable(struct tasklet_struct *t);
void local_bh_disable(void);
void local_bh_enable(void);

#ifdef __cplusplus
}
#endif

static inline void tasklet_schedule(struct tasklet_struct *t) { __tasklet_schedule(t); }
static inline void tasklet_hi_schedule(struct tasklet_struct *t) { __tasklet_hi_schedule(t); }

#endif
