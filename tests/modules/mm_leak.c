/* mm_leak: allocates in init, frees one object in exit and leaks the other. */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

static char *kept;
static char *freed;

static noinline char *mm_leak_alloc(size_t n)
{
	char *p = kmalloc(n, GFP_KERNEL);

	if (p)	/* not a tail call: the allocation site stays in this function */
		p[0] = 0;
	return p;
}

static int __init mm_leak_init(void)
{
	kept = mm_leak_alloc(40);
	freed = kzalloc(8, GFP_KERNEL);
	if (!kept || !freed)
		return -ENOMEM;
	memset(kept, 'A', 40);
	memcpy(kept, "leaky!", 6);
	pr_info("mm_leak: allocated\n");
	return 0;
}

static void __exit mm_leak_exit(void)
{
	kfree(freed);
}

module_init(mm_leak_init);
module_exit(mm_leak_exit);
MODULE_LICENSE("GPL");
