/* odebug_free_active: frees memory that still holds an active object (param kind: work, dwork, timer, hrtimer, tasklet, stack), re-initialises a queued work (reinit), an armed timer (retimer) or hrtimer (rehrtimer) or queues one never initialised (uninit). */
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

static char *kind = "work";
module_param(kind, charp, 0444);

struct active_box {
	struct work_struct work;
	struct delayed_work dwork;
	struct timer_list timer;
	struct hrtimer hrt;
	struct tasklet_struct tasklet;
};

static void box_work_fn(struct work_struct *w)
{
	pr_info("odebug_free_active: work ran\n");
}

static void box_timer_fn(struct timer_list *t)
{
	pr_info("odebug_free_active: timer ran\n");
}

static enum hrtimer_restart box_hrtimer_fn(struct hrtimer *t)
{
	pr_info("odebug_free_active: hrtimer ran\n");
	return HRTIMER_NORESTART;
}

static void box_tasklet_fn(struct tasklet_struct *t)
{
	pr_info("odebug_free_active: tasklet ran\n");
}

/* An on-stack work destroyed while still queued. */
static void stack_work(void)
{
	struct work_struct w;

	INIT_WORK_ONSTACK(&w, box_work_fn);
	schedule_work(&w);
	destroy_work_on_stack(&w);
}

static int __init active_init(void)
{
	struct active_box *b;

	if (!strcmp(kind, "stack")) {
		stack_work();
		return 0;
	}
	b = kzalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	if (!strcmp(kind, "work")) {
		INIT_WORK(&b->work, box_work_fn);
		schedule_work(&b->work);
	} else if (!strcmp(kind, "dwork")) {
		INIT_DELAYED_WORK(&b->dwork, box_work_fn);
		schedule_delayed_work(&b->dwork, HZ);
	} else if (!strcmp(kind, "timer")) {
		timer_setup(&b->timer, box_timer_fn, 0);
		mod_timer(&b->timer, jiffies + HZ);
	} else if (!strcmp(kind, "hrtimer")) {
		hrtimer_init(&b->hrt, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
		b->hrt.function = box_hrtimer_fn;
		hrtimer_start(&b->hrt, ms_to_ktime(100), HRTIMER_MODE_REL);
	} else if (!strcmp(kind, "reinit")) {
		INIT_WORK(&b->work, box_work_fn);
		schedule_work(&b->work);
		INIT_WORK(&b->work, box_work_fn);
	} else if (!strcmp(kind, "retimer")) {
		timer_setup(&b->timer, box_timer_fn, 0);
		mod_timer(&b->timer, jiffies + HZ / 10);
		timer_setup(&b->timer, box_timer_fn, 0);
	} else if (!strcmp(kind, "rehrtimer")) {
		hrtimer_init(&b->hrt, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
		b->hrt.function = box_hrtimer_fn;
		hrtimer_start(&b->hrt, ms_to_ktime(100), HRTIMER_MODE_REL);
		hrtimer_init(&b->hrt, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	} else if (!strcmp(kind, "uninit")) {
		b->work.func = box_work_fn;
		schedule_work(&b->work);
		flush_work(&b->work);
	} else if (!strcmp(kind, "tasklet")) {
		tasklet_setup(&b->tasklet, box_tasklet_fn);
		tasklet_schedule(&b->tasklet);
	}
	kfree(b);
	pr_info("odebug_free_active: freed\n");
	return 0;
}

static void __exit active_exit(void)
{
}

module_init(active_init);
module_exit(active_exit);
MODULE_LICENSE("GPL");
