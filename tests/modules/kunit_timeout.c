/* A KUnit test module whose first case never returns: the runner gives up on it after 6.1's 300 s. */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/sched.h>

static void sleeps_forever(struct kunit *test)
{
	set_current_state(TASK_INTERRUPTIBLE);
	schedule();
	kunit_err(test, "woken, which nothing should do");
}

static void runs_after(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 1 + 1, 2);
}

static struct kunit_case timeout_cases[] = {
	KUNIT_CASE(sleeps_forever),
	KUNIT_CASE(runs_after),
	{}
};

static struct kunit_suite timeout_suite = {
	.name = "kshim-timeout",
	.test_cases = timeout_cases,
};

kunit_test_suite(timeout_suite);

MODULE_LICENSE("GPL");
