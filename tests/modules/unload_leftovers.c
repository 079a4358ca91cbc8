/* Test module: an exit that forgets its timer, its delayed work, a queued item and its workqueue. */
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

static struct timer_list forgotten_timer;
static struct delayed_work forgotten_dwork;
static struct work_struct forgotten_work;
static struct workqueue_struct *forgotten_wq;

static void forgotten_timer_fn(struct timer_list *t)
{
	pr_info("timer ran\n");
}

static void forgotten_dwork_fn(struct work_struct *w)
{
	pr_info("delayed work ran\n");
}

static void forgotten_work_fn(struct work_struct *w)
{
	pr_info("work ran\n");
}

static int __init leftovers_init(void)
{
	forgotten_wq = alloc_workqueue("forgotten", 0, 0);
	if (!forgotten_wq)
		return -ENOMEM;
	timer_setup(&forgotten_timer, forgotten_timer_fn, 0);
	mod_timer(&forgotten_timer, jiffies + 10 * HZ);
	INIT_DELAYED_WORK(&forgotten_dwork, forgotten_dwork_fn);
	queue_delayed_work(forgotten_wq, &forgotten_dwork, 10 * HZ);
	INIT_WORK(&forgotten_work, forgotten_work_fn);
	return 0;
}

/* Queues an item just before the module goes: it can never run before the unload. */
static void __exit leftovers_exit(void)
{
	queue_work(forgotten_wq, &forgotten_work);
}

module_init(leftovers_init);
module_exit(leftovers_exit);
MODULE_LICENSE("GPL");
