/* KUnit tests of kshim's <linux/list.h> and <linux/list_sort.h>: adding, moving, splicing, iterating, sorting. */
#include <kunit/test.h>
#include <linux/list.h>
#include <linux/list_sort.h>

struct item {
	int v;
	struct list_head node;
};

/* The values of head's items, in order, as a number: 1, 2, 3 gives 123. */
static int digits(struct list_head *head)
{
	struct item *it;
	int n = 0;

	list_for_each_entry(it, head, node)
		n = n * 10 + it->v;
	return n;
}

static void list_add_and_tail(struct kunit *test)
{
	struct item a = { .v = 1 }, b = { .v = 2 }, c = { .v = 3 };
	LIST_HEAD(head);

	KUNIT_EXPECT_TRUE(test, list_empty(&head));
	list_add(&b.node, &head);
	list_add(&a.node, &head);
	list_add_tail(&c.node, &head);
	KUNIT_EXPECT_EQ(test, digits(&head), 123);
	KUNIT_EXPECT_PTR_EQ(test, list_first_entry(&head, struct item, node), &a);
	KUNIT_EXPECT_PTR_EQ(test, list_last_entry(&head, struct item, node), &c);
	KUNIT_EXPECT_EQ(test, list_count_nodes(&head), 3);
}

static void list_del_and_move(struct kunit *test)
{
	struct item a = { .v = 1 }, b = { .v = 2 }, c = { .v = 3 };
	LIST_HEAD(head);
	LIST_HEAD(other);

	list_add_tail(&a.node, &head);
	list_add_tail(&b.node, &head);
	list_add_tail(&c.node, &head);
	list_del_init(&b.node);
	KUNIT_EXPECT_TRUE(test, list_empty(&b.node));
	KUNIT_EXPECT_EQ(test, digits(&head), 13);
	list_move(&c.node, &other);
	list_move_tail(&a.node, &other);
	KUNIT_EXPECT_TRUE(test, list_empty(&head));
	KUNIT_EXPECT_EQ(test, digits(&other), 31);
	KUNIT_EXPECT_TRUE(test, list_is_last(&a.node, &other));
}

static void list_splice_joins(struct kunit *test)
{
	struct item a = { .v = 1 }, b = { .v = 2 }, c = { .v = 3 }, d = { .v = 4 };
	LIST_HEAD(head);
	LIST_HEAD(more);

	list_add_tail(&a.node, &head);
	list_add_tail(&d.node, &head);
	list_add_tail(&b.node, &more);
	list_add_tail(&c.node, &more);
	list_splice_init(&more, &a.node);
	KUNIT_EXPECT_EQ(test, digits(&head), 1234);
	KUNIT_EXPECT_TRUE(test, list_empty(&more));
}

static void list_safe_iteration_deletes(struct kunit *test)
{
	struct item items[5];
	struct item *it, *tmp;
	LIST_HEAD(head);
	int i;

	for (i = 0; i < 5; i++) {
		items[i].v = i + 1;
		list_add_tail(&items[i].node, &head);
	}
	list_for_each_entry_safe(it, tmp, &head, node)
		if (it->v % 2 == 0)
			list_del(&it->node);
	KUNIT_EXPECT_EQ(test, digits(&head), 135);
}

static int by_value(void *priv, const struct list_head *a, const struct list_head *b)
{
	return list_entry(a, struct item, node)->v - list_entry(b, struct item, node)->v;
}

static void list_sort_is_stable(struct kunit *test)
{
	struct item items[6] = { { .v = 3 }, { .v = 1 }, { .v = 2 }, { .v = 1 }, { .v = 3 }, { .v = 2 } };
	struct item *prev = NULL, *it;
	LIST_HEAD(head);
	int i;

	for (i = 0; i < 6; i++)
		list_add_tail(&items[i].node, &head);
	list_sort(NULL, &head, by_value);
	KUNIT_EXPECT_EQ(test, digits(&head), 112233);
	list_for_each_entry(it, &head, node) {
		if (prev && prev->v == it->v)
			KUNIT_EXPECT_LT(test, prev - items, it - items);
		prev = it;
	}
	/* the last of the two 3s, items[4], ends the list */
	KUNIT_EXPECT_PTR_EQ(test, head.prev, &items[4].node);
}

static struct kunit_case list_cases[] = {
	KUNIT_CASE(list_add_and_tail),
	KUNIT_CASE(list_del_and_move),
	KUNIT_CASE(list_splice_joins),
	KUNIT_CASE(list_safe_iteration_deletes),
	KUNIT_CASE(list_sort_is_stable),
	{}
};

static struct kunit_suite list_suite = {
	.name = "kshim-list",
	.test_cases = list_cases,
};

kunit_test_suites(&list_suite);

MODULE_LICENSE("GPL");
