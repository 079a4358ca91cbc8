/* A KUnit test module whose cases crash, BUG, warn, lack an API or fail from code under test: each ends alone and the others run. */
#include <kunit/test-bug.h>
#include <kunit/test.h>
#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>

static int exits;

static void crash_exit(struct kunit *test)
{
	exits++;
}

static void bug_case(struct kunit *test)
{
	BUG();
}

static void null_case(struct kunit *test)
{
	int *volatile p = NULL;

	*p = 1;
}

static void warn_case(struct kunit *test)
{
	WARN_ON(1);
}

static void leak_case(struct kunit *test)
{
	(void)kmalloc(32, GFP_KERNEL);
}

static void lacking_case(struct kunit *test)
{
	kshim_not_implemented("frobnicate");
	KUNIT_FAIL(test, "not reached");
}

/* Code under test that knows nothing of KUnit but reports through it. */
static void checked_helper(int v)
{
	if (v < 0)
		kunit_fail_current_test("negative value %d", v);
}

static void fail_current_case(struct kunit *test)
{
	checked_helper(-3);
}

static void mem_case(struct kunit *test)
{
	const u8 a[] = { 1, 2, 3 }, c[] = { 1, 9, 3 };

	KUNIT_EXPECT_MEMEQ(test, a, c, sizeof(a));
}

static void after_all(struct kunit *test)
{
	/* bug_case and null_case never reached exit; the other six did */
	KUNIT_EXPECT_EQ(test, exits, 5);
}

static struct kunit_case crash_cases[] = {
	KUNIT_CASE(bug_case),
	KUNIT_CASE(null_case),
	KUNIT_CASE(warn_case),
	KUNIT_CASE(leak_case),
	KUNIT_CASE(lacking_case),
	KUNIT_CASE(fail_current_case),
	KUNIT_CASE(mem_case),
	KUNIT_CASE(after_all),
	{}
};

static struct kunit_suite crash_suite = {
	.name = "kshim-crash",
	.exit = crash_exit,
	.test_cases = crash_cases,
};

kunit_test_suites(&crash_suite);

MODULE_LICENSE("GPL");
