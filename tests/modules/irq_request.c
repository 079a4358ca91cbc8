/* Test module: request_irq/free_irq/enable_irq on a line nobody else uses (irq=7 by default): 6.1's return values, messages and WARNs. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/printk.h>

static int irq = 7;
module_param(irq, int, 0444);
static int dev_a, dev_b;

/* Hardirq context: never expected to run (the line has no device). */
static irqreturn_t quiet(int n, void *dev)
{
	return IRQ_NONE;
}

/* irq/N-name: never expected to run. */
static irqreturn_t quiet_thread(int n, void *dev)
{
	return IRQ_HANDLED;
}

static int __init irq_request_init(void)
{
	const char *name;

	pr_info("threaded without ONESHOT: %d\n",
		request_threaded_irq(irq, NULL, quiet_thread, 0, "irq_req_t", &dev_a));
	pr_info("first: %d\n", request_irq(irq, quiet, 0, "irq_req_a", &dev_a));
	pr_info("second, not shared: %d\n", request_irq(irq, quiet, 0, "irq_req_b", &dev_b));
	pr_info("second, shared: %d\n", request_irq(irq, quiet, IRQF_SHARED, "irq_req_b", &dev_b));
	disable_irq(irq);
	disable_irq_nosync(irq);
	enable_irq(irq);
	enable_irq(irq);
	pr_info("enabled again\n");
	enable_irq(irq);
	name = free_irq(irq, &dev_a);
	pr_info("free: %s\n", name ? name : "(null)");
	name = free_irq(irq, &dev_a);
	pr_info("free again: %s\n", name ? name : "(null)");
	pr_info("shared pair: %d %d\n", request_irq(irq, quiet, IRQF_SHARED, "irq_req_a", &dev_a),
		request_irq(irq, quiet, IRQF_SHARED, "irq_req_b", &dev_b));
	name = free_irq(irq, &dev_b);
	pr_info("free b: %s\n", name ? name : "(null)");
	name = free_irq(irq, &dev_a);
	pr_info("free a: %s\n", name ? name : "(null)");
	return 0;
}

static void __exit irq_request_exit(void)
{
	pr_info("exit\n");
}

module_init(irq_request_init);
module_exit(irq_request_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("request_irq semantics on an unused line");
