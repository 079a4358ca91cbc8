/* crash_null: dereferences a NULL pointer in module_init (an oops). */
#include <linux/kernel.h>
#include <linux/module.h>

static int *volatile crash_null_ptr;

static noinline int crash_null_read(void)
{
	return *crash_null_ptr;
}

static int __init crash_null_init(void)
{
	int v;

	pr_info("crash_null: about to crash\n");
	v = crash_null_read();
	pr_info("crash_null: read %d\n", v);	/* not reached; keeps init's frame in the trace */
	return 0;
}

static void __exit crash_null_exit(void)
{
}

module_init(crash_null_init);
module_exit(crash_null_exit);
MODULE_LICENSE("GPL");
