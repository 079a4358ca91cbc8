/* KUnit tests of kshim's kunit_try_catch_run and resource internals, the parts of 6.1's KUnit that its own kunit-test.c uses. */
#include <kunit/test.h>
#include <linux/sched.h>
#include <linux/string.h>

/* A try-catch run's record: what ran, in which task, and what the caller saw. */
struct tc_ctx {
	struct kunit_try_catch tc;
	struct task_struct *try_task;
	int tried, caught, after_throw;
	void *try_arg, *catch_arg;
};

static void try_returns(void *arg)
{
	struct tc_ctx *ctx = arg;

	ctx->tried++;
	ctx->try_arg = arg;
	ctx->try_task = current;
}

static void try_throws(void *arg)
{
	struct tc_ctx *ctx = arg;

	ctx->tried++;
	kunit_try_catch_throw(&ctx->tc);
	ctx->after_throw++;
}

static void catch_counts(void *arg)
{
	struct tc_ctx *ctx = arg;

	ctx->caught++;
	ctx->catch_arg = arg;
}

static void setup(struct tc_ctx *ctx, struct kunit *test, kunit_try_catch_func_t try_fn)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->tc.test = test;
	ctx->tc.try = try_fn;
	ctx->tc.catch = catch_counts;
}

static void try_that_returns_skips_catch(struct kunit *test)
{
	struct tc_ctx ctx;

	setup(&ctx, test, try_returns);
	kunit_try_catch_run(&ctx.tc, &ctx);
	KUNIT_EXPECT_EQ(test, ctx.tried, 1);
	KUNIT_EXPECT_EQ(test, ctx.caught, 0);
	KUNIT_EXPECT_PTR_EQ(test, ctx.try_arg, (void *)&ctx);
	KUNIT_EXPECT_PTR_EQ(test, ctx.tc.context, (void *)&ctx);
	KUNIT_EXPECT_EQ(test, kunit_try_catch_get_result(&ctx.tc), 0);
	/* try ran in a kthread of its own, not in the case's task */
	KUNIT_EXPECT_PTR_NE(test, ctx.try_task, current);
	KUNIT_EXPECT_NOT_NULL(test, ctx.try_task);
}

static void thrown_try_runs_catch_in_caller(struct kunit *test)
{
	struct tc_ctx ctx;

	setup(&ctx, test, try_throws);
	kunit_try_catch_run(&ctx.tc, &ctx);
	KUNIT_EXPECT_EQ(test, ctx.tried, 1);
	KUNIT_EXPECT_EQ(test, ctx.after_throw, 0);
	KUNIT_EXPECT_EQ(test, ctx.caught, 1);
	KUNIT_EXPECT_PTR_EQ(test, ctx.catch_arg, (void *)&ctx);
	/* a throw is the catch function's business: the result reads 0 after it */
	KUNIT_EXPECT_EQ(test, kunit_try_catch_get_result(&ctx.tc), 0);
	/* the case's own try-catch is untouched: the case goes on */
	KUNIT_EXPECT_EQ(test, test->status, KUNIT_SUCCESS);
}

static void try_catch_runs_again(struct kunit *test)
{
	struct tc_ctx ctx;

	setup(&ctx, test, try_throws);
	kunit_try_catch_run(&ctx.tc, &ctx);
	ctx.tc.try = try_returns;
	kunit_try_catch_run(&ctx.tc, &ctx);
	KUNIT_EXPECT_EQ(test, ctx.tried, 2);
	KUNIT_EXPECT_EQ(test, ctx.caught, 1);
}

/* kunit_init_test empties a log it is given, as 6.1's does. */
static void init_test_clears_log(struct kunit *test)
{
	char log[16] = "stale";
	struct kunit fake;

	kunit_init_test(&fake, "fake", log);
	KUNIT_EXPECT_STREQ(test, log, "");
	KUNIT_EXPECT_PTR_EQ(test, fake.log, &log[0]);
	KUNIT_EXPECT_TRUE(test, list_empty(&fake.resources));
	KUNIT_EXPECT_EQ(test, fake.status, KUNIT_SUCCESS);
}

static int order[4], norder;

static void note_free(struct kunit_resource *res)
{
	order[norder++] = (int)(long)res->data;
}

/* A kunit_kfree'd block and a named resource share the list: each removal takes only its own. */
static void kfree_leaves_other_resources(struct kunit *test)
{
	struct kunit_resource named;
	void *p = kunit_kmalloc(test, 8, GFP_KERNEL);
	struct kunit_resource *found;

	norder = 0;
	KUNIT_ASSERT_EQ(test, kunit_add_named_resource(test, NULL, note_free, &named, "n", (void *)1L), 0);
	kunit_kfree(test, p);
	found = kunit_find_named_resource(test, "n");
	KUNIT_EXPECT_PTR_EQ(test, found, &named);
	if (found)
		kunit_put_resource(found);
	KUNIT_EXPECT_EQ(test, norder, 0);
	kunit_remove_resource(test, &named);
	KUNIT_EXPECT_EQ(test, norder, 1);
	KUNIT_EXPECT_NULL(test, kunit_find_named_resource(test, "n"));
}

static struct kunit_case try_catch_cases[] = {
	KUNIT_CASE(try_that_returns_skips_catch),
	KUNIT_CASE(thrown_try_runs_catch_in_caller),
	KUNIT_CASE(try_catch_runs_again),
	KUNIT_CASE(init_test_clears_log),
	KUNIT_CASE(kfree_leaves_other_resources),
	{}
};

static struct kunit_suite try_catch_suite = {
	.name = "kshim-try-catch",
	.test_cases = try_catch_cases,
};
kunit_test_suite(try_catch_suite);

MODULE_LICENSE("GPL");
