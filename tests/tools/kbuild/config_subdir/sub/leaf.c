/* leaf: a module in a subdirectory, compiled with the parent directory's subdir-ccflags-y. */
#include <linux/module.h>
#include <linux/printk.h>

static int __init leaf_init(void)
{
	pr_info("leaf: init, FROM_PARENT=%d\n", FROM_PARENT);
	return 0;
}

static void __exit leaf_exit(void)
{
}

module_init(leaf_init);
module_exit(leaf_exit);
MODULE_LICENSE("GPL");
