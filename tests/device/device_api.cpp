// The device-model entry points (shim/src/device/device_api.cpp): each reports itself and fails as the kernel fails.
#include <catch2/catch.hpp>

#include "kshim/testing.hpp"

#include "linux/device.h"
#include "linux/input.h"
#include "linux/kobject.h"
#include "linux/miscdevice.h"
#include "linux/platform_device.h"
#include "linux/tty.h"

TEST_CASE("class_create and device_create report themselves and return ERR_PTR(-ENOMEM)", "[device]")
{
    kshim::testing::TestKernel k;
    long r = k.run_task([] {
        struct kshim_class *cls = class_create(nullptr, "x");
        struct device *dev = device_create(cls, nullptr, MKDEV(240, 0), nullptr, "x%d", 0);
        return (IS_ERR(cls) && PTR_ERR(cls) == -ENOMEM && IS_ERR(dev) && PTR_ERR(dev) == -ENOMEM) ? 0L : 1L;
    });
    CHECK(r == 0);
    CHECK(k.log_contains("kshim: class_create is not implemented"));
    CHECK(k.log_contains("kshim: device_create is not implemented"));
    CHECK(k.bugs() == 2);
}

TEST_CASE("misc, platform, input and kobject registration fail with -ENOMEM or NULL", "[device]")
{
    kshim::testing::TestKernel k;
    long r = k.run_task([] {
        struct miscdevice misc = {};
        struct platform_driver drv = {};
        long bad = 0;
        bad += misc_register(&misc) != -ENOMEM;
        bad += platform_driver_register(&drv) != -ENOMEM;
        bad += input_allocate_device() != nullptr;
        bad += kobject_create_and_add("x", kernel_kobj) != nullptr;
        bad += kset_create_and_add("x", nullptr, kernel_kobj) != nullptr;
        return bad;
    });
    CHECK(r == 0);
    CHECK(k.log_contains("kshim: misc_register is not implemented"));
    CHECK(k.log_contains("kshim: platform_driver_register is not implemented"));
    CHECK(k.log_contains("kshim: input_allocate_device is not implemented"));
    CHECK(k.log_contains("kshim: kobject_create_and_add is not implemented"));
    CHECK(k.log_contains("kshim: kset_create_and_add is not implemented"));
}

TEST_CASE("A task has no controlling terminal: get_current_tty is NULL and reports nothing", "[device]")
{
    kshim::testing::TestKernel k;
    long r = k.run_task([] { return get_current_tty() == nullptr ? 0L : 1L; });
    CHECK(r == 0);
    CHECK(k.bugs() == 0);
}

TEST_CASE("dev_name and dev_driver_string follow 6.1: init_name, then the driver's, bus's or class's name", "[device]")
{
    struct device dev = {};
    dev.init_name = "ttyX0";
    CHECK(std::string(dev_name(&dev)) == "ttyX0");
    CHECK(std::string(dev_driver_string(&dev)) == "");
    struct kshim_class cls = {};
    cls.name = "chardrv";
    dev.kshim_class = &cls;
    CHECK(std::string(dev_driver_string(&dev)) == "chardrv");
    struct bus_type bus = {};
    bus.name = "platform";
    dev.bus = &bus;
    CHECK(std::string(dev_driver_string(&dev)) == "platform");
    struct device_driver drv = {};
    drv.name = "leds-gpio";
    dev.driver = &drv;
    CHECK(std::string(dev_driver_string(&dev)) == "leds-gpio");
}
