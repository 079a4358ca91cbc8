/* benchmod_sleepers: nthreads kthreads, each sleeping in an msleep loop, for measuring memory. */
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>

static unsigned int nthreads = 10000;
module_param(nthreads, uint, 0444);
MODULE_PARM_DESC(nthreads, "How many kthreads to start");

static unsigned int period_ms = 100;
module_param(period_ms, uint, 0444);
MODULE_PARM_DESC(period_ms, "Milliseconds each kthread sleeps per loop");

static atomic_t alive = ATOMIC_INIT(0);
static atomic_long_t wakeups = ATOMIC_LONG_INIT(0);
static int stopping;

/* The threads end on a flag rather than kthread_stop(): kthread_stop cannot cut an msleep short,
 * so stopping them one by one would cost one sleep period each. */
static int sleeper_fn(void *data)
{
	while (!READ_ONCE(stopping)) {
		msleep(period_ms);
		atomic_long_inc(&wakeups);
	}
	atomic_dec(&alive);
	return 0;
}

static int __init benchmod_sleepers_init(void)
{
	unsigned int i;

	for (i = 0; i < nthreads; i++) {
		struct task_struct *t = kthread_run(sleeper_fn, NULL, "sleeper/%u", i);

		if (IS_ERR(t)) {
			WRITE_ONCE(stopping, 1);
			while (atomic_read(&alive) > 0)
				msleep(period_ms);
			return PTR_ERR(t);
		}
		atomic_inc(&alive);
	}
	pr_info("benchmod_sleepers: %u kthreads started\n", nthreads);
	return 0;
}

static void __exit benchmod_sleepers_exit(void)
{
	WRITE_ONCE(stopping, 1);
	while (atomic_read(&alive) > 0)
		msleep(period_ms);
	pr_info("benchmod_sleepers: %ld wake-ups\n", atomic_long_read(&wakeups));
}

module_init(benchmod_sleepers_init);
module_exit(benchmod_sleepers_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Benchmark: many kthreads sleeping in msleep loops");
