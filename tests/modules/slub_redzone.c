/* slub_redzone: writes one byte past a kmalloc(20) object, then frees it (SLUB debug's Right Redzone). */
#include <linux/module.h>
#include <linux/slab.h>

static int extra = 1;
module_param(extra, int, 0444);

/* Writes n bytes of 'A' from buf: the bytes past the object are the bug. */
static noinline void redzone_fill(char *buf, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = 'A';
}

static int __init redzone_init(void)
{
	char *buf = kmalloc(20, GFP_KERNEL);

	if (!buf)
		return -ENOMEM;
	redzone_fill(buf, 20 + extra);
	kfree(buf);
	pr_info("slub_redzone: freed\n");
	return 0;
}

static void __exit redzone_exit(void)
{
}

module_init(redzone_init);
module_exit(redzone_exit);
MODULE_LICENSE("GPL");
