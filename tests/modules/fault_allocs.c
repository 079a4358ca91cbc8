/* Test module: makes `count` kmalloc(size) calls with GFP_KERNEL (or GFP_ATOMIC, or with __GFP_NOFAIL) and prints how many succeeded. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/printk.h>
#include <linux/slab.h>

static int count = 10;
module_param(count, int, 0444);
static int size = 100;
module_param(size, int, 0444);
static bool atomic;
module_param(atomic, bool, 0444);
static bool nofail;
module_param(nofail, bool, 0444);

static int __init fault_allocs_init(void)
{
	gfp_t gfp = (atomic ? GFP_ATOMIC : GFP_KERNEL) | (nofail ? __GFP_NOFAIL : 0);
	int i, got = 0;
	char out[80] = "";

	for (i = 0; i < count; i++) {
		void *p = kmalloc(size, gfp);

		if (p)
			got++;
		if (i < 64)
			out[i] = p ? '+' : '-';
		kfree(p);
	}
	pr_info("%d of %d: %s\n", got, count, out);
	return 0;
}

static void __exit fault_allocs_exit(void)
{
}

module_init(fault_allocs_init);
module_exit(fault_allocs_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("counts the allocations fault injection lets through");
