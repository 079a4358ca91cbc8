/* Kernel threads: kthread_create/run/stop, binding, parking. */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H

#include "linux/err.h"
#include "linux/sched.h"

#define NUMA_NO_NODE (-1)

struct kthread_worker;
struct kthread_work;
struct completion;

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

#ifdef __cplusplus
}
#endif

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
