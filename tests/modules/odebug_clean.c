/* odebug_clean: cancels each work, timer, hrtimer and tasklet before freeing it (debugobjects' correct twin). */
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

struct clean_box {
	struct work_struct work;
	struct delayed_work dwork;
	struct timer_list timer;
	struct hrtimer hrt;
	struct tasklet_struct tasklet;
};

static void clean_work_fn(struct work_struct *w)
{
}

static void clean_timer_fn(struct timer_list *t)
{
}

static enum hrtimer_restart clean_hrtimer_fn(struct hrtimer *t)
{
	return HRTIMER_NORESTART;
}

static void clean_tasklet_fn(struct tasklet_struct *t)
{
}

static int __init clean_init(void)
{
	struct clean_box *b = kzalloc(sizeof(*b), GFP_KERNEL);
	struct work_struct w;

	if (!b)
		return -ENOMEM;
	INIT_WORK(&b->work, clean_work_fn);
	schedule_work(&b->work);
	INIT_DELAYED_WORK(&b->dwork, clean_work_fn);
	schedule_delayed_work(&b->dwork, HZ);
	timer_setup(&b->timer, clean_timer_fn, 0);
	mod_timer(&b->timer, jiffies + HZ);
	hrtimer_init(&b->hrt, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	b->hrt.function = clean_hrtimer_fn;
	hrtimer_start(&b->hrt, ms_to_ktime(100), HRTIMER_MODE_REL);
	tasklet_setup(&b->tasklet, clean_tasklet_fn);
	tasklet_schedule(&b->tasklet);

	cancel_work_sync(&b->work);
	cancel_delayed_work_sync(&b->dwork);
	del_timer_sync(&b->timer);
	hrtimer_cancel(&b->hrt);
	tasklet_kill(&b->tasklet);
	kfree(b);

	INIT_WORK_ONSTACK(&w, clean_work_fn);
	schedule_work(&w);
	flush_work(&w);
	destroy_work_on_stack(&w);
	pr_info("odebug_clean: done\n");
	return 0;
}

static void __exit clean_exit(void)
{
}

module_init(clean_init);
module_exit(clean_exit);
MODULE_LICENSE("GPL");
