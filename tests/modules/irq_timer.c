/* Test module: a self-re-arming timer_list whose callback prints its context; with lock=1 it also takes a mutex there (a bug). */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/printk.h>
#include <linux/smp.h>
#include <linux/timer.h>

static bool lock;
module_param(lock, bool, 0444);

static struct timer_list tick;
static DEFINE_MUTEX(dev_mutex);
static int runs;

/* Softirq context: prints what it sees, then re-arms itself for two more runs. */
static void irq_timer_fn(struct timer_list *t)
{
	++runs;
	pr_info("run %d: in_softirq %d in_interrupt %d in_task %d cpu %d pending %d\n", runs,
		!!in_softirq(), !!in_interrupt(), !!in_task(), smp_processor_id(), timer_pending(t));
	if (lock) {
		mutex_lock(&dev_mutex);
		mutex_unlock(&dev_mutex);
	}
	if (runs < 3)
		mod_timer(t, jiffies + HZ / 10);
}

static int __init irq_timer_init(void)
{
	timer_setup(&tick, irq_timer_fn, 0);
	mod_timer(&tick, jiffies + HZ / 10);
	return 0;
}

static void __exit irq_timer_exit(void)
{
	del_timer_sync(&tick);
	pr_info("%d runs\n", runs);
}

module_init(irq_timer_init);
module_exit(irq_timer_exit);
MODULE_LICENSE("GPL");
