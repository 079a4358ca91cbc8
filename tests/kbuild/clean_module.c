/* Accepted module: code 6.1's kbuild compiles without a warning (a declaration after a statement, a switch with fallthrough), using the common headers. */
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

static int level = 1;
module_param(level, int, 0444);

static int classify(int v)
{
	int r = 0;

	switch (v) {
	case 2:
		r += 2;
		fallthrough;
	case 1:
		r += 1;
		break;
	default:
		break;
	}
	int doubled = r * 2;
	return doubled;
}

static int __init clean_module_init(void)
{
	pr_info("classify(%d) = %d\n", level, classify(level));
	return 0;
}

static void __exit clean_module_exit(void)
{
}

module_init(clean_module_init);
module_exit(clean_module_exit);
MODULE_LICENSE("GPL");
