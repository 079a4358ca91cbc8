// The device-model entry points (shim/src/device/device_api.cpp): classes and devices work, the loud stubs fail as the kernel fails.
#include <catch2/catch.hpp>

#include <string>

#include "kshim/testing.hpp"

#include "linux/device.h"
#include "linux/input.h"
#include "linux/kobject.h"
#include "linux/miscdevice.h"
#include "linux/platform_device.h"
#include "linux/tty.h"

TEST_CASE("class_create makes /sys/class/NAME and device_create the /dev node; a taken class name is -EEXIST", "[device]")
{
    kshim::testing::TestKernel k;
    long r = k.run_task([] {
        struct kshim_class *cls = class_create(nullptr, "x");
        struct kshim_class *again = class_create(nullptr, "x");
        struct device *dev = device_create(cls, nullptr, MKDEV(240, 0), nullptr, "x%d", 0);
        long bad = IS_ERR(cls) || !IS_ERR(again) || PTR_ERR(again) != -EEXIST || IS_ERR(dev);
        bad += std::string(dev_name(dev)) != "x0" || dev->devt != MKDEV(240, 0);
        device_destroy(cls, MKDEV(240, 0));
        class_destroy(cls);
        return bad;
    });
    CHECK(r == 0);
    CHECK(k.bugs() == 0);
}

TEST_CASE("platform and input registration fail with -ENOMEM or NULL", "[device]")
{
    kshim::testing::TestKernel k;
    long r = k.run_task([] {
        struct platform_driver drv = {};
        long bad = 0;
        bad += platform_driver_register(&drv) != -ENOMEM;
        bad += input_allocate_device() != nullptr;
        return bad;
    });
    CHECK(r == 0);
    CHECK(k.log_contains("kshim: platform_driver_register is not implemented"));
    CHECK(k.log_contains("kshim: input_allocate_device is not implemented"));
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
