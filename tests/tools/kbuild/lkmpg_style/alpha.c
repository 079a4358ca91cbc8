/* alpha: the first of two modules one Makefile builds; prints its KBUILD_MODNAME. */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

static int __init alpha_init(void)
{
	pr_info("alpha: init, KBUILD_MODNAME=%s\n", KBUILD_MODNAME);
	return 0;
}

static void __exit alpha_exit(void)
{
	pr_info("alpha: exit\n");
}

module_init(alpha_init);
module_exit(alpha_exit);
MODULE_LICENSE("GPL");
