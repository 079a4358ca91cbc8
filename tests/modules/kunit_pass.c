/* A KUnit test module whose cases all pass: plain cases, init/exit and priv, managed memory, parameters. */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

struct counter {
	int value;
};

static int suite_inits;

static int pass_suite_init(struct kunit_suite *suite)
{
	suite_inits++;
	return 0;
}

static int pass_init(struct kunit *test)
{
	struct counter *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	if (!c)
		return -ENOMEM;
	c->value = 40;
	test->priv = c;
	return 0;
}

static void pass_exit(struct kunit *test)
{
	struct counter *c = test->priv;

	kunit_info(test, "exit sees %d", c->value);
}

static void pass_compare(struct kunit *test)
{
	struct counter *c = test->priv;
	const char *s = "kshim";

	c->value += 2;
	KUNIT_EXPECT_EQ(test, c->value, 42);
	KUNIT_EXPECT_NE(test, c->value, 0);
	KUNIT_EXPECT_LT(test, 1, c->value);
	KUNIT_EXPECT_LE(test, 42, c->value);
	KUNIT_EXPECT_GT(test, c->value, 41);
	KUNIT_EXPECT_GE(test, c->value, 42);
	KUNIT_EXPECT_TRUE(test, c->value == 42);
	KUNIT_EXPECT_FALSE(test, c->value == 0);
	KUNIT_EXPECT_STREQ(test, s, "kshim");
	KUNIT_EXPECT_STRNEQ(test, s, "linux");
	KUNIT_ASSERT_EQ_MSG(test, suite_inits, 1, "suite_init ran %d times", suite_inits);
	KUNIT_SUCCEED(test);
}

static void pass_pointers(struct kunit *test)
{
	char *buf = kunit_kmalloc(test, 16, GFP_KERNEL);
	char *other = kunit_kcalloc(test, 4, 4, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, other);
	KUNIT_EXPECT_PTR_EQ(test, test->priv, test->priv);
	KUNIT_EXPECT_PTR_NE(test, (void *)buf, (void *)other);
	KUNIT_EXPECT_NULL(test, NULL);
	KUNIT_EXPECT_EQ(test, other[15], 0);
	kunit_kfree(test, other);
	strscpy(buf, "managed", 16);
	KUNIT_EXPECT_STREQ(test, buf, "managed");
}

struct width_case {
	const char *name;
	unsigned int bits;
	unsigned long long max;
};

static const struct width_case widths[] = {
	{ "u8", 8, 0xff },
	{ "u16", 16, 0xffff },
	{ "u32", 32, 0xffffffffull },
};

static void width_desc(const struct width_case *w, char *desc)
{
	strscpy(desc, w->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(width, widths, width_desc);

static void pass_widths(struct kunit *test)
{
	const struct width_case *w = test->param_value;

	KUNIT_EXPECT_EQ(test, (1ull << w->bits) - 1, w->max);
}

static const int primes[] = { 2, 3, 5 };

KUNIT_ARRAY_PARAM(prime, primes, NULL);

static void pass_primes(struct kunit *test)
{
	const int *p = test->param_value;

	KUNIT_EXPECT_GT(test, *p, 1);
}

static struct kunit_case pass_cases[] = {
	KUNIT_CASE(pass_compare),
	KUNIT_CASE(pass_pointers),
	KUNIT_CASE_PARAM(pass_widths, width_gen_params),
	KUNIT_CASE_PARAM(pass_primes, prime_gen_params),
	{}
};

static struct kunit_suite pass_suite = {
	.name = "kshim-pass",
	.suite_init = pass_suite_init,
	.init = pass_init,
	.exit = pass_exit,
	.test_cases = pass_cases,
};

static void single_case(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 1 + 1, 2);
}

static struct kunit_case single_cases[] = {
	KUNIT_CASE(single_case),
	{}
};

static struct kunit_suite single_suite = {
	.name = "kshim-single",
	.test_cases = single_cases,
};

kunit_test_suites(&pass_suite, &single_suite);

static int __init kunit_pass_init(void)
{
	pr_info("kunit_pass: init, suite_init ran %d time(s)\n", suite_inits);
	return 0;
}

static void __exit kunit_pass_exit(void)
{
	pr_info("kunit_pass: exit\n");
}

module_init(kunit_pass_init);
module_exit(kunit_pass_exit);

MODULE_LICENSE("GPL");
