/* Test module: rwlock read/write lock orders lockdep reports per `bug=` (cycle, recursive, irqread), or the correct twin with fixed=1. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/timer.h>

static char *bug = "cycle";
module_param(bug, charp, 0444);
static bool fixed;
module_param(fixed, bool, 0444);
static int irq = 5;
module_param(irq, int, 0444);

static DEFINE_RWLOCK(table_lock);	/* readers everywhere, writers with irqs off */
static DEFINE_SPINLOCK(stat_lock);	/* process context (and softirq for the twins) */
static DEFINE_SPINLOCK(dev_lock);	/* taken by the interrupt handler */
static unsigned long table[4], hits, events;
static struct timer_list tick;

/* Any context: reads the table under table_lock as a reader. */
static noinline unsigned long lookup(int i)
{
	unsigned long v;

	read_lock(&table_lock);
	v = table[i & 3];
	read_unlock(&table_lock);
	return v;
}

/* Process context: changes an entry under table_lock as the writer, irqs off. */
static noinline void update(int i, unsigned long v)
{
	unsigned long flags;

	write_lock_irqsave(&table_lock, flags);
	table[i & 3] = v;
	write_unlock_irqrestore(&table_lock, flags);
}

/* Counts a hit: table_lock read-held, then stat_lock (the bhs off for the twin, which makes the read recursive). */
static noinline void count_hit(bool bh)
{
	if (bh)
		read_lock_bh(&table_lock);
	else
		read_lock(&table_lock);
	spin_lock(&stat_lock);
	hits += table[0];
	spin_unlock(&stat_lock);
	if (bh)
		read_unlock_bh(&table_lock);
	else
		read_unlock(&table_lock);
}

/* Resets the stats: stat_lock, then table_lock read (recursive in the twin's bh-off section). */
static noinline void reset_stats(bool bh)
{
	if (bh)
		spin_lock_bh(&stat_lock);
	else
		spin_lock(&stat_lock);
	read_lock(&table_lock);
	hits = table[1];
	read_unlock(&table_lock);
	if (bh)
		spin_unlock_bh(&stat_lock);
	else
		spin_unlock(&stat_lock);
}

/* Reads the table twice, nested: in process context unless fixed, else in a timer (softirq). */
static noinline void nested_lookup(void)
{
	read_lock(&table_lock);
	hits += lookup(2);
	read_unlock(&table_lock);
}

static void tick_fn(struct timer_list *t)
{
	nested_lookup();
}

/* Hardirq context: dev_lock, then the table as a recursive reader. */
static irqreturn_t dev_isr(int n, void *dev)
{
	spin_lock(&dev_lock);
	events += lookup(n);
	spin_unlock(&dev_lock);
	return IRQ_HANDLED;
}

/* Process context: the table read under dev_lock with irqs off; a reader that can queue behind a writer. */
static noinline void sync_events(void)
{
	unsigned long flags;

	spin_lock_irqsave(&dev_lock, flags);
	events = lookup(3);
	spin_unlock_irqrestore(&dev_lock, flags);
}

static int __init lockdep_rw_init(void)
{
	int ret;

	update(0, 1);
	if (!strcmp(bug, "cycle")) {
		count_hit(fixed);
		reset_stats(fixed);
	} else if (!strcmp(bug, "recursive")) {
		if (fixed) {
			timer_setup(&tick, tick_fn, 0);
			mod_timer(&tick, jiffies + 1);
			msleep(20);
			del_timer_sync(&tick);
		} else {
			nested_lookup();
		}
	} else if (!strcmp(bug, "irqread")) {
		ret = request_irq(irq, dev_isr, 0, "lockdep_rw", &events);
		if (ret)
			return ret;
		hits = lookup(1);	/* a reader with irqs on */
		if (!fixed)
			sync_events();
	}
	pr_info("%s%s: done\n", bug, fixed ? " (fixed)" : "");
	return 0;
}

static void __exit lockdep_rw_exit(void)
{
	if (!strcmp(bug, "irqread")) {
		hits = lookup(0);
		free_irq(irq, &events);
	}
}

module_init(lockdep_rw_init);
module_exit(lockdep_rw_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("rwlock lock-order bugs lockdep tells apart by read/write strength, each with its correct twin");
