/* Test module: llist, hashtable, static keys, idr, ida and xarray return values and orders. */
#include <linux/module.h>
#include <linux/llist.h>
#include <linux/hashtable.h>
#include <linux/jump_label.h>
#include <linux/idr.h>
#include <linux/xarray.h>
#include <linux/slab.h>

struct obj {
	int v;
	struct llist_node ll;
	struct hlist_node hn;
};

static struct obj objs[6];
static DEFINE_HASHTABLE(table, 3);
static DEFINE_STATIC_KEY_FALSE(fkey);
static DEFINE_STATIC_KEY_TRUE(tkey);
static DEFINE_IDR(idr);
static DEFINE_IDA(ida);
static DEFINE_XARRAY(xa);
static DEFINE_XARRAY_ALLOC(xa_a);
static DEFINE_XARRAY_ALLOC1(xa_a1);

static void lists(void)
{
	LLIST_HEAD(head);
	struct llist_node *n;
	struct obj *o, *t;
	struct hlist_node *tmp;
	int i, bkt, cnt = 0;

	pr_info("ds_api: llist empty %d\n", llist_empty(&head));
	for (i = 0; i < 4; i++) {
		objs[i].v = i + 1;
		pr_info("ds_api: llist_add %d was_empty %d\n", i + 1, llist_add(&objs[i].ll, &head));
	}
	pr_info("ds_api: del_first %d\n", llist_entry(llist_del_first(&head), struct obj, ll)->v);
	n = llist_del_all(&head);
	pr_info("ds_api: after del_all empty %d\n", llist_empty(&head));
	pr_info("ds_api: llist order:");
	llist_for_each_entry(o, n, ll)
		pr_cont(" %d", o->v);
	pr_cont("\n");
	n = llist_reverse_order(n);
	pr_info("ds_api: reversed:");
	llist_for_each_entry_safe(o, t, n, ll)
		pr_cont(" %d", o->v);
	pr_cont("\n");

	pr_info("ds_api: hash empty %d size %zu bits %d\n", hash_empty(table), HASH_SIZE(table), (int)HASH_BITS(table));
	for (i = 0; i < 6; i++) {
		objs[i].v = i * 8 + 3;	/* keys whose buckets differ and collide */
		hash_add(table, &objs[i].hn, objs[i].v);
	}
	hash_for_each(table, bkt, o, hn)
		cnt++;
	pr_info("ds_api: hash count %d hashed %d\n", cnt, hash_hashed(&objs[2].hn));
	cnt = 0;
	hash_for_each_possible(table, o, hn, 19)
		if (o->v == 19)
			cnt++;
	pr_info("ds_api: possible 19 found %d\n", cnt);
	hash_del(&objs[2].hn);
	cnt = 0;
	hash_for_each_possible(table, o, hn, 19)
		if (o->v == 19)
			cnt++;
	pr_info("ds_api: after del found %d hashed %d\n", cnt, hash_hashed(&objs[2].hn));
	hash_for_each_safe(table, bkt, tmp, o, hn)
		hash_del(&o->hn);
	pr_info("ds_api: emptied %d\n", hash_empty(table));
}

static void keys(void)
{
	pr_info("ds_api: fkey %d tkey %d unlikely %d likely %d\n", static_key_enabled(&fkey), static_key_enabled(&tkey),
		static_branch_unlikely(&fkey) ? 1 : 0, static_branch_likely(&tkey) ? 1 : 0);
	static_branch_enable(&fkey);
	static_branch_disable(&tkey);
	pr_info("ds_api: toggled fkey %d tkey %d\n", static_key_enabled(&fkey), static_key_enabled(&tkey));
	static_branch_inc(&fkey);
	static_branch_inc(&tkey);
	pr_info("ds_api: inc fkey %d tkey %d count %d\n", static_key_enabled(&fkey), static_key_enabled(&tkey),
		static_key_count(&fkey.key));
	static_branch_dec(&fkey);
	static_branch_dec(&fkey);
	static_branch_dec(&tkey);
	pr_info("ds_api: dec fkey %d tkey %d\n", static_key_enabled(&fkey), static_key_enabled(&tkey));
}

static int show(int id, void *p, void *data)
{
	pr_cont(" %d=%d", id, *(int *)p);
	return id == *(int *)data ? 7 : 0;
}

