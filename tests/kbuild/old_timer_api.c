/* Rejected module: the timer API that Linux 4.15 removed (init_timer, setup_timer, timer_list's .data), which 6.1 does not compile. */
#include <linux/module.h>
#include <linux/timer.h>

static struct timer_list old_timer;

static void old_timer_fn(unsigned long data)
{
	pr_info("fired with %lu\n", data);
}

static int __init old_timer_init(void)
{
	setup_timer(&old_timer, old_timer_fn, 0);
	init_timer(&old_timer);
	old_timer.data = 5;
	return 0;
}

module_init(old_timer_init);
MODULE_LICENSE("GPL");
