/* opt_a: built only when CONFIG_KSHIM_TEST_A's value is m. */
#include <linux/module.h>
#include <linux/printk.h>

static int __init opt_a_init(void)
{
	pr_info("opt_a: init, FROM_PARENT=%d\n", FROM_PARENT);
	return 0;
}

static void __exit opt_a_exit(void)
{
}

module_init(opt_a_init);
module_exit(opt_a_exit);
MODULE_LICENSE("GPL");
