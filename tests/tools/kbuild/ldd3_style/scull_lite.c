/* scull_lite: a module built through an ldd3-style Makefile; EXTRA_CFLAGS defines SCULL_DEBUG. */
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/utsname.h>

static int __init scull_init(void)
{
#ifdef SCULL_DEBUG
	pr_info("scull_lite: debug build on %s\n", init_uts_ns.name.release);
#else
	pr_info("scull_lite: release build\n");
#endif
	return 0;
}

static void __exit scull_exit(void)
{
	pr_info("scull_lite: exit\n");
}

module_init(scull_init);
module_exit(scull_exit);
MODULE_LICENSE("GPL");
