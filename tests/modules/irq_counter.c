/* Test module: requests interrupt `irq` and prints each one it takes, with its context (for the runner's --irq); leak=1 never frees it. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/smp.h>

static int irq = 5;
module_param(irq, int, 0444);
static bool leak;
module_param(leak, bool, 0444);
static int taken;

/* Hardirq context. */
static irqreturn_t counter_isr(int n, void *dev)
{
	pr_info("irq %d #%d: in_hardirq %d irqs_disabled %d cpu %d\n", n, ++taken, !!in_hardirq(),
		!!irqs_disabled(), smp_processor_id());
	return IRQ_HANDLED;
}

static int __init irq_counter_init(void)
{
	return request_irq(irq, counter_isr, 0, "irq_counter", &taken);
}

static void __exit irq_counter_exit(void)
{
	if (!leak)
		free_irq(irq, &taken);
	pr_info("%d taken\n", taken);
}

module_init(irq_counter_init);
module_exit(irq_counter_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("counts raised interrupts");
