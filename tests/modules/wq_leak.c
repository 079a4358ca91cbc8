/* Test module: work functions that return with preemption disabled or a spinlock held. */
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

static DEFINE_SPINLOCK(leak_lock);
static struct work_struct atomic_work, lock_work, clean_work;

static void leak_atomic_fn(struct work_struct *work)
{
	preempt_disable();
}

static void leak_lock_fn(struct work_struct *work)
{
	spin_lock(&leak_lock);
}

static void clean_fn(struct work_struct *work)
{
	pr_info("clean work ran with preempt_count %d\n", preempt_count());
}

static int __init leak_init(void)
{
	INIT_WORK(&atomic_work, leak_atomic_fn);
	INIT_WORK(&lock_work, leak_lock_fn);
	INIT_WORK(&clean_work, clean_fn);
	schedule_work_on(0, &atomic_work);
	flush_work(&atomic_work);
	schedule_work_on(1, &lock_work);
	flush_work(&lock_work);
	schedule_work_on(0, &clean_work);
	flush_work(&clean_work);
	return 0;
}

static void __exit leak_exit(void)
{
}

module_init(leak_init);
module_exit(leak_exit);
MODULE_LICENSE("GPL");
