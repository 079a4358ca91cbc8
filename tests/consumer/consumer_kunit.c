/* consumer_kunit: a KUnit test file of an outside project, registered with kshim_add_kunit_test. */
#include <kunit/test.h>

static void adds(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 2 + 2, 4);
}

static struct kunit_case first_cases[] = {
	KUNIT_CASE(adds),
	{}
};

static struct kunit_suite first_suite = {
	.name = "consumer-first",
	.test_cases = first_cases,
};

static void concatenates(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, "ab", "a" "b");
}

static struct kunit_case second_cases[] = {
	KUNIT_CASE(concatenates),
	{}
};

static struct kunit_suite second_suite = {
	.name = "consumer-second",
	.test_cases = second_cases,
};

kunit_test_suites(&first_suite, &second_suite);

MODULE_LICENSE("GPL");
