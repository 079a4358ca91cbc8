/* mm_double_free: frees the same kmalloc object twice in init. */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>

static int __init mm_double_free_init(void)
{
	void *p = kmalloc(32, GFP_KERNEL);

	kfree(p);
	kfree(p);
	pr_info("mm_double_free: survived\n");
	return 0;
}

static void __exit mm_double_free_exit(void)
{
}

module_init(mm_double_free_init);
module_exit(mm_double_free_exit);
MODULE_LICENSE("GPL");
