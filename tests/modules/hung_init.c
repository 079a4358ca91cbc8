/* hung_init: module_init sleeps in TASK_UNINTERRUPTIBLE and nothing ever wakes it. */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/sched.h>

static int __init hung_init_init(void)
{
	pr_info("hung_init: sleeping forever\n");
	set_current_state(TASK_UNINTERRUPTIBLE);
	schedule();
	pr_info("hung_init: woke up\n");
	return 0;
}

static void __exit hung_init_exit(void)
{
}

module_init(hung_init_init);
module_exit(hung_init_exit);
MODULE_LICENSE("GPL");
