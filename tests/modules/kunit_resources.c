/* A KUnit test module of resources, deferred actions, static stubs and the post-6.1 macros: every case passes. */
#include <kunit/resource.h>
#include <kunit/static_stub.h>
#include <kunit/test-bug.h>
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

static int freed;	/* resources freed so far, across cases */
static char order[8];	/* which actions ran, in order */

static int set_value(struct kunit_resource *res, void *context)
{
	res->data = context;
	return 0;
}

static void count_free(struct kunit_resource *res)
{
	freed++;
}

static void resources_named(struct kunit *test)
{
	static struct kunit_resource a, b;
	struct kunit_resource *found;
	static int value = 7;

	KUNIT_ASSERT_EQ(test, kunit_add_named_resource(test, set_value, count_free, &a, "knob", &value), 0);
	KUNIT_EXPECT_EQ(test, kunit_add_named_resource(test, NULL, count_free, &b, "knob", NULL), -EEXIST);
	KUNIT_EXPECT_EQ(test, kunit_add_named_resource(test, NULL, count_free, &b, NULL, NULL), -EINVAL);
	found = kunit_find_named_resource(test, "knob");
	KUNIT_ASSERT_PTR_EQ(test, found, &a);
	KUNIT_EXPECT_PTR_EQ(test, found->data, (void *)&value);
	kunit_put_resource(found);
	KUNIT_EXPECT_EQ(test, freed, 0);
	KUNIT_EXPECT_EQ(test, kunit_destroy_named_resource(test, "knob"), 0);
	KUNIT_EXPECT_EQ(test, freed, 1);
	KUNIT_EXPECT_EQ(test, kunit_destroy_named_resource(test, "knob"), -ENOENT);
	KUNIT_EXPECT_NULL(test, kunit_find_named_resource(test, "knob"));
}

static void resources_allocated(struct kunit *test)
{
	int *p = kunit_alloc_resource(test, set_value, count_free, GFP_KERNEL, &freed);
	struct kunit_resource *res;

	KUNIT_EXPECT_PTR_EQ(test, p, &freed);
	res = kunit_alloc_and_get_resource(test, NULL, count_free, GFP_KERNEL, test);
	KUNIT_ASSERT_NOT_NULL(test, res);
	KUNIT_EXPECT_PTR_EQ(test, res->data, (void *)test);
	kunit_put_resource(res);
	/* freed goes from 1 to 3 when this case ends: the next case checks */
}

static void resources_released_at_end(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, freed, 3);
}

static void note(void *ctx)
{
	size_t n = strlen(order);

	order[n] = *(const char *)ctx;
}

KUNIT_DEFINE_ACTION_WRAPPER(kfree_action, kfree, const void *);

static void actions_run(struct kunit *test)
{
	void *block = kmalloc(16, GFP_KERNEL);

	KUNIT_ASSERT_EQ(test, kunit_add_action(test, note, "a"), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action(test, note, "b"), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, note, "c"), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action(test, kfree_action, block), 0);
	kunit_release_action(test, note, "b");
	KUNIT_EXPECT_STREQ(test, order, "b");
	kunit_remove_action(test, note, "a");
	kunit_release_action(test, note, "b");	/* gone already: nothing happens */
	KUNIT_EXPECT_STREQ(test, order, "b");
}

static void actions_ran_last_first(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, order, "bc");
}

static int add_one(int x)
{
	KUNIT_STATIC_STUB_REDIRECT(add_one, x);
	return x + 1;
}

static int add_ten(int x)
{
	return x + 10;
}

static void stubs_redirect(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, add_one(1), 2);
	kunit_activate_static_stub(test, add_one, add_ten);
	KUNIT_EXPECT_EQ(test, add_one(1), 11);
	kunit_deactivate_static_stub(test, add_one);
	KUNIT_EXPECT_EQ(test, add_one(1), 2);
	kunit_activate_static_stub(test, add_one, add_ten);	/* left active: the case's end removes it */
	KUNIT_EXPECT_PTR_EQ(test, kunit_get_current_test(), test);
}

static void stubs_gone_after_case(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, add_one(1), 2);
}

static void mem_equal(struct kunit *test)
{
	const u8 a[] = { 1, 2, 3 }, b[] = { 1, 2, 3 }, c[] = { 1, 9, 3 };

	KUNIT_EXPECT_MEMEQ(test, a, b, sizeof(a));
	KUNIT_EXPECT_MEMNEQ(test, a, c, sizeof(a));
	KUNIT_ASSERT_MEMEQ_MSG(test, a, b, 2, "first %d bytes", 2);
	KUNIT_ASSERT_MEMNEQ(test, a, c, 3);
}

static void slow_case(struct kunit *test)
{
	KUNIT_SUCCEED(test);
}

struct named_param {
	const char *name;
	int value;
};

static const struct named_param named_params[] = { { "one", 1 }, { "two", 2 } };

KUNIT_ARRAY_PARAM_DESC(named, named_params, name);

static void described_params(struct kunit *test)
{
	const struct named_param *p = test->param_value;

	KUNIT_EXPECT_GT(test, p->value, 0);
}

static struct kunit_case resource_cases[] = {
	KUNIT_CASE(resources_named),
	KUNIT_CASE(resources_allocated),
	KUNIT_CASE(resources_released_at_end),
	KUNIT_CASE(actions_run),
	KUNIT_CASE(actions_ran_last_first),
	KUNIT_CASE(stubs_redirect),
	KUNIT_CASE(stubs_gone_after_case),
	KUNIT_CASE(mem_equal),
	KUNIT_CASE_SLOW(slow_case),
	KUNIT_CASE_PARAM(described_params, named_gen_params),
	{}
};

static struct kunit_suite resource_suite = {
	.name = "kshim-resources",
	.test_cases = resource_cases,
};

kunit_test_suites(&resource_suite);

MODULE_LICENSE("GPL");
