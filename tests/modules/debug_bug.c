/* debug_bug: BUG() in module_init: "kernel BUG at" and an oops, then the run ends. */
#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/module.h>

static noinline void debug_bug_hit(void)
{
	BUG();
}

static int __init debug_bug_init(void)
{
	pr_info("debug_bug: before BUG\n");
	debug_bug_hit();
	pr_info("debug_bug: after BUG\n");
	return 0;
}

static void __exit debug_bug_exit(void)
{
}

module_init(debug_bug_init);
module_exit(debug_bug_exit);
MODULE_LICENSE("GPL");
