/* A kthread queues a last work item on its way out; module_exit stops it and frees what the work uses without cancel_work_sync(), before destroy_workqueue() runs what is left. */
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

struct stats {
	int samples;
	int reported;
};

static struct stats *stats;
static struct task_struct *sampler;
static struct workqueue_struct *report_wq;
static struct work_struct report_work;

static void report_fn(struct work_struct *work)
{
	stats->reported = stats->samples;	/* runs after kfree() if module_exit wins the race */
	pr_info("explore_uaf: %d samples\n", stats->reported);
}

static int sample_fn(void *unused)
{
	while (!kthread_should_stop()) {
		stats->samples++;
		msleep_interruptible(100);
	}
	queue_work(report_wq, &report_work);	/* the final report, queued as the thread stops */
	return 0;
}

static int __init explore_uaf_init(void)
{
	stats = kzalloc(sizeof(*stats), GFP_KERNEL);
	if (!stats)
		return -ENOMEM;
	report_wq = alloc_workqueue("explore_uaf", 0, 0);
	if (!report_wq) {
		kfree(stats);
		return -ENOMEM;
	}
	INIT_WORK(&report_work, report_fn);
	sampler = kthread_run(sample_fn, NULL, "sampler");
	if (IS_ERR(sampler)) {
		destroy_workqueue(report_wq);
		kfree(stats);
		return PTR_ERR(sampler);
	}
	return 0;
}

static void __exit explore_uaf_exit(void)
{
	kthread_stop(sampler);
	kfree(stats);		/* BUG: report_work may still be pending: cancel_work_sync() first */
	destroy_workqueue(report_wq);	/* runs it, on freed memory, if it was */
}

module_init(explore_uaf_init);
module_exit(explore_uaf_exit);
MODULE_LICENSE("GPL");
