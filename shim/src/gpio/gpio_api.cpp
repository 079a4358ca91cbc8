// GPIO entry points (legacy gpio_* and gpiod_*): bridges into the simulated chip, kshim::Gpio.
#include "gpio/gpio.hpp"
#include "kernel.hpp"

#include "linux/err.h"
#include "linux/gpio.h"
#include "linux/gpio/consumer.h"

using kshim::Gpio;
using kshim::Kernel;

namespace {
Gpio &chip() { return Kernel::get().gpio(); }
}  // namespace

extern "C" {

struct gpio_desc *gpio_to_desc(unsigned gpio) { return chip().to_desc((int)gpio); }
int desc_to_gpio(const struct gpio_desc *desc) { return Gpio::to_gpio(desc); }
int gpio_request(unsigned gpio, const char *label) { return chip().request_legacy((int)gpio, label); }
int gpio_request_one(unsigned gpio, unsigned long flags, const char *label) { return chip().request_one((int)gpio, flags, label); }
int gpio_request_array(const struct gpio *array, size_t num) { return chip().request_array(array, num); }
void gpio_free(unsigned gpio) { chip().free(chip().to_desc((int)gpio)); }
void gpio_free_array(const struct gpio *array, size_t num) { chip().free_array(array, num); }
int gpio_export(unsigned gpio, bool direction_may_change)
{
    (void)gpio, (void)direction_may_change;
    return kshim_not_implemented("gpio_export");
}
void gpio_unexport(unsigned gpio) { (void)gpio, (void)kshim_not_implemented("gpio_unexport"); }

int gpiod_direction_input(struct gpio_desc *desc) { return chip().direction_input(desc); }
int gpiod_direction_output(struct gpio_desc *desc, int value) { return chip().direction_output(desc, value); }
int gpiod_direction_output_raw(struct gpio_desc *desc, int value) { return chip().direction_output_raw(desc, value); }
int gpiod_get_direction(struct gpio_desc *desc) { return Gpio::direction_of(desc); }
int gpiod_get_value(const struct gpio_desc *desc) { return chip().get_value(desc); }
int gpiod_get_raw_value(const struct gpio_desc *desc) { return chip().get_raw(desc); }
void gpiod_set_value(struct gpio_desc *desc, int value) { chip().set_value(desc, value); }
void gpiod_set_raw_value(struct gpio_desc *desc, int value) { chip().set_raw(desc, value); }
// The simulated chip never sleeps: the _cansleep forms are the plain ones.
int gpiod_get_value_cansleep(const struct gpio_desc *desc) { return chip().get_value(desc); }
void gpiod_set_value_cansleep(struct gpio_desc *desc, int value) { chip().set_value(desc, value); }
int gpiod_is_active_low(const struct gpio_desc *desc) { return Gpio::is_active_low(desc); }
int gpiod_cansleep(const struct gpio_desc *desc) { return (void)desc, 0; }
int gpiod_to_irq(const struct gpio_desc *desc) { return chip().to_irq(desc); }
int gpiod_set_consumer_name(struct gpio_desc *desc, const char *name) { return Gpio::set_label(desc, name); }

struct gpio_desc *gpiod_get(struct device *dev, const char *con_id, enum gpiod_flags flags)
{
    (void)dev, (void)con_id, (void)flags;
    return static_cast<struct gpio_desc *>(ERR_PTR(kshim_not_implemented("gpiod_get")));
}
struct gpio_desc *gpiod_get_optional(struct device *dev, const char *con_id, enum gpiod_flags flags)
{
    (void)dev, (void)con_id, (void)flags;
    return static_cast<struct gpio_desc *>(ERR_PTR(kshim_not_implemented("gpiod_get_optional")));
}
struct gpio_desc *gpiod_get_index(struct device *dev, const char *con_id, unsigned int idx, enum gpiod_flags flags)
{
    (void)dev, (void)con_id, (void)idx, (void)flags;
    return static_cast<struct gpio_desc *>(ERR_PTR(kshim_not_implemented("gpiod_get_index")));
}
void gpiod_put(struct gpio_desc *desc) { chip().free(desc); }

}  // extern "C"
