/* spin_relax: a kthread busy-waits for a flag nobody sets (mode=relax: cpu_relax, udelay: udelay(50),
 * mdelay: mdelay(1)) and never sleeps; with sleep=1 it also calls cond_resched() each round, which
 * is the correct way to wait on Linux. The thread polls kthread_should_stop() too. */
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/string.h>

static char *mode = "relax";
module_param(mode, charp, 0444);
static int sleep;
module_param(sleep, int, 0444);

static int ready;
static struct task_struct *waiter;

static int wait_fn(void *data)
{
	pr_info("spin_relax: waiting for the device (%s)\n", mode);
	while (!READ_ONCE(ready) && !kthread_should_stop()) {
		if (!strcmp(mode, "udelay"))
			udelay(50);
		else if (!strcmp(mode, "mdelay"))
			mdelay(1);
		else
			cpu_relax();
		if (sleep)
			cond_resched();
	}
	pr_info("spin_relax: done waiting\n");
	return 0;
}

static int __init spin_relax_init(void)
{
	waiter = kthread_run(wait_fn, NULL, "spin_relax");
	return PTR_ERR_OR_ZERO(waiter);
}

static void __exit spin_relax_exit(void)
{
	kthread_stop(waiter);
}

module_init(spin_relax_init);
module_exit(spin_relax_exit);
MODULE_LICENSE("GPL");
