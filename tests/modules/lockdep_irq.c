/* Test module: irq-safe -> irq-unsafe lock orders, locks held across irq enabling and invalid wait contexts per `bug=` (hardirq, softirq, inversion, held, held_bh, wait, wait_irq), or the correct twin with fixed=1. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/timer.h>

static char *bug = "hardirq";
module_param(bug, charp, 0444);
static bool fixed;
module_param(fixed, bool, 0444);
static int irq = 5;
module_param(irq, int, 0444);

static DEFINE_SPINLOCK(dev_lock);	/* taken by the interrupt handler or the timer */
static DEFINE_SPINLOCK(list_lock);	/* process context only */
static DEFINE_MUTEX(cfg_mutex);
static unsigned long events, entries;
static struct timer_list tick;

/* Hardirq context: counts an event under dev_lock (and, for bug=wait_irq, takes cfg_mutex). */
static irqreturn_t dev_isr(int n, void *dev)
{
	if (!strcmp(bug, "wait_irq") && !fixed) {
		mutex_lock(&cfg_mutex);
		events++;
		mutex_unlock(&cfg_mutex);
		return IRQ_HANDLED;
	}
	spin_lock(&dev_lock);
	events++;
	spin_unlock(&dev_lock);
	return IRQ_HANDLED;
}

/* Softirq context: the same, from a timer. */
static void dev_tick(struct timer_list *t)
{
	spin_lock(&dev_lock);
	events++;
	spin_unlock(&dev_lock);
}

/* Process context: adds an entry; with interrupts enabled unless fixed (irq-unsafe). */
static noinline void add_entry(void)
{
	unsigned long flags;

	if (fixed) {
		spin_lock_irqsave(&list_lock, flags);
		entries++;
		spin_unlock_irqrestore(&list_lock, flags);
	} else {
		spin_lock(&list_lock);
		entries++;
		spin_unlock(&list_lock);
	}
}

/* Process context: flushes events into the list, dev_lock held with irqs (or bhs) off. */
static noinline void flush_events(bool bh)
{
	unsigned long flags;

	if (bh)
		spin_lock_bh(&dev_lock);
	else
		spin_lock_irqsave(&dev_lock, flags);
	spin_lock(&list_lock);
	entries += events;
	events = 0;
	spin_unlock(&list_lock);
	if (bh)
		spin_unlock_bh(&dev_lock);
	else
		spin_unlock_irqrestore(&dev_lock, flags);
}

/* Process context: empties dev_lock's events with irqs (or bhs) off, turning them back on while
 * still holding it unless fixed. */
static noinline void drain_events(bool bh)
{
	if (bh)
		local_bh_disable();
	else
		local_irq_disable();
	spin_lock(&dev_lock);
	events = 0;
	if (!fixed) {
		if (bh)
			local_bh_enable();
		else
			local_irq_enable();
	}
	spin_unlock(&dev_lock);
	if (fixed) {
		if (bh)
			local_bh_enable();
		else
			local_irq_enable();
	}
}

/* Process context: updates the configuration; a mutex under a spinlock unless fixed. */
static noinline void update_cfg(void)
{
	if (fixed) {
		mutex_lock(&cfg_mutex);
		spin_lock(&list_lock);
		entries = 0;
		spin_unlock(&list_lock);
		mutex_unlock(&cfg_mutex);
		return;
	}
	spin_lock(&list_lock);
	mutex_lock(&cfg_mutex);
	entries = 0;
	mutex_unlock(&cfg_mutex);
	spin_unlock(&list_lock);
}

static int __init lockdep_irq_init(void)
{
	int ret = 0;

	if (!strcmp(bug, "hardirq") || !strcmp(bug, "inversion") || !strcmp(bug, "held") || !strcmp(bug, "wait_irq")) {
		ret = request_irq(irq, dev_isr, 0, "lockdep_irq", &events);
		if (ret)
			return ret;
	}
	if (!strcmp(bug, "hardirq")) {
		add_entry();	/* the interrupt comes after init: flush_events runs at exit */
	} else if (!strcmp(bug, "inversion")) {
		add_entry();
		flush_events(false);	/* dev_lock -> list_lock first; the interrupt comes after */
	} else if (!strcmp(bug, "softirq")) {
		add_entry();
		timer_setup(&tick, dev_tick, 0);
		mod_timer(&tick, jiffies + 1);
		msleep(20);
		flush_events(true);
		del_timer_sync(&tick);
	} else if (!strcmp(bug, "held_bh")) {
		timer_setup(&tick, dev_tick, 0);
		mod_timer(&tick, jiffies + 1);
		msleep(20);
		del_timer_sync(&tick);
		drain_events(true);	/* the timer made dev_lock SOFTIRQ-safe */
	} else if (!strcmp(bug, "wait")) {
		update_cfg();
	}
	pr_info("%s%s: done\n", bug, fixed ? " (fixed)" : "");
	return 0;
}

static void __exit lockdep_irq_exit(void)
{
	if (!strcmp(bug, "hardirq"))
		flush_events(false);
	if (!strcmp(bug, "held"))
		drain_events(false);	/* the interrupt made dev_lock HARDIRQ-safe */
	if (!strcmp(bug, "hardirq") || !strcmp(bug, "inversion") || !strcmp(bug, "held") || !strcmp(bug, "wait_irq"))
		free_irq(irq, &events);
}

module_init(lockdep_irq_init);
module_exit(lockdep_irq_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("irq lock-order and wait-context bugs lockdep reports, each with its correct twin");
