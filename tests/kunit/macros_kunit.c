/* KUnit tests of 6.1's building-block check macros (KUNIT_BINARY_INT_ASSERTION and friends): each passes when it holds and fails the test it is given when it does not. */
#include <kunit/test.h>

/* A check that fails on a fake test marks only that one failed. */
static void failed_on(struct kunit *test, struct kunit *fake)
{
	KUNIT_EXPECT_EQ(test, fake->status, KUNIT_FAILURE);
	KUNIT_EXPECT_EQ(test, test->status, KUNIT_SUCCESS);
}

static void unary_blocks(struct kunit *test)
{
	struct kunit fake;

	KUNIT_TRUE_MSG_ASSERTION(test, KUNIT_EXPECTATION, 1 + 1 == 2, "msg %d", 1);
	KUNIT_FALSE_MSG_ASSERTION(test, KUNIT_ASSERTION, 1 + 1 == 3, NULL);
	KUNIT_UNARY_ASSERTION(test, KUNIT_EXPECTATION, 0, false, NULL);
	kunit_init_test(&fake, "fake", NULL);
	KUNIT_TRUE_MSG_ASSERTION(&fake, KUNIT_EXPECTATION, 1 + 1 == 3, "shown %s", "on fake");
	failed_on(test, &fake);
	kunit_init_test(&fake, "fake", NULL);
	KUNIT_FAIL_ASSERTION(&fake, KUNIT_EXPECTATION, "always");
	failed_on(test, &fake);
}

static void binary_blocks(struct kunit *test)
{
	int x = 3;
	struct kunit fake;

	KUNIT_BINARY_INT_ASSERTION(test, KUNIT_EXPECTATION, x, <, 4, NULL);
	KUNIT_BINARY_PTR_ASSERTION(test, KUNIT_ASSERTION, &x, ==, &x, NULL);
	KUNIT_BINARY_STR_ASSERTION(test, KUNIT_EXPECTATION, "ab", !=, "ac", NULL);
	KUNIT_BASE_BINARY_ASSERTION(test, kunit_binary_assert, kunit_binary_assert_format,
				    KUNIT_EXPECTATION, x, ==, 3, NULL);
	KUNIT_PTR_NOT_ERR_OR_NULL_MSG_ASSERTION(test, KUNIT_ASSERTION, &x, NULL);
	kunit_init_test(&fake, "fake", NULL);
	KUNIT_BINARY_INT_ASSERTION(&fake, KUNIT_EXPECTATION, x, ==, 4, NULL);
	failed_on(test, &fake);
	kunit_init_test(&fake, "fake", NULL);
	KUNIT_BINARY_STR_ASSERTION(&fake, KUNIT_EXPECTATION, "ab", ==, "ac", NULL);
	failed_on(test, &fake);
	kunit_init_test(&fake, "fake", NULL);
	KUNIT_PTR_NOT_ERR_OR_NULL_MSG_ASSERTION(&fake, KUNIT_EXPECTATION, ERR_PTR(-EINVAL), "%d", 7);
	failed_on(test, &fake);
}

static struct kunit_case macro_cases[] = {
	KUNIT_CASE(unary_blocks),
	KUNIT_CASE(binary_blocks),
	{}
};

static struct kunit_suite macro_suite = {
	.name = "kshim-check-blocks",
	.test_cases = macro_cases,
};
kunit_test_suite(macro_suite);

MODULE_LICENSE("GPL");
