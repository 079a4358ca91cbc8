/* opt_b: built only when CONFIG_KSHIM_TEST_B's value is m. */
#include <linux/module.h>
#include <linux/printk.h>

static int __init opt_b_init(void)
{
	pr_info("opt_b: init, FROM_PARENT=%d\n", FROM_PARENT);
	return 0;
}

static void __exit opt_b_exit(void)
{
}

module_init(opt_b_init);
module_exit(opt_b_exit);
MODULE_LICENSE("GPL");
