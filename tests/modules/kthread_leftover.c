/* kthread_leftover: starts a kthread that ignores kthread_should_stop and never stops it. */
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>

static int forever_fn(void *data)
{
	for (;;)
		msleep(100);
	return 0;
}

static int __init kthread_leftover_init(void)
{
	struct task_struct *t = kthread_run(forever_fn, NULL, "leftover");

	return PTR_ERR_OR_ZERO(t);
}

static void __exit kthread_leftover_exit(void)
{
	pr_info("kthread_leftover: exit without kthread_stop\n");
}

module_init(kthread_leftover_init);
module_exit(kthread_leftover_exit);
MODULE_LICENSE("GPL");
