/* Test module: a tour of the workqueue API from module code, printing each return value. */
#include <linux/module.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/smp.h>
#include <linux/workqueue.h>

static void static_fn(struct work_struct *work);
static void static_dfn(struct work_struct *work);
static DECLARE_WORK(static_work, static_fn);
static DECLARE_DELAYED_WORK(static_dwork, static_dfn);
static struct workqueue_struct *legacy, *frz, *sys;
static struct delayed_work def_dwork;
static unsigned long armed_at;

static void static_fn(struct work_struct *work)
{
	pr_info("static work ran on CPU %d, current_work matches: %d\n", smp_processor_id(),
		current_work() == work);
}

static void static_dfn(struct work_struct *work)
{
	struct delayed_work *dw = to_delayed_work(work);

	pr_info("static delayed work ran on CPU %d after %lu jiffies, is static_dwork: %d\n",
		smp_processor_id(), jiffies - armed_at, dw == &static_dwork);
}

static void def_fn(struct work_struct *work)
{
	pr_info("deferrable work ran\n");
}

static int __init api_init(void)
{
	bool r;

	legacy = create_workqueue("api_legacy");
	frz = create_freezable_workqueue("api_frz");
	sys = alloc_workqueue("api_%s_%d", WQ_FREEZABLE | WQ_SYSFS | WQ_MEM_RECLAIM, 4, "sys", 2);
	if (!legacy || !frz || !sys)
		return -ENOMEM;

	r = queue_work_on(1, legacy, &static_work);
	pr_info("queue_work_on: %d\n", r);
	msleep(10);
	r = flush_work(&static_work);
	pr_info("flush_work: %d busy after: %u\n", r, work_busy(&static_work));

	armed_at = jiffies;
	r = queue_delayed_work_on(1, sys, &static_dwork, 10);
	pr_info("queue_delayed_work_on: %d pending: %d\n", r, delayed_work_pending(&static_dwork));
	r = schedule_delayed_work_on(0, &static_dwork, 5);
	pr_info("schedule_delayed_work_on while pending: %d\n", r);
	msleep(100);

	armed_at = jiffies;
	r = mod_delayed_work_on(0, frz, &static_dwork, 20);
	pr_info("mod_delayed_work_on idle: %d\n", r);
	r = mod_delayed_work_on(0, frz, &static_dwork, 2);
	pr_info("mod_delayed_work_on pending: %d\n", r);
	msleep(100);

	INIT_DEFERRABLE_WORK(&def_dwork, def_fn);
	r = schedule_delayed_work(&def_dwork, 3);
	pr_info("schedule_delayed_work deferrable: %d\n", r);
	r = cancel_delayed_work_sync(&def_dwork);
	pr_info("cancel_delayed_work_sync deferrable: %d\n", r);
	r = schedule_delayed_work(&def_dwork, 3);
	flush_delayed_work(&def_dwork);

	r = queue_work(frz, &static_work);
	pr_info("queue_work freezable: %d\n", r);
	flush_workqueue(frz);
	pr_info("flushed: pending %d\n", work_pending(&static_work));
	return 0;
}

static void __exit api_exit(void)
{
	destroy_workqueue(sys);
	destroy_workqueue(frz);
	destroy_workqueue(legacy);
	pr_info("api done\n");
}

module_init(api_init);
module_exit(api_exit);
MODULE_LICENSE("GPL");
