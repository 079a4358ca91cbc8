/* printk_levels: one message at each printk level, plus continuation lines, in module_init. */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>

static int __init printk_levels_init(void)
{
	pr_emerg("lvl0 emerg\n");
	pr_alert("lvl1 alert\n");
	pr_crit("lvl2 crit\n");
	pr_err("lvl3 err\n");
	pr_warn("lvl4 warn\n");
	pr_notice("lvl5 notice\n");
	pr_info("lvl6 info\n");
	printk(KERN_DEBUG "lvl7 debug\n");
	printk("lvl default\n");
	printk(KERN_WARNING "warn no nl");
	printk(KERN_CONT " cont1");
	printk(KERN_CONT " cont2\n");
	return 0;
}

static void __exit printk_levels_exit(void)
{
}

module_init(printk_levels_init);
module_exit(printk_levels_exit);
MODULE_LICENSE("GPL");
