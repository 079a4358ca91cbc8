/* KUnit tests of kshim's workqueues: queueing, flushing, ordering, delayed work and cancelling, from a case's task. */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/workqueue.h>

struct counted_work {
	struct work_struct work;
	int runs;
	char *log;	/* each run appends its tag */
	char tag;
};

static void count_run(struct work_struct *w)
{
	struct counted_work *cw = container_of(w, struct counted_work, work);

	cw->runs++;
	if (cw->log)
		cw->log[strlen(cw->log)] = cw->tag;
}

static void wq_flush_work_waits(struct kunit *test)
{
	struct counted_work cw = { .runs = 0 };

	INIT_WORK_ONSTACK(&cw.work, count_run);
	KUNIT_EXPECT_TRUE(test, queue_work(system_wq, &cw.work));
	KUNIT_EXPECT_TRUE(test, flush_work(&cw.work));
	KUNIT_EXPECT_EQ(test, cw.runs, 1);
	destroy_work_on_stack(&cw.work);
}

static void wq_pending_work_queues_once(struct kunit *test)
{
	struct counted_work cw = { .runs = 0 };

	INIT_WORK_ONSTACK(&cw.work, count_run);
	KUNIT_EXPECT_TRUE(test, schedule_work(&cw.work));
	KUNIT_EXPECT_FALSE(test, schedule_work(&cw.work));
	flush_work(&cw.work);
	KUNIT_EXPECT_EQ(test, cw.runs, 1);
	destroy_work_on_stack(&cw.work);
}

static void wq_ordered_runs_in_order(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_ordered_workqueue("kunit_ordered", 0);
	char log[4] = "";
	struct counted_work a = { .log = log, .tag = 'a' }, b = { .log = log, .tag = 'b' },
			    c = { .log = log, .tag = 'c' };

	KUNIT_ASSERT_NOT_NULL(test, wq);
	INIT_WORK_ONSTACK(&a.work, count_run);
	INIT_WORK_ONSTACK(&b.work, count_run);
	INIT_WORK_ONSTACK(&c.work, count_run);
	queue_work(wq, &a.work);
	queue_work(wq, &b.work);
	queue_work(wq, &c.work);
	destroy_workqueue(wq);	/* drains it */
	KUNIT_EXPECT_STREQ(test, log, "abc");
	destroy_work_on_stack(&a.work);
	destroy_work_on_stack(&b.work);
	destroy_work_on_stack(&c.work);
}

struct counted_dwork {
	struct delayed_work dwork;
	unsigned long ran_at;
};

static void note_time(struct work_struct *w)
{
	struct counted_dwork *cd = container_of(to_delayed_work(w), struct counted_dwork, dwork);

	cd->ran_at = jiffies;
}

static void wq_delayed_work_waits_its_delay(struct kunit *test)
{
	struct counted_dwork cd = { .ran_at = 0 };
	unsigned long start = jiffies;

	INIT_DELAYED_WORK_ONSTACK(&cd.dwork, note_time);
	schedule_delayed_work(&cd.dwork, msecs_to_jiffies(100));
	msleep(50);
	KUNIT_EXPECT_EQ(test, cd.ran_at, 0UL);
	msleep(100);
	KUNIT_EXPECT_GE(test, cd.ran_at - start, msecs_to_jiffies(100));
	destroy_delayed_work_on_stack(&cd.dwork);
}

/* As in Linux, flushing a delayed work whose timer is pending queues it at once. */
static void wq_flush_delayed_runs_it_now(struct kunit *test)
{
	struct counted_dwork cd = { .ran_at = 0 };
	unsigned long start = jiffies;

	INIT_DELAYED_WORK_ONSTACK(&cd.dwork, note_time);
	schedule_delayed_work(&cd.dwork, 10 * HZ);
	KUNIT_EXPECT_TRUE(test, flush_delayed_work(&cd.dwork));
	KUNIT_EXPECT_NE(test, cd.ran_at, 0UL);
	KUNIT_EXPECT_LT(test, cd.ran_at - start, (unsigned long)HZ);
	destroy_delayed_work_on_stack(&cd.dwork);
}

static void wq_cancel_before_it_runs(struct kunit *test)
{
	struct counted_dwork cd = { .ran_at = 0 };

	INIT_DELAYED_WORK_ONSTACK(&cd.dwork, note_time);
	schedule_delayed_work(&cd.dwork, HZ);
	KUNIT_EXPECT_TRUE(test, cancel_delayed_work_sync(&cd.dwork));
	msleep(2000);
	KUNIT_EXPECT_EQ(test, cd.ran_at, 0UL);
	destroy_delayed_work_on_stack(&cd.dwork);
}

static struct kunit_case wq_cases[] = {
	KUNIT_CASE(wq_flush_work_waits),
	KUNIT_CASE(wq_pending_work_queues_once),
	KUNIT_CASE(wq_ordered_runs_in_order),
	KUNIT_CASE(wq_delayed_work_waits_its_delay),
	KUNIT_CASE(wq_flush_delayed_runs_it_now),
	KUNIT_CASE(wq_cancel_before_it_runs),
	{}
};

static struct kunit_suite wq_suite = {
	.name = "kshim-workqueue",
	.test_cases = wq_cases,
};

kunit_test_suites(&wq_suite);

MODULE_LICENSE("GPL");
