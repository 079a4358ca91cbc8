/* Test module: two buttons and an LED on the simulated GPIO chip; edge interrupts count presses and a threaded handler reports them. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gpio.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/printk.h>

#define LED 4
#define BUTTON_ON 17
#define BUTTON_OFF 18

static struct gpio pins[] = {
	{ LED, GPIOF_OUT_INIT_LOW, "led" },
	{ BUTTON_ON, GPIOF_IN, "button on" },
	{ BUTTON_OFF, GPIOF_IN, "button off" },
};
static int irq_on, irq_off, presses;

/* Hardirq context: the ON button's edges; a rising edge lights the LED. */
static irqreturn_t on_isr(int irq, void *dev)
{
	if (!gpio_get_value(BUTTON_ON))
		return IRQ_HANDLED;
	gpio_set_value(LED, 1);
	presses++;
	return IRQ_WAKE_THREAD;
}

/* irq/N-gpio_off, process context: the OFF button, handled in the thread. */
static irqreturn_t off_thread(int irq, void *dev)
{
	gpio_set_value(LED, 0);
	pr_info("off pressed: led %d in_task %d\n", gpio_get_value(LED), !!in_task());
	return IRQ_HANDLED;
}

/* irq/N-gpio_on, process context: reports the ON press. */
static irqreturn_t on_thread(int irq, void *dev)
{
	pr_info("on pressed (%d): led %d\n", presses, gpio_get_value(LED));
	return IRQ_HANDLED;
}

static int __init gpio_buttons_init(void)
{
	int ret = gpio_request_array(pins, ARRAY_SIZE(pins));

	if (ret)
		return ret;
	pr_info("requested again: %d, out of chip: %d, invalid: %d\n", gpio_request(LED, "again"),
		gpio_request(300, "none"), gpio_is_valid(600));
	irq_on = gpio_to_irq(BUTTON_ON);
	irq_off = gpio_to_irq(BUTTON_OFF);
	ret = request_threaded_irq(irq_on, on_isr, on_thread, IRQF_TRIGGER_RISING | IRQF_TRIGGER_FALLING,
				   "gpio_on", NULL);
	if (ret)
		goto free_pins;
	ret = request_threaded_irq(irq_off, NULL, off_thread, IRQF_TRIGGER_FALLING | IRQF_ONESHOT,
				   "gpio_off", NULL);
	if (ret)
		goto free_on;
	pr_info("buttons on irqs %d and %d, led %d\n", irq_on - irq_on, irq_off - irq_on, gpio_get_value(LED));
	return 0;
free_on:
	free_irq(irq_on, NULL);
free_pins:
	gpio_free_array(pins, ARRAY_SIZE(pins));
	return ret;
}

static void __exit gpio_buttons_exit(void)
{
	pr_info("exit: %d presses, freed %s and %s\n", presses, (const char *)free_irq(irq_on, NULL),
		(const char *)free_irq(irq_off, NULL));
	gpio_set_value(LED, 0);
	gpio_free_array(pins, ARRAY_SIZE(pins));
}

module_init(gpio_buttons_init);
module_exit(gpio_buttons_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("buttons and an LED on GPIO lines");
