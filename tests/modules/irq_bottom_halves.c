/* Test module: tasklets (context, CPU, no-op rescheduling, disable/enable, kill), irq_work and request_irq's argument checks, compared with the real kernel. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/irq_work.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/smp.h>

static int runs, ran_cpu, ran_softirq, ran_interrupt, ran_task, ran_hardirq;
static unsigned long ran_data;
static int work_hardirq, work_irqs_off, work_cpu, work_was_busy;

/* Softirq context: notes what it sees. */
static void note_tasklet(struct tasklet_struct *t)
{
	runs++;
	ran_cpu = smp_processor_id();
	ran_softirq = !!in_serving_softirq();
	ran_interrupt = !!in_interrupt();
	ran_task = !!in_task();
	ran_hardirq = !!in_hardirq();
}

/* Softirq context: the old-style tasklet with its data word. */
static void old_tasklet(unsigned long data)
{
	runs++;
	ran_data = data;
}

static DECLARE_TASKLET(quick, note_tasklet);
static DECLARE_TASKLET_DISABLED(held, note_tasklet);
static DECLARE_TASKLET_OLD(legacy, old_tasklet);
static struct tasklet_struct setup_one;

/* Hardirq context (the self-IPI): notes what it sees. */
static void note_work(struct irq_work *w)
{
	work_hardirq = !!in_hardirq();
	work_irqs_off = !!irqs_disabled();
	work_cpu = smp_processor_id();
	work_was_busy = irq_work_is_busy(w);
}

static DEFINE_IRQ_WORK(work, note_work);

static irqreturn_t never(int irq, void *dev)
{
	return IRQ_NONE;
}

/* Process context: one tasklet run, scheduled twice; reports what the tasklet saw. */
static void check_quick(void)
{
	int cpu = get_cpu();

	tasklet_schedule(&quick);
	tasklet_schedule(&quick);
	put_cpu();
	msleep(50);
	pr_info("quick: runs %d same_cpu %d serving_softirq %d in_interrupt %d in_task %d in_hardirq %d\n",
		runs, ran_cpu == cpu, ran_softirq, ran_interrupt, ran_task, ran_hardirq);
}

/* Process context: a disabled tasklet waits for tasklet_enable. */
static void check_held(void)
{
	runs = 0;
	tasklet_schedule(&held);
	msleep(50);
	pr_info("held: runs %d while disabled\n", runs);
	tasklet_enable(&held);
	msleep(50);
	pr_info("held: runs %d after enable\n", runs);
	tasklet_disable(&held);
	tasklet_disable(&held);
	tasklet_schedule(&held);
	tasklet_enable(&held);
	msleep(50);
	pr_info("held: runs %d with one disable left\n", runs);
	tasklet_enable(&held);
	msleep(50);
	pr_info("held: runs %d after the last enable\n", runs);
}

static int __init irq_bottom_halves_init(void)
{
	int cpu;

	pr_info("init\n");
	check_quick();
	check_held();
	runs = 0;
	tasklet_schedule(&legacy);
	tasklet_kill(&legacy);
	pr_info("legacy: runs %d data %lu state %lu after kill\n", runs, ran_data, legacy.state);
	tasklet_setup(&setup_one, note_tasklet);
	runs = 0;
	tasklet_hi_schedule(&setup_one);
	tasklet_kill(&setup_one);
	pr_info("setup: runs %d state %lu after kill\n", runs, setup_one.state);

	cpu = get_cpu();
	pr_info("irq_work: queued %d\n", irq_work_queue(&work));
	put_cpu();
	irq_work_sync(&work);
	pr_info("irq_work: in_hardirq %d irqs_disabled %d same_cpu %d busy_inside %d busy_after %d\n",
		work_hardirq, work_irqs_off, work_cpu == cpu, work_was_busy, irq_work_is_busy(&work));

	pr_info("request_irq shared without dev_id: %d\n",
		request_irq(7, never, IRQF_SHARED, "irq_bh", NULL));
	pr_info("request_threaded_irq without handlers: %d\n",
		request_threaded_irq(7, NULL, NULL, 0, "irq_bh", NULL));
	return 0;
}

static void __exit irq_bottom_halves_exit(void)
{
	tasklet_kill(&quick);
	tasklet_kill(&held);
	pr_info("exit\n");
}

module_init(irq_bottom_halves_init);
module_exit(irq_bottom_halves_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("tasklets, irq_work and request_irq checks");
