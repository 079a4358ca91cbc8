/* Test module: one of each traced context (irq handler, tasklet, timer_list, hrtimer, work item, mutex wait) for --trace. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

#define TRACE_IRQ 5

static struct timer_list tick;
static struct hrtimer fine;
static struct task_struct *holder, *waiter;
static int dev_cookie;
static DEFINE_MUTEX(shared);

/* Process context (a kworker): queued by the timer. */
static void tick_work_fn(struct work_struct *w)
{
	pr_info("work item runs\n");
}
static DECLARE_WORK(tick_work, tick_work_fn);

/* Softirq context: scheduled by the interrupt handler. */
static void bottom_half(struct tasklet_struct *t)
{
	pr_info("tasklet runs\n");
}
static DECLARE_TASKLET(bh, bottom_half);

/* Hardirq context. */
static irqreturn_t top_half(int irq, void *dev)
{
	tasklet_schedule(&bh);
	return IRQ_HANDLED;
}

/* Softirq context: queues the work item. */
static void tick_fn(struct timer_list *t)
{
	pr_info("timer fires\n");
	queue_work(system_wq, &tick_work);
}

/* Hardirq context. */
static enum hrtimer_restart fine_fn(struct hrtimer *t)
{
	return HRTIMER_NORESTART;
}

/* Holds the mutex for 50 ms while the other thread waits for it. */
static int hold_fn(void *arg)
{
	mutex_lock(&shared);
	msleep(50);
	mutex_unlock(&shared);
	while (!kthread_should_stop())
		msleep(20);
	return 0;
}

static int wait_fn(void *arg)
{
	msleep(10);
	mutex_lock(&shared);
	pr_info("waiter got the mutex\n");
	mutex_unlock(&shared);
	while (!kthread_should_stop())
		msleep(20);
	return 0;
}

static int __init trace_contexts_init(void)
{
	int err = request_irq(TRACE_IRQ, top_half, 0, "trace_dev", &dev_cookie);

	if (err)
		return err;
	timer_setup(&tick, tick_fn, 0);
	mod_timer(&tick, jiffies + msecs_to_jiffies(100));
	hrtimer_init(&fine, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	fine.function = fine_fn;
	hrtimer_start(&fine, ms_to_ktime(30), HRTIMER_MODE_REL);
	holder = kthread_run(hold_fn, NULL, "holder");
	waiter = kthread_run(wait_fn, NULL, "waiter");
	pr_info("loaded\n");
	return 0;
}

static void __exit trace_contexts_exit(void)
{
	kthread_stop(waiter);
	kthread_stop(holder);
	del_timer_sync(&tick);
	hrtimer_cancel(&fine);
	cancel_work_sync(&tick_work);
	free_irq(TRACE_IRQ, &dev_cookie);
	tasklet_kill(&bh);
	pr_info("unloaded\n");
}

module_init(trace_contexts_init);
module_exit(trace_contexts_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("one of each traced context");
