/* beta-two: a module whose file name has a dash, which kbuild turns into '_' in KBUILD_MODNAME. */
#include <linux/module.h>
#include <linux/printk.h>

static int __init beta_init(void)
{
	pr_info("%s: init\n", KBUILD_MODNAME);
	return 0;
}

static void __exit beta_exit(void)
{
	pr_info("%s: exit\n", KBUILD_MODNAME);
}

module_init(beta_init);
module_exit(beta_exit);
MODULE_LICENSE("GPL");