static void ids(void)
{
	static int vals[8] = { 10, 11, 12, 13, 14, 15, 16, 17 };
	int id, stop = 3, ret;
	int *p;
	struct idr based;

	pr_info("ds_api: idr empty %d\n", idr_is_empty(&idr));
	pr_info("ds_api: idr_alloc %d %d %d\n", idr_alloc(&idr, &vals[0], 0, 0, GFP_KERNEL),
		idr_alloc(&idr, &vals[1], 0, 0, GFP_KERNEL), idr_alloc(&idr, &vals[2], 5, 7, GFP_KERNEL));
	pr_info("ds_api: range %d %d full %d\n", idr_alloc(&idr, &vals[3], 5, 7, GFP_KERNEL),
		idr_alloc(&idr, NULL, 3, 4, GFP_KERNEL), idr_alloc(&idr, &vals[4], 5, 7, GFP_KERNEL));
	pr_info("ds_api: find 1 %d find 3 null %d find 4 null %d\n", *(int *)idr_find(&idr, 1), idr_find(&idr, 3) == NULL,
		idr_find(&idr, 4) == NULL);
	pr_info("ds_api: next free %d\n", idr_alloc(&idr, &vals[5], 0, 0, GFP_KERNEL));
	pr_info("ds_api: each:");
	ret = idr_for_each(&idr, show, &stop);
	pr_cont(" -> %d\n", ret);
	pr_info("ds_api: for_each_entry:");
	idr_for_each_entry(&idr, p, id)
		pr_cont(" %d", id);
	pr_cont("\n");
	pr_info("ds_api: replace 3 %d replace 9 %ld\n", idr_replace(&idr, &vals[6], 3) == NULL,
		PTR_ERR(idr_replace(&idr, &vals[6], 9)));
	p = idr_remove(&idr, 1);
	pr_info("ds_api: remove 1 %d", *p);
	pr_cont(" again %d\n", idr_remove(&idr, 1) == NULL);
	pr_info("ds_api: refill %d\n", idr_alloc(&idr, &vals[7], 0, 0, GFP_KERNEL));
	pr_info("ds_api: cyclic %d %d %d\n", idr_alloc_cyclic(&idr, &vals[0], 0, 0, GFP_KERNEL),
		idr_alloc_cyclic(&idr, &vals[0], 0, 0, GFP_KERNEL), idr_alloc_cyclic(&idr, &vals[0], 0, 9, GFP_KERNEL));
	idr_destroy(&idr);
	pr_info("ds_api: destroyed empty %d\n", idr_is_empty(&idr));
	idr_init_base(&based, 1);
	pr_info("ds_api: base 1 alloc %d", idr_alloc(&based, &vals[0], 0, 0, GFP_KERNEL));
	pr_cont(" %d", idr_alloc(&based, &vals[1], 0, 0, GFP_KERNEL));
	pr_cont(" find %d\n", *(int *)idr_find(&based, 2));
	idr_destroy(&based);

	pr_info("ds_api: ida %d %d %d\n", ida_alloc(&ida, GFP_KERNEL), ida_alloc(&ida, GFP_KERNEL),
		ida_alloc_min(&ida, 10, GFP_KERNEL));
	pr_info("ds_api: ida max %d range %d simple %d\n", ida_alloc_max(&ida, 1, GFP_KERNEL),
		ida_alloc_range(&ida, 10, 11, GFP_KERNEL), ida_simple_get(&ida, 10, 12, GFP_KERNEL));
	ida_free(&ida, 0);
	ida_simple_remove(&ida, 10);
	pr_info("ds_api: ida reuse %d %d\n", ida_alloc(&ida, GFP_KERNEL), ida_alloc_min(&ida, 5, GFP_KERNEL));
	ida_destroy(&ida);
	pr_info("ds_api: ida destroyed empty %d\n", ida_is_empty(&ida));
}

