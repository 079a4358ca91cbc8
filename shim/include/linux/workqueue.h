/* Workqueues with Linux 6.1's concurrency-managed semantics: work items, delayed and RCU work,
 * bound/unbound/ordered/high-priority workqueues, flush and cancel. */
#ifndef _LINUX_WORKQUEUE_H
#define _LINUX_WORKQUEUE_H

#include "linux/list.h"
#include "linux/timer.h"
#include "linux/linkage.h"
#include "linux/bitops.h"
#include "linux/atomic.h"
#include "linux/cpumask.h"
#include "linux/lockdep.h"
#include "linux/types.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/rcupdate.h"
#endif

struct workqueue_struct;
struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);

/* work->data: the pending bit and, while queued, the pool_workqueue (aligned to 256) and
 * flush color; off queue, the id of the pool it last ran on. */
enum {
	WORK_STRUCT_PENDING_BIT	= 0,
	WORK_STRUCT_INACTIVE_BIT = 1,
	WORK_STRUCT_PWQ_BIT	= 2,
	WORK_STRUCT_LINKED_BIT	= 3,
	WORK_STRUCT_COLOR_SHIFT	= 4,
	WORK_STRUCT_COLOR_BITS	= 4,
	WORK_STRUCT_PENDING	= 1 << WORK_STRUCT_PENDING_BIT,
	WORK_STRUCT_INACTIVE	= 1 << WORK_STRUCT_INACTIVE_BIT,
	WORK_STRUCT_PWQ		= 1 << WORK_STRUCT_PWQ_BIT,
	WORK_STRUCT_LINKED	= 1 << WORK_STRUCT_LINKED_BIT,
	WORK_STRUCT_STATIC	= 0,
	WORK_NR_COLORS		= (1 << WORK_STRUCT_COLOR_BITS),
	WORK_CPU_UNBOUND	= 64,
	WORK_STRUCT_FLAG_BITS	= WORK_STRUCT_COLOR_SHIFT + WORK_STRUCT_COLOR_BITS,
	WORK_OFFQ_CANCELING	= (1 << WORK_STRUCT_COLOR_SHIFT),
	WORK_OFFQ_POOL_SHIFT	= WORK_STRUCT_FLAG_BITS,
	WORK_STRUCT_NO_POOL	= 0,
	WORK_BUSY_PENDING	= 1 << 0,
	WORK_BUSY_RUNNING	= 1 << 1,
	WORKER_DESC_LEN		= 24,
};

/* lockdep_map: "(work_completion)" + the INIT_WORK argument, one class per INIT_WORK call site
 * (Linux under CONFIG_LOCKDEP); held while the function runs, taken by flush_work. */
struct work_struct {
	atomic_long_t data;
	struct list_head entry;
	work_func_t func;
	struct lockdep_map lockdep_map;
};

#define WORK_DATA_INIT()	{ (s64)WORK_STRUCT_NO_POOL }
#define WORK_DATA_STATIC_INIT()	{ (s64)(WORK_STRUCT_NO_POOL | WORK_STRUCT_STATIC) }

struct delayed_work {
	struct work_struct work;
	struct timer_list timer;
	struct workqueue_struct *wq;
	int cpu;
};

struct rcu_work {
	struct work_struct work;
	struct rcu_head rcu;
	struct workqueue_struct *wq;
};

enum {
	WQ_UNBOUND		= 1 << 1,
	WQ_FREEZABLE		= 1 << 2,
	WQ_MEM_RECLAIM		= 1 << 3,
	WQ_HIGHPRI		= 1 << 4,
	WQ_CPU_INTENSIVE	= 1 << 5,
	WQ_SYSFS		= 1 << 6,
	WQ_POWER_EFFICIENT	= 1 << 7,
	__WQ_DRAINING		= 1 << 16,
	__WQ_ORDERED		= 1 << 17,
	__WQ_LEGACY		= 1 << 18,
	__WQ_ORDERED_EXPLICIT	= 1 << 19,
	WQ_MAX_ACTIVE		= 512,
	WQ_UNBOUND_MAX_ACTIVE	= WQ_MAX_ACTIVE,
	WQ_DFL_ACTIVE		= WQ_MAX_ACTIVE / 2,
};

