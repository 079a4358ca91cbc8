/* init_enomem: module_init fails with -ENOMEM, so module_exit must never run. */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/module.h>

static int __init init_enomem_init(void)
{
	pr_info("init_enomem: failing\n");
	return -ENOMEM;
}

static void __exit init_enomem_exit(void)
{
	pr_info("init_enomem: exit called\n");
}

module_init(init_enomem_init);
module_exit(init_enomem_exit);
MODULE_LICENSE("GPL");
