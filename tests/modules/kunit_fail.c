/* A KUnit test module with failing cases: each check family's report, an assertion ending its case, skips. */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/module.h>

static int exits;

static void fail_exit(struct kunit *test)
{
	exits++;
}

static void fail_ints(struct kunit *test)
{
	int a = 3, b = 4;

	KUNIT_EXPECT_EQ(test, a, b);
	KUNIT_EXPECT_EQ(test, a, 5);
	KUNIT_EXPECT_LT_MSG(test, b, a, "b is %d", b);
}

static void fail_bools(struct kunit *test)
{
	int zero = 0;

	KUNIT_EXPECT_TRUE(test, zero);
	KUNIT_EXPECT_FALSE_MSG(test, !zero, "zero is %d", zero);
	KUNIT_FAIL(test, "explicit failure %d", 7);
}

static void fail_pointers(struct kunit *test)
{
	void *none = NULL;
	void *err = ERR_PTR(-ENOMEM);

	KUNIT_EXPECT_NOT_NULL(test, none);
	KUNIT_EXPECT_NOT_ERR_OR_NULL(test, none);
	KUNIT_EXPECT_NOT_ERR_OR_NULL(test, err);
}

static void fail_strings(struct kunit *test)
{
	const char *name = "kshim";

	KUNIT_EXPECT_STREQ(test, name, "linux");
	KUNIT_EXPECT_STRNEQ(test, name, "kshim");
}

static void fail_assert(struct kunit *test)
{
	int got = -1;

	KUNIT_ASSERT_GE(test, got, 0);
	kunit_err(test, "not reached after a failed assertion");
}

static void skip_case(struct kunit *test)
{
	kunit_skip(test, "needs %s", "hardware");
	kunit_err(test, "not reached after kunit_skip");
}

static void exits_counted(struct kunit *test)
{
	/* fail_exit ran after each of the six cases before, fail_assert's included */
	KUNIT_EXPECT_EQ(test, exits, 6);
}

static struct kunit_case fail_cases[] = {
	KUNIT_CASE(fail_ints),
	KUNIT_CASE(fail_bools),
	KUNIT_CASE(fail_pointers),
	KUNIT_CASE(fail_strings),
	KUNIT_CASE(fail_assert),
	KUNIT_CASE(skip_case),
	KUNIT_CASE(exits_counted),
	{}
};

static struct kunit_suite fail_suite = {
	.name = "kshim-fail",
	.exit = fail_exit,
	.test_cases = fail_cases,
};

static const int values[] = { 1, -2, 3 };

KUNIT_ARRAY_PARAM(value, values, NULL);

static void positive(struct kunit *test)
{
	const int *v = test->param_value;

	KUNIT_EXPECT_GT(test, *v, 0);
}

static struct kunit_case param_cases[] = {
	KUNIT_CASE_PARAM(positive, value_gen_params),
	{}
};

static struct kunit_suite param_suite = {
	.name = "kshim-param-fail",
	.test_cases = param_cases,
};

static int refuse_suite_init(struct kunit_suite *suite)
{
	return -ENODEV;
}

static struct kunit_case refused_cases[] = {
	KUNIT_CASE(positive),
	{}
};

static struct kunit_suite refused_suite = {
	.name = "kshim-refused",
	.suite_init = refuse_suite_init,
	.test_cases = refused_cases,
};

kunit_test_suites(&fail_suite, &param_suite, &refused_suite);

MODULE_LICENSE("GPL");
