/* kfence_bugs: one memory bug per load (bug=oob_write, oob_read, uaf_write, uaf_read, corrupt, double_free, cache_oob, none) for KFENCE's reports. */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

static char *bug = "none";
module_param(bug, charp, 0444);
MODULE_PARM_DESC(bug, "which bug to make: oob_write, oob_read, uaf_write, uaf_read, corrupt, double_free, cache_oob or none");

struct kf_record {
	int id;
	char name[28];
};

/* The bugs, each in a function of its own so the report names it. */
static noinline void kf_write_past(char *p, size_t n)
{
	p[n] = 'X';
}

static noinline char kf_read_past(const char *p, size_t n)
{
	return READ_ONCE(p[n]);
}

static noinline void kf_update(struct kf_record *r)
{
	r->id = 42;
}

static noinline int kf_peek(const struct kf_record *r)
{
	return READ_ONCE(r->id);
}

static noinline int kf_record_bug(void)
{
	struct kf_record *r = kzalloc(sizeof(*r), GFP_KERNEL);

	if (!r)
		return -ENOMEM;
	if (!strcmp(bug, "oob_write"))
		kf_write_past((char *)r, sizeof(*r));
	else if (!strcmp(bug, "oob_read"))
		pr_info("kfence_bugs: read %d past the end\n", kf_read_past((char *)r, sizeof(*r)));
	kfree(r);
	if (!strcmp(bug, "uaf_write"))
		kf_update(r);
	else if (!strcmp(bug, "uaf_read"))
		pr_info("kfence_bugs: read %d after free\n", kf_peek(r));
	else if (!strcmp(bug, "double_free"))
		kfree(r);
	return 0;
}

/* 20 bytes of a kmalloc-32 object: byte 20 is the canary KFENCE checks at kfree. */
static noinline int kf_corrupt(void)
{
	char *p = kmalloc(20, GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	memset(p, 'a', 20);
	kf_write_past(p, 20);
	kfree(p);
	return 0;
}

static noinline int kf_cache_oob(void)
{
	struct kmem_cache *c = kmem_cache_create("kf_cache", 24, 0, 0, NULL);
	char *o;

	if (!c)
		return -ENOMEM;
	o = kmem_cache_alloc(c, GFP_KERNEL);
	if (o) {
		memset(o, 'o', 24);
		kf_write_past(o, 24);
		kmem_cache_free(c, o);
	}
	kmem_cache_destroy(c);
	return 0;
}

static int __init kfence_bugs_init(void)
{
	int err;

	if (!strcmp(bug, "corrupt"))
		err = kf_corrupt();
	else if (!strcmp(bug, "cache_oob"))
		err = kf_cache_oob();
	else
		err = kf_record_bug();
	pr_info("kfence_bugs: bug=%s done\n", bug);
	return err;
}

static void __exit kfence_bugs_exit(void)
{
}

module_init(kfence_bugs_init);
module_exit(kfence_bugs_exit);
MODULE_LICENSE("GPL");
