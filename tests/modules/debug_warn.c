/* debug_warn: WARN_ON's return value and report, and a WARN with a message, in module_init. */
#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/module.h>

static int zero;
module_param(zero, int, 0644);

static noinline int debug_warn_check(int v)
{
	return WARN_ON(v == 0);
}

static int __init debug_warn_init(void)
{
	int a = debug_warn_check(zero);
	int b = debug_warn_check(1);

	WARN(zero == 0, "debug_warn: zero is %d\n", zero);
	pr_info("debug_warn: WARN_ON returned %d then %d\n", a, b);
	return 0;
}

static void __exit debug_warn_exit(void)
{
}

module_init(debug_warn_init);
module_exit(debug_warn_exit);
MODULE_LICENSE("GPL");
