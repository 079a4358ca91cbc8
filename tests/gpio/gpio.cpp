// Tests for the simulated GPIO chip (shim/src/gpio/gpio.cpp): requests and their errors, levels, edge interrupts, the runner's --gpio.
#include <string>
#include <vector>

#include "gpio/gpio.hpp"
#include "kshim/testing.hpp"
#include "support/log_match.hpp"
#include "support/oracle.hpp"

#include "linux/gpio.h"
#include "linux/gpio/consumer.h"
#include "linux/interrupt.h"

#undef WARN
#include <catch2/catch.hpp>

using kshim::testing::TestKernel;
using kshim_test::ProcResult;

TEST_CASE("gpio_request gives 6.1's codes: 0, -EBUSY when taken, -EPROBE_DEFER for a valid number no chip has", "[gpio]")
{
    TestKernel k;
    std::vector<long> got;
    k.run_task([&got] {
        got.push_back(gpio_request(5, "a"));
        got.push_back(gpio_request(5, "b"));
        got.push_back(gpio_request(200, "c"));
        got.push_back(gpio_request(600, "d"));   // not even valid: 6.1's NULL desc is "optional"
        got.push_back(gpio_is_valid(511));
        got.push_back(gpio_is_valid(512));
        gpio_free(5);
        got.push_back(gpio_request(5, "e"));
        gpio_free(5);
        gpio_free(5);   // a line not requested: silent
        return 0L;
    });
    CHECK(got == std::vector<long>{0, -EBUSY, -EPROBE_DEFER, 0, 1, 0, 0});
    CHECK(k.warnings() == 0);
}

TEST_CASE("gpio_request_array takes all lines or none", "[gpio]")
{
    TestKernel k;
    static struct gpio pins[] = {{1, GPIOF_OUT_INIT_HIGH, "x"}, {2, GPIOF_IN, "y"}, {1, GPIOF_IN, "dup"}};
    std::vector<long> got;
    k.run_task([&got] {
        got.push_back(gpio_request_array(pins, 3));
        got.push_back(gpio_request(1, "free again"));
        got.push_back(gpio_request(2, "free again"));
        gpio_free(1);
        gpio_free(2);
        got.push_back(gpio_request_array(pins, 2));
        got.push_back(gpio_get_value(1));
        gpio_free_array(pins, 2);
        return 0L;
    });
    CHECK(got == std::vector<long>{-EBUSY, 0, 0, 0, 1});
}

TEST_CASE("An output reads what it drives, an input what the outside world puts on it", "[gpio]")
{
    TestKernel k;
    k.run_task([] {
        gpio_request_one(3, GPIOF_OUT_INIT_LOW, "led");
        gpio_request_one(7, GPIOF_IN, "button");
        gpio_set_value(3, 1);
        gpio_set_value(7, 1);   // no effect on an input
        return 0L;
    });
    CHECK(k.get_gpio(3) == 1);
    CHECK(k.get_gpio(7) == 0);
    k.set_gpio(7, 1);
    k.set_gpio(3, 0);           // no effect on an output
    CHECK(k.get_gpio(7) == 1);
    CHECK(k.get_gpio(3) == 1);
    long v = k.run_task([] { return (long)gpio_get_value(7); });
    CHECK(v == 1);
    CHECK(k.get_gpio(99) == -1);
}

TEST_CASE("The gpiod forms map to the same lines; active-low inverts the logical value only", "[gpio]")
{
    TestKernel k;
    std::vector<long> got;
    k.run_task([&got] {
        struct gpio_desc *d = gpio_to_desc(9);
        got.push_back(desc_to_gpio(d));
        got.push_back(gpio_to_desc(64) == nullptr);
        gpio_request_one(9, GPIOF_OUT_INIT_HIGH | GPIOF_ACTIVE_LOW, "inv");
        got.push_back(gpiod_get_raw_value(d));
        got.push_back(gpiod_get_value(d));
        gpiod_set_value(d, 1);
        got.push_back(gpiod_get_raw_value(d));
        got.push_back(gpiod_get_direction(d));
        gpiod_direction_input(d);
        got.push_back(gpiod_get_direction(d));
        got.push_back(gpiod_to_irq(d) == gpio_to_irq(9));
        got.push_back(gpiod_to_irq(nullptr));
        got.push_back(gpiod_get_value(nullptr));
        gpiod_put(d);
        return 0L;
    });
    CHECK(got == std::vector<long>{9, 1, 1, 0, 0, 0, 1, 1, -EINVAL, 0});
}

namespace {
std::vector<int> edges;
irqreturn_t note_edge(int irq, void *)
{
    edges.push_back(gpio_get_value((unsigned)(irq - kshim::Gpio::kIrqBase)));
    return IRQ_HANDLED;
}
}  // namespace

TEST_CASE("A line's interrupt fires on the edges its trigger type names, in hardirq context", "[gpio]")
{
    TestKernel k;
    edges.clear();
    k.run_task([] {
        gpio_request_one(17, GPIOF_IN, "rising");
        gpio_request_one(18, GPIOF_IN, "both");
        gpio_request_one(19, GPIOF_IN, "none");
        long r = request_irq(gpio_to_irq(17), note_edge, IRQF_TRIGGER_RISING, "r", nullptr);
        r |= request_irq(gpio_to_irq(18), note_edge, IRQF_TRIGGER_RISING | IRQF_TRIGGER_FALLING, "b", nullptr);
        r |= request_irq(gpio_to_irq(19), note_edge, 0, "n", nullptr);
        return r;
    });
    k.set_gpio(17, 1);
    k.set_gpio(17, 1);   // no change, no edge
    k.set_gpio(17, 0);   // falling: not asked for
    k.set_gpio(18, 1);
    k.set_gpio(18, 0);
    k.set_gpio(19, 1);
    CHECK(edges == std::vector<int>{1, 1, 0});
}

TEST_CASE("The gpio_buttons module handles --gpio presses in hardirq and thread context, logging only its own lines", "[gpio]")
{
    ProcResult r = kshim_test::run_test_module("gpio_buttons", "3s",
                                               {"--gpio", "17=1@1s", "--gpio", "17=0@1100ms", "--gpio", "18=1@2s",
                                                "--gpio", "18=0@2200ms"});
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 0);
    CHECK(r.err == "");
    CHECK(r.out ==
          "[    0.000000] gpio_buttons: requested again: -16, out of chip: -517, invalid: 0\n"
          "[    0.000000] gpio_buttons: buttons on irqs 0 and 1, led 0\n"
          "[    1.000000] gpio_buttons: on pressed (1): led 1\n"
          "[    2.200000] gpio_buttons: off pressed: led 0 in_task 1\n"
          "[    3.000000] gpio_buttons: exit: 1 presses, freed gpio_on and gpio_off\n");
}

TEST_CASE("A malformed --gpio or --irq is a usage error naming the option", "[gpio]")
{
    for (const char *bad : {"17", "17=2@1s", "64=1@1s", "17=1@soon", "x=1@1s"}) {
        ProcResult r = kshim_test::run_process({kshim_test::test_runner("gpio_buttons"), "--gpio", bad});
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("invalid value for --gpio: '" + std::string(bad) + "'") != std::string::npos);
    }
    for (const char *bad : {"5", "5@", "5@0s", "128@1s", "5@1sx0", "5@1sxz", "-1@1s"}) {
        ProcResult r = kshim_test::run_process({kshim_test::test_runner("gpio_buttons"), "--irq", bad});
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("invalid value for --irq: '" + std::string(bad) + "'") != std::string::npos);
    }
}
