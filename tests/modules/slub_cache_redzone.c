/* slub_cache_redzone: writes past a kmem_cache object and into a freed one; SLUB's debug flags make a real kernel check them. */
#include <linux/module.h>
#include <linux/slab.h>

static struct kmem_cache *rz_cache;
static int overrun = 1;
module_param(overrun, int, 0444);

/* Writes n bytes of 'A' from buf: the overrun past the object is the bug. */
static noinline void rz_fill(char *buf, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = 'A';
}

static int __init rz_init(void)
{
	char *obj;

	rz_cache = kmem_cache_create("rz_cache", 24, 0,
				     SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER | SLAB_CONSISTENCY_CHECKS, NULL);
	if (!rz_cache)
		return -ENOMEM;
	obj = kmem_cache_alloc(rz_cache, GFP_KERNEL);
	if (!obj) {
		kmem_cache_destroy(rz_cache);
		return -ENOMEM;
	}
	rz_fill(obj, 24 + overrun);
	kmem_cache_free(rz_cache, obj);
	pr_info("slub_cache_redzone: freed\n");
	return 0;
}

static void __exit rz_exit(void)
{
	kmem_cache_destroy(rz_cache);
}

module_init(rz_init);
module_exit(rz_exit);
MODULE_LICENSE("GPL");
