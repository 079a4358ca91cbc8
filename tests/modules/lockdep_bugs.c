/* Test module: one locking bug per `bug=` (irq, softirq, unlock, exit, work, assert, cancel, user), or its correct twin with fixed=1. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/kthread.h>
#include <linux/lockdep.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

static char *bug = "irq";
module_param(bug, charp, 0444);
static bool fixed;
module_param(fixed, bool, 0444);
static int irq = 5;
module_param(irq, int, 0444);

static DEFINE_SPINLOCK(stats_lock);
static DEFINE_MUTEX(cfg_mutex);
static unsigned long events;
static struct timer_list tick;
static struct work_struct job;

/* Hardirq context: counts an event under stats_lock. */
static irqreturn_t stats_isr(int n, void *dev)
{
	spin_lock(&stats_lock);
	events++;
	spin_unlock(&stats_lock);
	return IRQ_HANDLED;
}

/* Softirq context (timer): the same. */
static void stats_tick(struct timer_list *t)
{
	spin_lock(&stats_lock);
	events++;
	spin_unlock(&stats_lock);
}

/* Process context: reads the count, with interrupts (or bottom halves) off when fixed. */
static noinline unsigned long read_events(bool bh)
{
	unsigned long flags, n;

	if (!fixed) {
		spin_lock(&stats_lock);
		n = events;
		spin_unlock(&stats_lock);
	} else if (bh) {
		spin_lock_bh(&stats_lock);
		n = events;
		spin_unlock_bh(&stats_lock);
	} else {
		spin_lock_irqsave(&stats_lock, flags);
		n = events;
		spin_unlock_irqrestore(&stats_lock, flags);
	}
	return n;
}

/* Called with cfg_mutex held. */
static noinline void apply_cfg(void)
{
	lockdep_assert_held(&cfg_mutex);
	pr_info("cfg applied\n");
}

static int holder_fn(void *data)
{
	mutex_lock(&cfg_mutex);
	pr_info("holder took cfg_mutex\n");
	if (fixed)
		mutex_unlock(&cfg_mutex);
	return 0;
}

static void job_fn(struct work_struct *w)
{
	mutex_lock(&cfg_mutex);
	events++;
	if (fixed || strcmp(bug, "work") != 0)
		mutex_unlock(&cfg_mutex);
}

static noinline int run_irq(void)
{
	int ret = request_irq(irq, stats_isr, 0, "lockdep_bugs", &events);

	if (ret)
		return ret;
	read_events(false);
	return 0;
}

static noinline int run_softirq(void)
{
	timer_setup(&tick, stats_tick, 0);
	mod_timer(&tick, jiffies + 1);
	msleep(20);
	read_events(true);
	del_timer_sync(&tick);
	return 0;
}

static noinline int run_unlock(void)
{
	mutex_lock(&cfg_mutex);
	mutex_unlock(&cfg_mutex);
	if (!fixed)
		mutex_unlock(&cfg_mutex);
	return 0;
}

static noinline int run_exit(void)
{
	struct task_struct *t = kthread_run(holder_fn, NULL, "cfg_holder");

	if (IS_ERR(t))
		return PTR_ERR(t);
	msleep(10);
	return 0;
}

static noinline int run_work(void)
{
	INIT_WORK(&job, job_fn);
	schedule_work(&job);
	flush_work(&job);
	return 0;
}

static noinline int run_assert(void)
{
	if (fixed)
		mutex_lock(&cfg_mutex);
	apply_cfg();
	if (fixed)
		mutex_unlock(&cfg_mutex);
	return 0;
}

/* cancel_work_sync waits for job_fn, which takes cfg_mutex: not under cfg_mutex. */
static noinline int run_cancel(void)
{
	INIT_WORK(&job, job_fn);
	schedule_work(&job);
	flush_work(&job);
	if (!fixed)
		mutex_lock(&cfg_mutex);
	cancel_work_sync(&job);
	if (!fixed)
		mutex_unlock(&cfg_mutex);
	return 0;
}

static noinline int run_user(void)
{
	mutex_lock(&cfg_mutex);
	if (fixed)
		mutex_unlock(&cfg_mutex);
	return 0;
}

static const struct {
	const char *name;
	int (*run)(void);
} cases[] = {
	{"irq", run_irq},	  {"softirq", run_softirq}, {"unlock", run_unlock}, {"exit", run_exit},
	{"work", run_work},	  {"assert", run_assert},   {"cancel", run_cancel}, {"user", run_user},
};

static int __init lockdep_bugs_init(void)
{
	int ret = -EINVAL;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		if (!strcmp(bug, cases[i].name))
			ret = cases[i].run();
	pr_info("%s%s: done\n", bug, fixed ? " (fixed)" : "");
	return ret;
}

static void __exit lockdep_bugs_exit(void)
{
	if (!strcmp(bug, "irq"))
		free_irq(irq, &events);
}

module_init(lockdep_bugs_init);
module_exit(lockdep_bugs_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("locking bugs lockdep reports, each with its correct twin");
