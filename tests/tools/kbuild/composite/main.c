/* combo's main object: init and exit, calling into the helper object. */
#include <linux/module.h>
#include <linux/printk.h>
#include "combo.h"

static int __init combo_init(void)
{
	pr_info("combo: %s, scale(7)=%d\n", COMBO_GREETING, combo_scale(7));
	return 0;
}

static void __exit combo_exit(void)
{
	pr_info("combo: exit\n");
}

module_init(combo_init);
module_exit(combo_exit);
MODULE_LICENSE("GPL");
