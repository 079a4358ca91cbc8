/* The KUnit test file kbench_kunit edits and reruns: two small suites, as the KUnit-on-UML peer. */
#include <kunit/test.h>
#include <linux/list.h>
#include <linux/string.h>

static void list_add_two(struct kunit *test)
{
	LIST_HEAD(head);
	struct list_head a, b;

	list_add(&a, &head);
	list_add_tail(&b, &head);
	KUNIT_EXPECT_PTR_EQ(test, head.next, &a);
	KUNIT_EXPECT_PTR_EQ(test, head.prev, &b);
}

static void list_empty_head(struct kunit *test)
{
	LIST_HEAD(head);

	KUNIT_EXPECT_TRUE(test, list_empty(&head));
}

static struct kunit_case edit_list_cases[] = {
	KUNIT_CASE(list_add_two),
	KUNIT_CASE(list_empty_head),
	{}
};

static struct kunit_suite edit_list_suite = {
	.name = "edit-list",
	.test_cases = edit_list_cases,
};

static void string_compare(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, "kshim", "kshim");
	KUNIT_EXPECT_EQ(test, strlen("kshim"), 5UL);
}

static struct kunit_case edit_string_cases[] = {
	KUNIT_CASE(string_compare),
	{}
};

static struct kunit_suite edit_string_suite = {
	.name = "edit-string",
	.test_cases = edit_string_cases,
};

kunit_test_suites(&edit_list_suite, &edit_string_suite);

MODULE_LICENSE("GPL");