static void arrays(void)
{
	static int a = 1, b = 2, c = 3;
	unsigned long index;
	void *entry;
	u32 id = 0, next = 0;
	int ret;

	pr_info("ds_api: xa empty %d\n", xa_empty(&xa));
	pr_info("ds_api: store %d", xa_store(&xa, 5, &a, GFP_KERNEL) == NULL);
	pr_cont(" %d", xa_store(&xa, 100, &b, GFP_KERNEL) == NULL);
	pr_cont(" old %d\n", *(int *)xa_store(&xa, 5, &c, GFP_KERNEL));
	pr_info("ds_api: load 5 %d load 6 null %d\n", *(int *)xa_load(&xa, 5), xa_load(&xa, 6) == NULL);
	pr_info("ds_api: bad store err %d\n", xa_err(xa_store(&xa, 7, xa_mk_internal(3), GFP_KERNEL)));
	pr_info("ds_api: insert busy %d ok %d\n", xa_insert(&xa, 5, &a, GFP_KERNEL), xa_insert(&xa, 6, &a, GFP_KERNEL));
	xa_store(&xa, 7, xa_mk_value(42), GFP_KERNEL);
	pr_info("ds_api: xa:");
	xa_for_each(&xa, index, entry)
		pr_cont(" %lu%s", index, xa_is_value(entry) ? "v" : "");
	pr_cont("\n");
	pr_info("ds_api: value %lu", xa_to_value(xa_load(&xa, 7)));
	pr_cont(" erase %d", *(int *)xa_erase(&xa, 100));
	pr_cont(" erase again %d\n", xa_erase(&xa, 100) == NULL);
	pr_info("ds_api: store NULL erases %d\n", xa_store(&xa, 6, NULL, GFP_KERNEL) != NULL && xa_load(&xa, 6) == NULL);
	pr_info("ds_api: cmpxchg %d", xa_cmpxchg(&xa, 5, &a, &b, GFP_KERNEL) == &c);
	pr_cont(" %d", xa_cmpxchg(&xa, 5, &c, &b, GFP_KERNEL) == &c);
	pr_cont(" now %d\n", *(int *)xa_load(&xa, 5));
	pr_info("ds_api: reserve %d", xa_reserve(&xa, 9, GFP_KERNEL));
	pr_cont(" load null %d", xa_load(&xa, 9) == NULL);
	pr_cont(" insert busy %d\n", xa_insert(&xa, 9, &a, GFP_KERNEL));
	xa_release(&xa, 9);
	pr_info("ds_api: released insert %d\n", xa_insert(&xa, 9, &a, GFP_KERNEL));
	xa_destroy(&xa);
	pr_info("ds_api: destroyed empty %d\n", xa_empty(&xa));

	ret = xa_alloc(&xa_a, &id, &a, xa_limit_32b, GFP_KERNEL);
	pr_info("ds_api: alloc %d id %u\n", ret, id);
	ret = xa_alloc(&xa_a, &id, NULL, xa_limit_32b, GFP_KERNEL);
	pr_info("ds_api: alloc %d id %u\n", ret, id);
	ret = xa_alloc(&xa_a1, &id, &a, xa_limit_32b, GFP_KERNEL);
	pr_info("ds_api: alloc1 %d id %u\n", ret, id);
	ret = xa_alloc(&xa_a, &id, &a, XA_LIMIT(0, 1), GFP_KERNEL);
	pr_info("ds_api: limited %d\n", ret);
	pr_info("ds_api: store NULL in alloc array keeps %d\n", xa_store(&xa_a, 0, NULL, GFP_KERNEL) == &a &&
		xa_insert(&xa_a, 0, &b, GFP_KERNEL) == -EBUSY);
	ret = xa_alloc_cyclic(&xa_a, &id, &a, XA_LIMIT(0, 3), &next, GFP_KERNEL);
	pr_info("ds_api: cyclic %d id %u next %u\n", ret, id, next);
	ret = xa_alloc_cyclic(&xa_a, &id, &a, XA_LIMIT(0, 3), &next, GFP_KERNEL);
	pr_info("ds_api: cyclic %d id %u next %u\n", ret, id, next);
	xa_erase(&xa_a, 1);
	ret = xa_alloc_cyclic(&xa_a, &id, &a, XA_LIMIT(0, 3), &next, GFP_KERNEL);
	pr_info("ds_api: cyclic wrap %d id %u next %u\n", ret, id, next);
	ret = xa_alloc_cyclic(&xa_a, &id, &a, XA_LIMIT(0, 3), &next, GFP_KERNEL);
	pr_info("ds_api: cyclic full %d\n", ret);
	xa_destroy(&xa_a);
	xa_destroy(&xa_a1);
}

static int __init ds_api_init(void)
{
	lists();
	keys();
	ids();
	arrays();
	return 0;
}

static void __exit ds_api_exit(void)
{
	pr_info("ds_api: exit\n");
}

module_init(ds_api_init);
module_exit(ds_api_exit);
MODULE_LICENSE("GPL");
