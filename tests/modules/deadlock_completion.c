/* deadlock_completion: two kthreads each wait for the other's completion before completing their
 * own (a cycle); with order=1 the second one completes first, and both finish. */
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/module.h>

static int order;
module_param(order, int, 0444);

static DECLARE_COMPLETION(a_done);
static DECLARE_COMPLETION(b_done);
static struct task_struct *ta, *tb;

static int a_fn(void *data)
{
	wait_for_completion(&b_done);
	complete(&a_done);
	pr_info("deadlock_completion: a finished\n");
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ);
	return 0;
}

static int b_fn(void *data)
{
	if (order)
		complete(&b_done);
	wait_for_completion(&a_done);
	if (!order)
		complete(&b_done);
	pr_info("deadlock_completion: b finished\n");
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ);
	return 0;
}

static int __init deadlock_completion_init(void)
{
	ta = kthread_run(a_fn, NULL, "cycle_a");
	tb = kthread_run(b_fn, NULL, "cycle_b");
	return 0;
}

static void __exit deadlock_completion_exit(void)
{
	kthread_stop(ta);
	kthread_stop(tb);
}

module_init(deadlock_completion_init);
module_exit(deadlock_completion_exit);
MODULE_LICENSE("GPL");
