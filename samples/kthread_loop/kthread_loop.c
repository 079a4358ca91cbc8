/* kthread_loop: a kernel thread that ticks every period_ms until module_exit stops it. */
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>

static unsigned int period_ms = 1000;
module_param(period_ms, uint, 0644);
MODULE_PARM_DESC(period_ms, "Milliseconds between ticks");

static struct task_struct *ticker;

static int tick_fn(void *data)
{
	int ticks = 0;

	pr_info("kthread_loop: %s started\n", current->comm);
	while (!kthread_should_stop()) {
		pr_info("kthread_loop: tick %d\n", ++ticks);
		msleep(period_ms);
	}
	pr_info("kthread_loop: stop requested after %d ticks\n", ticks);
	return ticks;
}

static int __init kthread_loop_init(void)
{
	ticker = kthread_run(tick_fn, NULL, "ticker/%u", period_ms);
	if (IS_ERR(ticker))
		return PTR_ERR(ticker);
	pr_info("kthread_loop: started thread %s\n", ticker->comm);
	return 0;
}

static void __exit kthread_loop_exit(void)
{
	int ret = kthread_stop(ticker);

	pr_info("kthread_loop: thread returned %d\n", ret);
}

module_init(kthread_loop_init);
module_exit(kthread_loop_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A kthread that loops on msleep and is stopped with kthread_stop");
