/* ubsan_shift: shifts an int by more than its width in module_init (a CONFIG_UBSAN_SHIFT report). */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

static int shift = 40;
module_param(shift, int, 0444);

static int __init ubsan_shift_init(void)
{
	pr_info("ubsan_shift: shifting by %d\n", shift);
	pr_info("ubsan_shift: got %d\n", 1 << shift);
	return 0;
}

static void __exit ubsan_shift_exit(void)
{
}

module_init(ubsan_shift_init);
module_exit(ubsan_shift_exit);
MODULE_LICENSE("GPL");
