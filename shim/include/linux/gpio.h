/* The legacy integer GPIO API (gpio_request, gpio_get_value, gpio_to_irq, ...) over the simulated GPIO chip. */
#ifndef __LINUX_GPIO_H
#define __LINUX_GPIO_H

#include "linux/types.h"
#include "linux/errno.h"
#include "linux/kernel.h"
#include "linux/bug.h"
#include "linux/gpio/consumer.h"

#define GPIOF_DIR_OUT	(0 << 0)
#define GPIOF_DIR_IN	(1 << 0)
#define GPIOF_INIT_LOW	(0 << 1)
#define GPIOF_INIT_HIGH	(1 << 1)
#define GPIOF_IN		(GPIOF_DIR_IN)
#define GPIOF_OUT_INIT_LOW	(GPIOF_DIR_OUT | GPIOF_INIT_LOW)
#define GPIOF_OUT_INIT_HIGH	(GPIOF_DIR_OUT | GPIOF_INIT_HIGH)
#define GPIOF_ACTIVE_LOW        (1 << 2)
#define GPIOF_OPEN_DRAIN	(1 << 3)
#define GPIOF_OPEN_SOURCE	(1 << 4)
#define GPIOF_EXPORT		(1 << 5)
#define GPIOF_EXPORT_CHANGEABLE	(1 << 6)
#define GPIOF_EXPORT_DIR_FIXED	(GPIOF_EXPORT)
#define GPIOF_EXPORT_DIR_CHANGEABLE (GPIOF_EXPORT | GPIOF_EXPORT_CHANGEABLE)

#define ARCH_NR_GPIOS		512

/* One GPIO for gpio_request_array: its number, GPIOF_* flags and label. */
struct gpio {
	unsigned	gpio;
	unsigned long	flags;
	const char	*label;
};

static inline bool gpio_is_valid(int number)
{
	return number >= 0 && number < ARCH_NR_GPIOS;
}

#ifdef __cplusplus
extern "C" {
#endif
/* Requests: -EPROBE_DEFER for a valid number no chip has, -EBUSY if taken. May sleep. */
int gpio_request(unsigned gpio, const char *label);
int gpio_request_one(unsigned gpio, unsigned long flags, const char *label);
int gpio_request_array(const struct gpio *array, size_t num);
void gpio_free(unsigned gpio);
void gpio_free_array(const struct gpio *array, size_t num);
/* Export to sysfs: not implemented (reports). */
int gpio_export(unsigned gpio, bool direction_may_change);
void gpio_unexport(unsigned gpio);
#ifdef __cplusplus
}
#endif

static inline int gpio_direction_input(unsigned gpio)
{
	return gpiod_direction_input(gpio_to_desc(gpio));
}

static inline int gpio_direction_output(unsigned gpio, int value)
{
	return gpiod_direction_output_raw(gpio_to_desc(gpio), value);
}

static inline int gpio_set_debounce(unsigned gpio, unsigned debounce)
{
	(void)gpio;
	(void)debounce;
	return -ENOTSUPP;
}

static inline int gpio_get_value(unsigned gpio)
{
	return gpiod_get_raw_value(gpio_to_desc(gpio));
}

static inline void gpio_set_value(unsigned gpio, int value)
{
	gpiod_set_raw_value(gpio_to_desc(gpio), value);
}

static inline int gpio_get_value_cansleep(unsigned gpio)
{
	return gpio_get_value(gpio);
}

static inline void gpio_set_value_cansleep(unsigned gpio, int value)
{
	gpio_set_value(gpio, value);
}

static inline int gpio_cansleep(unsigned gpio)
{
	return gpiod_cansleep(gpio_to_desc(gpio));
}

static inline int gpio_to_irq(unsigned gpio)
{
	return gpiod_to_irq(gpio_to_desc(gpio));
}

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/compiler.h"
#include "linux/device.h"
#include "linux/irq.h"
#include "linux/of.h"
#include "linux/seq_file.h"
#endif

#endif