/* A statically defined item's class is its own map's address (key NULL), its name the variable's. */
#define __WORK_INITIALIZER(n, f) {					\
	.data = WORK_DATA_STATIC_INIT(),				\
	.entry	= { &(n).entry, &(n).entry },				\
	.func = (f),							\
	.lockdep_map = STATIC_LOCKDEP_MAP_INIT(#n, (struct lock_class_key *)0), \
	}

#define __DELAYED_WORK_INITIALIZER(n, f, tflags) {			\
	.work = __WORK_INITIALIZER((n).work, (f)),			\
	.timer = __TIMER_INITIALIZER(delayed_work_timer_fn, (tflags)),	\
	.wq = (struct workqueue_struct *)0,				\
	.cpu = 0,							\
	}

#define DECLARE_WORK(n, f)						\
	struct work_struct n = __WORK_INITIALIZER(n, f)

#define DECLARE_DELAYED_WORK(n, f)					\
	struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f, 0)

#define DECLARE_DEFERRABLE_WORK(n, f)					\
	struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f, TIMER_DEFERRABLE)

#define work_data_bits(work) ((unsigned long *)(&(work)->data.counter))

#define __INIT_WORK(_work, _func, _onstack)				\
	do {								\
		static struct lock_class_key __key;			\
									\
		__init_work((_work), (_onstack));			\
		(_work)->data.counter = (s64)WORK_STRUCT_NO_POOL;	\
		lockdep_init_map(&(_work)->lockdep_map, "(work_completion)"#_work, &__key, 0); \
		INIT_LIST_HEAD(&(_work)->entry);			\
		(_work)->func = (_func);				\
	} while (0)

#define INIT_WORK(_work, _func)		__INIT_WORK((_work), (_func), 0)
#define INIT_WORK_ONSTACK(_work, _func)	__INIT_WORK((_work), (_func), 1)

#define __INIT_DELAYED_WORK_AS(_work, _func, _tflags, _onstack)		\
	do {								\
		__INIT_WORK(&(_work)->work, (_func), (_onstack));	\
		timer_setup(&(_work)->timer, delayed_work_timer_fn,	\
			    (_tflags) | TIMER_IRQSAFE);			\
		if (_onstack)						\
			kshim_delayed_work_onstack(_work);		\
		(_work)->wq = (struct workqueue_struct *)0;		\
		(_work)->cpu = 0;					\
	} while (0)
#define __INIT_DELAYED_WORK(_work, _func, _tflags)	__INIT_DELAYED_WORK_AS(_work, _func, _tflags, 0)
#define __INIT_DELAYED_WORK_ONSTACK(_work, _func, _tflags) __INIT_DELAYED_WORK_AS(_work, _func, _tflags, 1)

#define INIT_DELAYED_WORK(_work, _func)		__INIT_DELAYED_WORK(_work, _func, 0)
#define INIT_DELAYED_WORK_ONSTACK(_work, _func)	__INIT_DELAYED_WORK_ONSTACK(_work, _func, 0)
#define INIT_DEFERRABLE_WORK(_work, _func)	__INIT_DELAYED_WORK(_work, _func, TIMER_DEFERRABLE)
#define INIT_DEFERRABLE_WORK_ONSTACK(_work, _func) __INIT_DELAYED_WORK_ONSTACK(_work, _func, TIMER_DEFERRABLE)
#define INIT_RCU_WORK(_work, _func)		INIT_WORK(&(_work)->work, (_func))
#define INIT_RCU_WORK_ONSTACK(_work, _func)	INIT_WORK_ONSTACK(&(_work)->work, (_func))

/* A bool-like int, as the kernel's test_bit() gives (so "%d" prints it without warnings). */
#define work_pending(work) \
	(!!(*work_data_bits(work) & WORK_STRUCT_PENDING))
#define delayed_work_pending(w) work_pending(&(w)->work)

static inline struct delayed_work *to_delayed_work(struct work_struct *work)
{
	return container_of(work, struct delayed_work, work);
}

static inline struct rcu_work *to_rcu_work(struct work_struct *work)
{
	return container_of(work, struct rcu_work, work);
}

#define create_workqueue(name)						\
	alloc_workqueue("%s", __WQ_LEGACY | WQ_MEM_RECLAIM, 1, (name))
#define create_freezable_workqueue(name)				\
	alloc_workqueue("%s", __WQ_LEGACY | WQ_FREEZABLE | WQ_UNBOUND |	\
			WQ_MEM_RECLAIM, 1, (name))
#define alloc_ordered_workqueue(fmt, flags, args...)			\
	alloc_workqueue(fmt, WQ_UNBOUND | __WQ_ORDERED |		\
			__WQ_ORDERED_EXPLICIT | (flags), 1, ##args)
#define create_singlethread_workqueue(name)				\
	alloc_ordered_workqueue("%s", __WQ_LEGACY | WQ_MEM_RECLAIM, name)

#ifdef __cplusplus
extern "C" {
#endif

extern struct workqueue_struct *system_wq;
extern struct workqueue_struct *system_highpri_wq;
extern struct workqueue_struct *system_long_wq;
extern struct workqueue_struct *system_unbound_wq;
extern struct workqueue_struct *system_freezable_wq;
extern struct workqueue_struct *system_power_efficient_wq;
extern struct workqueue_struct *system_freezable_power_efficient_wq;

/* Creation and destruction may sleep. */
__printf(1, 4) struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags,
							int max_active, ...);
void destroy_workqueue(struct workqueue_struct *wq);
void workqueue_set_max_active(struct workqueue_struct *wq, int max_active);

/* Queueing is atomic-safe; each returns false if the work was already pending. */
bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work);
bool queue_work_node(int node, struct workqueue_struct *wq, struct work_struct *work);
bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *work,
			   unsigned long delay);
bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork,
			 unsigned long delay);
bool queue_rcu_work(struct workqueue_struct *wq, struct rcu_work *rwork);
void delayed_work_timer_fn(struct timer_list *t);

/* Flushing and the _sync cancels may sleep. */
void __flush_workqueue(struct workqueue_struct *wq);
void drain_workqueue(struct workqueue_struct *wq);
bool flush_work(struct work_struct *work);
bool cancel_work(struct work_struct *work);
bool cancel_work_sync(struct work_struct *work);
bool flush_delayed_work(struct delayed_work *dwork);
bool cancel_delayed_work(struct delayed_work *dwork);
bool cancel_delayed_work_sync(struct delayed_work *dwork);
bool flush_rcu_work(struct rcu_work *rwork);
int schedule_on_each_cpu(work_func_t func);
unsigned int work_busy(struct work_struct *work);
struct work_struct *current_work(void);
bool current_is_workqueue_rescuer(void);
bool workqueue_congested(int cpu, struct workqueue_struct *wq);
/* debugobjects, from INIT_WORK: an item still queued is reported (ODEBUG init active) and taken off its queue. */
void __init_work(struct work_struct *work, int onstack);
/* debugobjects: an item still queued is reported (ODEBUG free active) and cancelled. */
/* debugobjects: INIT_DELAYED_WORK_ONSTACK's item is registered as a delayed work (its timer too). */
void kshim_delayed_work_onstack(struct delayed_work *work);
void destroy_work_on_stack(struct work_struct *work);
void destroy_delayed_work_on_stack(struct delayed_work *work);

#ifdef __cplusplus
}
#endif

#define flush_workqueue(wq) __flush_workqueue(wq)
#define flush_scheduled_work() __flush_workqueue(system_wq)

static inline bool queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	return queue_work_on(WORK_CPU_UNBOUND, wq, work);
}

static inline bool queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
				      unsigned long delay)
{
	return queue_delayed_work_on(WORK_CPU_UNBOUND, wq, dwork, delay);
}

static inline bool mod_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
				    unsigned long delay)
{
	return mod_delayed_work_on(WORK_CPU_UNBOUND, wq, dwork, delay);
}

static inline bool schedule_work_on(int cpu, struct work_struct *work)
{
	return queue_work_on(cpu, system_wq, work);
}

static inline bool schedule_work(struct work_struct *work)
{
	return queue_work(system_wq, work);
}

static inline bool schedule_delayed_work_on(int cpu, struct delayed_work *dwork, unsigned long delay)
{
	return queue_delayed_work_on(cpu, system_wq, dwork, delay);
}

static inline bool schedule_delayed_work(struct delayed_work *dwork, unsigned long delay)
{
	return queue_delayed_work(system_wq, dwork, delay);
}

#endif
