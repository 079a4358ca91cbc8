/* exit_spin: module_exit busy-waits with cpu_relax() for a flag nobody sets; only a second
 * SIGINT/SIGTERM (or the soft-lockup watchdog) can end the run. */
#include <linux/module.h>
#include <asm/processor.h>

static int released;

static int __init exit_spin_init(void)
{
	pr_info("exit_spin: loaded\n");
	return 0;
}

static void __exit exit_spin_exit(void)
{
	pr_info("exit_spin: waiting for the hardware to let go\n");
	while (!READ_ONCE(released))
		cpu_relax();
}

module_init(exit_spin_init);
module_exit(exit_spin_exit);
MODULE_LICENSE("GPL");
