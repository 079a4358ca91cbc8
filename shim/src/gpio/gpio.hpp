// The simulated GPIO controller: one chip of lines that modules request and drive and the outside world (runner, tests) sets, with edge interrupts.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "time/timer_queue.hpp"

#include "linux/errno.h"

struct gpio;

// One line of the chip (the C API's opaque struct gpio_desc).
struct gpio_desc {
    unsigned line = 0;
    bool requested = false;
    bool output = false;
    bool active_low = false;
    int out = 0;              // the level the line drives as an output
    int ext = 0;              // the level the outside world puts on it (inputs read this)
    const char *label = nullptr;
};

namespace kshim {

class Kernel;

// The chip "kshim-gpio": lines 0..kLines-1 (legacy numbers, base 0), line N's interrupt is
// kIrqBase + N. A line reads its own level when it is an output, the outside level when an
// input; every change of a line's level raises its interrupt if its trigger type asks for
// that edge (IRQF_TRIGGER_RISING/FALLING, or the level types on reaching the level). Nothing
// is logged. Not thread-safe (one host thread); every call is atomic-safe.
class Gpio {
public:
    static constexpr unsigned kLines = 64;
    static constexpr unsigned kIrqBase = 64;
    static constexpr int kArchNrGpios = 512;   // gpio_is_valid's range, as asm-generic/gpio.h

    explicit Gpio(Kernel &k);
    ~Gpio();

    // gpio_to_desc / desc_to_gpio: nullptr for a number no chip has; -1 for nullptr.
    gpio_desc *to_desc(int gpio);
    static int to_gpio(const gpio_desc *d) { return d ? (int)d->line : -1; }
    // gpio_request: -EPROBE_DEFER for a valid number no chip has, -EBUSY if requested.
    int request_legacy(int gpio, const char *label);
    // gpio_request_one: request, flags (GPIOF_*), direction; freed again on failure.
    int request_one(int gpio, unsigned long flags, const char *label);
    // gpio_request_array / gpio_free_array: all or none.
    int request_array(const struct gpio *array, size_t num);
    void free_array(const struct gpio *array, size_t num);
    // gpiod_request / gpiod_free (a free of a line not requested is silent, as 6.1).
    int request(gpio_desc *d, const char *label);
    void free(gpio_desc *d);
    // Directions and values, raw (legacy) and logical (gpiod_*, active-low inverted). A NULL
    // desc is accepted and does nothing (reads 0), as 6.1's VALIDATE_DESC.
    int direction_input(gpio_desc *d);
    int direction_output_raw(gpio_desc *d, int value);
    int get_raw(const gpio_desc *d) const;
    void set_raw(gpio_desc *d, int value);
    int get_value(const gpio_desc *d) const { return d ? get_raw(d) ^ (int)d->active_low : 0; }
    void set_value(gpio_desc *d, int value) { set_raw(d, d ? (value ? 1 : 0) ^ (int)d->active_low : 0); }
    int direction_output(gpio_desc *d, int value) { return direction_output_raw(d, d ? (value ? 1 : 0) ^ (int)d->active_low : 0); }
    // gpiod_get_direction: GPIO_LINE_DIRECTION_OUT (0) or _IN (1); -EINVAL for NULL.
    static int direction_of(const gpio_desc *d) { return d ? (d->output ? 0 : 1) : -EINVAL; }
    static int is_active_low(const gpio_desc *d) { return d ? (int)d->active_low : 0; }
    static int set_label(gpio_desc *d, const char *name) { return d ? (d->label = name, 0) : 0; }
    int to_irq(const gpio_desc *d) const;
    // The outside world: puts value on line (tests' set_gpio, the runner's --gpio); now, or
    // at the absolute time ns. Out-of-range lines are ignored.
    void drive(unsigned line, int value);
    void drive_at(unsigned line, int value, uint64_t ns);
    // The level of line now (tests' get_gpio); -1 out of range.
    int level(unsigned line) const;

private:
    struct Drive {
        Timer timer;
        Gpio *self = nullptr;
        unsigned line = 0;
        int value = 0;
    };
    static void drive_fire(Timer *t);
    void changed(const gpio_desc &d, int before);

    Kernel &k_;
    std::vector<gpio_desc> lines_;
    std::deque<Drive> drives_;
};

}  // namespace kshim
