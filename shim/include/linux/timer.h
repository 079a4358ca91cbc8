/* Kernel timers (timer_list): callbacks run in softirq context on a virtual CPU, at the
 * timer wheel's granularity, as in Linux 6.1. */
#ifndef _LINUX_TIMER_H
#define _LINUX_TIMER_H

#include "linux/types.h"
#include "linux/jiffies.h"
#include "linux/container_of.h"
#include "linux/stddef.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/list.h"
#include "linux/ktime.h"
#include "linux/spinlock.h"
#endif

struct timer_list {
	struct hlist_node	entry;		/* entry.pprev != NULL while pending */
	unsigned long		expires;
	void			(*function)(struct timer_list *);
	u32			flags;
	unsigned long		__kshim[5];	/* the runtime's timer; all zero when idle */
};

#define TIMER_CPUMASK		0x0003FFFF
#define TIMER_MIGRATING		0x00040000
#define TIMER_BASEMASK		(TIMER_CPUMASK | TIMER_MIGRATING)
#define TIMER_DEFERRABLE	0x00080000
#define TIMER_PINNED		0x00100000
#define TIMER_IRQSAFE		0x00200000
#define TIMER_INIT_FLAGS	(TIMER_DEFERRABLE | TIMER_PINNED | TIMER_IRQSAFE)

#define __TIMER_INITIALIZER(_function, _flags) {		\
		.entry = { .next = (struct hlist_node *)0, .pprev = (struct hlist_node **)0 }, \
		.expires = 0,					\
		.function = (_function),			\
		.flags = (_flags),				\
	}

#define DEFINE_TIMER(_name, _function)				\
	struct timer_list _name = __TIMER_INITIALIZER(_function, 0)

#define from_timer(var, callback_timer, timer_fieldname) \
	container_of(callback_timer, __typeof__(*var), timer_fieldname)

/* The fields timer_setup sets; init_timer_key runs debugobjects' check first. Atomic-safe. */
static inline void kshim_timer_fill(struct timer_list *timer, void (*func)(struct timer_list *),
				    unsigned int flags)
{
	timer->entry.next = (struct hlist_node *)0;
	timer->entry.pprev = (struct hlist_node **)0;
	timer->expires = 0;
	timer->function = func;
	timer->flags = flags & TIMER_INIT_FLAGS;
	__builtin_memset(timer->__kshim, 0, sizeof(timer->__kshim));
}

/* As 6.1's __init_timer: out of line, so that debugobjects sees the initialisation. */
#define timer_setup(timer, callback, flags) init_timer_key(timer, callback, flags, (const char *)0, \
							    (struct lock_class_key *)0)
#define timer_setup_on_stack(timer, callback, flags) init_timer_on_stack_key(timer, callback, flags, (const char *)0, \
									      (struct lock_class_key *)0)

/* Atomic-safe. */
static inline int timer_pending(const struct timer_list *timer)
{
	return timer->entry.pprev != (struct hlist_node **)0;
}

#ifdef __cplusplus
extern "C" {
#endif

/* All atomic-safe except the _sync variants, which may sleep. */
void add_timer(struct timer_list *timer);
void add_timer_on(struct timer_list *timer, int cpu);
int mod_timer(struct timer_list *timer, unsigned long expires);
int mod_timer_pending(struct timer_list *timer, unsigned long expires);
int timer_reduce(struct timer_list *timer, unsigned long expires);
int del_timer(struct timer_list *timer);
int try_to_del_timer_sync(struct timer_list *timer);
int del_timer_sync(struct timer_list *timer);
/* debugobjects: a timer still armed is reported (ODEBUG free active) and disarmed. */
void destroy_timer_on_stack(struct timer_list *timer);
/* timer_setup, and debugobjects registers the timer as on the stack (armed at its frame's end:
 * ODEBUG free active). timer_setup_on_stack calls it. */
struct lock_class_key;
/* timer_setup: a timer still pending is reported (ODEBUG init active) and disarmed first. */
void init_timer_key(struct timer_list *timer, void (*func)(struct timer_list *), unsigned int flags,
		    const char *name, struct lock_class_key *key);
void init_timer_on_stack_key(struct timer_list *timer, void (*func)(struct timer_list *), unsigned int flags,
			     const char *name, struct lock_class_key *key);
unsigned long round_jiffies(unsigned long j);

#ifdef __cplusplus
}
#endif

#define del_singleshot_timer_sync(t) del_timer_sync(t)
#define timer_delete(t) del_timer(t)
#define timer_delete_sync(t) del_timer_sync(t)

#endif
