/* crash_stack_overflow: a kthread recurses without end and overflows its stack. */
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/string.h>

static volatile int max_depth;	/* 0: no limit */

static noinline int deep(int n)
{
	volatile char frame[512];

	if (max_depth && n >= max_depth)
		return 0;
	memset((char *)frame, n, sizeof(frame));
	return deep(n + 1) + frame[n % 512];
}

static int recurse_fn(void *data)
{
	return deep(0);
}

static int __init crash_stack_overflow_init(void)
{
	struct task_struct *t = kthread_run(recurse_fn, NULL, "recurse");

	return PTR_ERR_OR_ZERO(t);
}

static void __exit crash_stack_overflow_exit(void)
{
}

module_init(crash_stack_overflow_init);
module_exit(crash_stack_overflow_exit);
MODULE_LICENSE("GPL");
