/* Kernel threads: kthread_create/run/stop, binding, parking, and kthread_worker. */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H

#include "linux/err.h"
#include "linux/sched.h"
#include "linux/spinlock_types.h"
#include "linux/timer.h"

#define NUMA_NO_NODE (-1)

struct kthread_worker;
struct kthread_work;
struct completion;
struct lock_class_key;

/* kthread_worker: a kthread that runs queued kthread_work items one at a time, in FIFO order,
 * in process context (kernel/kthread.c of 6.1). The lock is there for layout; kshim's worker
 * needs none (one host thread, switches only where a task sleeps). */
enum {
	KTW_FREEZABLE		= 1 << 0,	/* freeze during suspend */
};

typedef void (*kthread_work_func_t)(struct kthread_work *work);

struct kthread_worker {
	unsigned int		flags;
	raw_spinlock_t		lock;
	struct list_head	work_list;
	struct list_head	delayed_work_list;
	struct task_struct	*task;
	struct kthread_work	*current_work;
};

struct kthread_work {
	struct list_head	node;		/* on a worker list while pending */
	kthread_work_func_t	func;
	struct kthread_worker	*worker;	/* the last worker it was queued on */
	int			canceling;	/* cancel calls running now */
};

struct kthread_delayed_work {
	struct kthread_work work;
	struct timer_list timer;
};

#ifdef __cplusplus
extern "C" {
#endif

/* Creates a stopped kthread named by the printf-style namefmt; may sleep. Wake it with
 * wake_up_process(). Returns ERR_PTR(-ENOMEM) on failure. */
__printf(4, 5)
struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data,
					   int node, const char namefmt[], ...);
struct task_struct *kthread_create_on_cpu(int (*threadfn)(void *data), void *data,
					  unsigned int cpu, const char *namefmt);
void kthread_bind(struct task_struct *k, unsigned int cpu);
void kthread_bind_mask(struct task_struct *k, const struct cpumask *mask);
/* Sets should_stop, wakes k and waits for it to exit; returns threadfn's result, or -EINTR if
 * k never ran. May sleep. */
int kthread_stop(struct task_struct *k);
bool kthread_should_stop(void);
bool kthread_should_park(void);
bool kthread_freezable_should_stop(bool *was_frozen);
int kthread_park(struct task_struct *k);
void kthread_unpark(struct task_struct *k);
void kthread_parkme(void);
void *kthread_data(struct task_struct *k);
void *kthread_func(struct task_struct *k);
void __attribute__((__noreturn__)) kthread_exit(long result);
void __attribute__((__noreturn__)) kthread_complete_and_exit(struct completion *comp, long code);
void kthread_set_per_cpu(struct task_struct *k, int cpu);
bool kthread_is_per_cpu(struct task_struct *k);

/* The timer callback of a kthread_delayed_work: queues the work. Softirq context. */
void kthread_delayed_work_timer_fn(struct timer_list *t);
void __kthread_init_worker(struct kthread_worker *worker, const char *name, struct lock_class_key *key);
/* The thread function of a worker: runs its work until kthread_stop(). Pass the worker as data. */
int kthread_worker_fn(void *worker_ptr);
/* A worker and its kthread, named by namefmt, woken and ready; ERR_PTR(-ENOMEM) on failure.
 * The _on_cpu form binds it to cpu. May sleep. */
__printf(2, 3)
struct kthread_worker *kthread_create_worker(unsigned int flags, const char namefmt[], ...);
__printf(3, 4)
struct kthread_worker *kthread_create_worker_on_cpu(int cpu, unsigned int flags, const char namefmt[], ...);
/* Queue work (at once, or after delay jiffies); false if it is pending or being canceled.
 * Atomic-safe. */
bool kthread_queue_work(struct kthread_worker *worker, struct kthread_work *work);
bool kthread_queue_delayed_work(struct kthread_worker *worker, struct kthread_delayed_work *dwork,
				unsigned long delay);
/* Re-arms dwork for delay; returns whether it was pending. Atomic-safe. */
bool kthread_mod_delayed_work(struct kthread_worker *worker, struct kthread_delayed_work *dwork,
			      unsigned long delay);
/* Wait until work (or everything queued on worker so far) has run. May sleep. */
void kthread_flush_work(struct kthread_work *work);
void kthread_flush_worker(struct kthread_worker *worker);
/* Dequeue work and wait for a running instance; return whether it was pending. May sleep. */
bool kthread_cancel_work_sync(struct kthread_work *work);
bool kthread_cancel_delayed_work_sync(struct kthread_delayed_work *work);
/* Flushes, stops the kthread and frees a worker made by kthread_create_worker. May sleep. */
void kthread_destroy_worker(struct kthread_worker *worker);

#ifdef __cplusplus
}
#endif

#define KTHREAD_WORK_INIT(work, fn)	{				\
	.node = LIST_HEAD_INIT((work).node),				\
	.func = (fn),							\
	}

#define KTHREAD_DELAYED_WORK_INIT(dwork, fn) {				\
	.work = KTHREAD_WORK_INIT((dwork).work, (fn)),			\
	.timer = __TIMER_INITIALIZER(kthread_delayed_work_timer_fn,	\
				     TIMER_IRQSAFE),			\
	}

/* 6.1 has no static initialiser for a worker (no DEFINE_KTHREAD_WORKER): kthread_init_worker(). */
#define DEFINE_KTHREAD_WORK(work, fn)					\
	struct kthread_work work = KTHREAD_WORK_INIT(work, fn)
#define DEFINE_KTHREAD_DELAYED_WORK(dwork, fn)				\
	struct kthread_delayed_work dwork = KTHREAD_DELAYED_WORK_INIT(dwork, fn)

#define kthread_init_worker(worker)					\
	do {								\
		static struct lock_class_key __key;			\
		__kthread_init_worker((worker), "("#worker")->lock", &__key); \
	} while (0)

#define kthread_init_work(work, fn)					\
	do {								\
		__builtin_memset((work), 0, sizeof(struct kthread_work)); \
		INIT_LIST_HEAD(&(work)->node);				\
		(work)->func = (fn);					\
	} while (0)

#define kthread_init_delayed_work(dwork, fn)				\
	do {								\
		kthread_init_work(&(dwork)->work, (fn));		\
		timer_setup(&(dwork)->timer, kthread_delayed_work_timer_fn, TIMER_IRQSAFE); \
	} while (0)

#define kthread_create(threadfn, data, namefmt, arg...) \
	kthread_create_on_node(threadfn, data, NUMA_NO_NODE, namefmt, ##arg)

#define kthread_run(threadfn, data, namefmt, ...)			   \
({									   \
	struct task_struct *__k						   \
		= kthread_create(threadfn, data, namefmt, ## __VA_ARGS__); \
	if (!IS_ERR(__k))						   \
		wake_up_process(__k);					   \
	__k;								   \
})

#define kthread_run_on_cpu(threadfn, data, cpu, namefmt)		   \
({									   \
	struct task_struct *__k						   \
		= kthread_create_on_cpu(threadfn, data, cpu, namefmt);	   \
	if (!IS_ERR(__k))						   \
		wake_up_process(__k);					   \
	__k;								   \
})

#endif
