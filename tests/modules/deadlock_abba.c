/* deadlock_abba: two kthreads take two mutexes in opposite orders with a sleep between (order=1:
 * the same order, no deadlock); module_exit stops both. */
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mutex.h>

static int order;
module_param(order, int, 0444);

static DEFINE_MUTEX(lock_a);
static DEFINE_MUTEX(lock_b);
static struct task_struct *t1, *t2;

static void take_two(struct mutex *first, struct mutex *second)
{
	mutex_lock(first);
	msleep(10);
	mutex_lock(second);
	mutex_unlock(second);
	mutex_unlock(first);
}

static int one_fn(void *data)
{
	take_two(&lock_a, &lock_b);
	pr_info("deadlock_abba: one finished\n");
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ);
	return 0;
}

static int two_fn(void *data)
{
	if (order)
		take_two(&lock_a, &lock_b);
	else
		take_two(&lock_b, &lock_a);
	pr_info("deadlock_abba: two finished\n");
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ);
	return 0;
}

static int __init deadlock_abba_init(void)
{
	t1 = kthread_run(one_fn, NULL, "abba_one");
	t2 = kthread_run(two_fn, NULL, "abba_two");
	return 0;
}

static void __exit deadlock_abba_exit(void)
{
	kthread_stop(t1);
	kthread_stop(t2);
}

module_init(deadlock_abba_init);
module_exit(deadlock_abba_exit);
MODULE_LICENSE("GPL");
