/* benchmod_ticker: a kthread that wakes every period_ms (msleep) and prints a line, for a virtual day. */
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>

static unsigned int period_ms = 2000;
module_param(period_ms, uint, 0444);
MODULE_PARM_DESC(period_ms, "Milliseconds between wake-ups");

static struct task_struct *ticker;

static int ticker_fn(void *data)
{
	unsigned long ticks = 0;

	while (!kthread_should_stop()) {
		msleep(period_ms);
		ticks++;
		pr_info("benchmod_ticker: tick %lu at jiffies offset %lu\n", ticks,
			jiffies - INITIAL_JIFFIES);
	}
	return 0;
}

static int __init benchmod_ticker_init(void)
{
	ticker = kthread_run(ticker_fn, NULL, "bench_ticker");
	return PTR_ERR_OR_ZERO(ticker);
}

static void __exit benchmod_ticker_exit(void)
{
	kthread_stop(ticker);
}

module_init(benchmod_ticker_init);
module_exit(benchmod_ticker_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Benchmark: a periodic kthread that prints a line per wake-up");
