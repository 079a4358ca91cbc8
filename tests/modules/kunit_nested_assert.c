/* A KUnit test module whose case fails an assertion inside a kunit_try_catch_run thread: that thread ends, catch runs, the case goes on failed and its exit runs once. */
#include <kunit/test.h>
#include <kunit/try-catch.h>
#include <linux/module.h>

static int caught, exits;

static void asserts_on_case(void *data)
{
	struct kunit *test = data;

	KUNIT_ASSERT_EQ(test, 1 + 1, 3);
	kunit_err(test, "went on after its assertion");
}

static void count_catch(void *data)
{
	caught++;
}

static void nested_assert(struct kunit *test)
{
	struct kunit_try_catch tc = { .test = test, .try = asserts_on_case, .catch = count_catch };

	kunit_try_catch_run(&tc, test);
	kunit_info(test, "caught %d, result %d", caught, kunit_try_catch_get_result(&tc));
}

static void runs_after(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, exits, 1);
}

static void count_exit(struct kunit *test)
{
	exits++;
}

static struct kunit_case nested_cases[] = {
	KUNIT_CASE(nested_assert),
	KUNIT_CASE(runs_after),
	{}
};

static struct kunit_suite nested_suite = {
	.name = "kshim-nested-assert",
	.exit = count_exit,
	.test_cases = nested_cases,
};

kunit_test_suite(nested_suite);

MODULE_LICENSE("GPL");
