/* slub_clean: uses every byte it may of kmalloc, ksize, krealloc and kmem_cache objects and frees them (SLUB debug's correct twin). */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

static struct kmem_cache *clean_cache;

static int __init clean_init(void)
{
	char *a = kmalloc(20, GFP_KERNEL);
	char *b = kmalloc(32, GFP_KERNEL);
	char *c = kmalloc(100, GFP_KERNEL);
	char *o;
	size_t n;

	clean_cache = kmem_cache_create("clean_cache", 24, 0, 0, NULL);
	if (!a || !b || !c || !clean_cache)
		goto fail;
	memset(a, 'a', 20);
	memset(b, 'b', 32);
	n = ksize(c);
	memset(c, 'c', n);
	a = krealloc(a, 30, GFP_KERNEL);
	if (!a)
		goto fail;
	memset(a, 'A', 30);
	o = kmem_cache_alloc(clean_cache, GFP_KERNEL);
	if (!o)
		goto fail;
	memset(o, 'o', 24);
	kmem_cache_free(clean_cache, o);
	kfree(a);
	kfree(b);
	kfree(c);
	pr_info("slub_clean: ksize(kmalloc(100)) = %zu\n", n);
	return 0;
fail:
	kfree(a);
	kfree(b);
	kfree(c);
	kmem_cache_destroy(clean_cache);
	return -ENOMEM;
}

static void __exit clean_exit(void)
{
	kmem_cache_destroy(clean_cache);
}

module_init(clean_init);
module_exit(clean_exit);
MODULE_LICENSE("GPL");
