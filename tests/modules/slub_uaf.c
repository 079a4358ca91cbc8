/* slub_uaf: keeps a pointer to a kmalloc(32) object after kfree and writes through it (SLUB debug's Poison). */
#include <linux/module.h>
#include <linux/slab.h>

struct uaf_record {
	int id;
	char name[28];
};

static struct uaf_record *stale;

/* The bug: a late update through a pointer that was freed. */
static noinline void uaf_touch(struct uaf_record *r)
{
	r->id = 42;
}

static int __init uaf_init(void)
{
	stale = kzalloc(sizeof(*stale), GFP_KERNEL);
	if (!stale)
		return -ENOMEM;
	kfree(stale);
	uaf_touch(stale);
	pr_info("slub_uaf: wrote after free\n");
	return 0;
}

static void __exit uaf_exit(void)
{
}

module_init(uaf_init);
module_exit(uaf_exit);
MODULE_LICENSE("GPL");
