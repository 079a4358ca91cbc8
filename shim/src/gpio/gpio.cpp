// The simulated GPIO controller: requesting lines, directions and levels, edges raised on the interrupt controller.
#include "gpio/gpio.hpp"

#include "irq/irq.hpp"
#include "kernel.hpp"

#include "linux/errno.h"
#include "linux/gpio.h"
#include "linux/interrupt.h"

namespace kshim {

Gpio::Gpio(Kernel &k) : k_(k), lines_(kLines)
{
    for (unsigned i = 0; i < kLines; ++i)
        lines_[i].line = i;
}

Gpio::~Gpio()
{
    for (Drive &d : drives_)
        k_.timers().del(&d.timer);
}

gpio_desc *Gpio::to_desc(int gpio) { return gpio >= 0 && gpio < (int)kLines ? &lines_[(unsigned)gpio] : nullptr; }

int Gpio::request_legacy(int gpio, const char *label)
{
    gpio_desc *d = to_desc(gpio);
    if (!d && gpio >= 0 && gpio < kArchNrGpios)
        return -EPROBE_DEFER;
    return request(d, label);
}

int Gpio::request(gpio_desc *d, const char *label)
{
    if (!d)
        return 0;   // 6.1's VALIDATE_DESC: a NULL desc is "optional"
    if (d->requested)
        return -EBUSY;
    d->requested = true;
    d->label = label ? label : "?";
    return 0;
}

void Gpio::free(gpio_desc *d)
{
    if (!d || !d->requested)
        return;
    d->requested = false;
    d->active_low = false;
    d->label = nullptr;
}

int Gpio::request_one(int gpio, unsigned long flags, const char *label)
{
    gpio_desc *d = to_desc(gpio);
    if (!d && gpio >= 0 && gpio < kArchNrGpios)
        return -EPROBE_DEFER;
    if (int err = request(d, label))
        return err;
    if (!d)
        return 0;
    d->active_low = flags & GPIOF_ACTIVE_LOW;
    if (flags & GPIOF_DIR_IN)
        return direction_input(d);
    return direction_output_raw(d, (flags & GPIOF_INIT_HIGH) ? 1 : 0);
}

int Gpio::request_array(const struct gpio *array, size_t num)
{
    for (size_t i = 0; i < num; ++i) {
        int err = request_one((int)array[i].gpio, array[i].flags, array[i].label);
        if (err) {
            free_array(array, i);
            return err;
        }
    }
    return 0;
}

void Gpio::free_array(const struct gpio *array, size_t num)
{
    while (num--)
        free(to_desc((int)array[num].gpio));
}

int Gpio::direction_input(gpio_desc *d)
{
    if (!d)
        return 0;
    int before = get_raw(d);
    d->output = false;
    changed(*d, before);
    return 0;
}

int Gpio::direction_output_raw(gpio_desc *d, int value)
{
    if (!d)
        return 0;
    int before = get_raw(d);
    d->output = true;
    d->out = value ? 1 : 0;
    changed(*d, before);
    return 0;
}

int Gpio::get_raw(const gpio_desc *d) const
{
    if (!d)
        return 0;
    return d->output ? d->out : d->ext;
}

void Gpio::set_raw(gpio_desc *d, int value)
{
    if (!d || !d->output)
        return;   // an input's level is the outside world's
    int before = d->out;
    d->out = value ? 1 : 0;
    changed(*d, before);
}

int Gpio::to_irq(const gpio_desc *d) const { return d ? (int)(kIrqBase + d->line) : -EINVAL; }

// An edge (or a level reached) on d raises its interrupt when the line's trigger asks for it.
// Any context.
void Gpio::changed(const gpio_desc &d, int before)
{
    const int now = get_raw(&d);
    if (now == before)
        return;
    const unsigned irq = kIrqBase + d.line;
    const unsigned long trig = k_.irqs().trigger_of(irq);
    const unsigned long want = now ? (IRQF_TRIGGER_RISING | IRQF_TRIGGER_HIGH) : (IRQF_TRIGGER_FALLING | IRQF_TRIGGER_LOW);
    if (trig & want)
        k_.irqs().raise(irq);
}

void Gpio::drive(unsigned line, int value)
{
    if (line >= kLines)
        return;
    gpio_desc &d = lines_[line];
    int before = get_raw(&d);
    d.ext = value ? 1 : 0;
    changed(d, before);
}

int Gpio::level(unsigned line) const { return line < kLines ? get_raw(&lines_[line]) : -1; }

void Gpio::drive_at(unsigned line, int value, uint64_t ns)
{
    Drive &d = drives_.emplace_back();
    d.self = this;
    d.line = line;
    d.value = value;
    d.timer.fn = &Gpio::drive_fire;
    d.timer.owner = &d;
    k_.timers().add(&d.timer, ns);
}

void Gpio::drive_fire(Timer *t)
{
    Drive *d = static_cast<Drive *>(t->owner);
    d->self->drive(d->line, d->value);
}

}  // namespace kshim
