/* spin_flag: a kthread spins on a flag with no call in the loop: no switch point ever comes. */
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>

static int go_on = 1;
static struct task_struct *spinner;

static int spin_fn(void *data)
{
	pr_info("spin_flag: spinning on the flag\n");
	while (READ_ONCE(go_on))
		;
	pr_info("spin_flag: the flag dropped\n");
	return 0;
}

static int __init spin_flag_init(void)
{
	spinner = kthread_run(spin_fn, NULL, "spin_flag");
	return PTR_ERR_OR_ZERO(spinner);
}

static void __exit spin_flag_exit(void)
{
	WRITE_ONCE(go_on, 0);
	kthread_stop(spinner);
}

module_init(spin_flag_init);
module_exit(spin_flag_exit);
MODULE_LICENSE("GPL");
