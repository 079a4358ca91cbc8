// Classes, devices and misc devices (shim/src/device/devices.cpp): /dev nodes, misc minors as 6.1 hands them out.
#include <catch2/catch.hpp>

#include <string>

#include "fs/vfs.hpp"
#include "kernel.hpp"
#include "kshim/testing.hpp"

#include "linux/fs.h"
#include "linux/miscdevice.h"
#include "linux/device.h"
#include "linux/err.h"
#include "linux/slab.h"

namespace {
const struct file_operations no_fops = {};
struct miscdevice m1 = {MISC_DYNAMIC_MINOR, "m1", &no_fops};
struct miscdevice m2 = {MISC_DYNAMIC_MINOR, "m2", &no_fops};
struct miscdevice m3 = {64, "m3", &no_fops};
struct miscdevice m4 = {64, "m4", &no_fops};
}

TEST_CASE("misc_register takes minors 127 down, refuses a taken one with -EBUSY, and makes the /dev node", "[device]")
{
    kshim::testing::TestKernel k;
    m1.minor = m2.minor = MISC_DYNAMIC_MINOR;
    long r = k.run_task([] {
        long bad = misc_register(&m1) != 0 || m1.minor != 127;
        bad += misc_register(&m2) != 0 || m2.minor != 126;
        bad += misc_register(&m3) != 0 || misc_register(&m4) != -EBUSY;
        bad += m1.this_device == nullptr || m1.this_device->devt != MKDEV(10, 127);
        return bad;
    });
    CHECK(r == 0);
    kshim::Node *n = k.kernel().fs().lookup("/dev/m2");
    REQUIRE(n);
    CHECK(n->inode->i_rdev == MKDEV(10, 126));
    CHECK(n->inode->i_mode == (S_IFCHR | 0600));
    k.run_task([] {
        misc_deregister(&m1);
        misc_deregister(&m2);
        misc_deregister(&m3);
        return (long)misc_register(&m1);   // 127 is free again
    });
    CHECK(m1.minor == 127);
    CHECK(k.kernel().fs().lookup("/dev/m2") == nullptr);
    CHECK(k.kernel().fs().lookup("/sys/class/misc/m1") != nullptr);
}

TEST_CASE("root_device_register makes /sys/devices/NAME, refuses a taken name, and its managed memory goes with it", "[device]")
{
    kshim::testing::TestKernel k;
    size_t before = k.live_allocations();
    static struct device *root;
    long r = k.run_task([] {
        root = root_device_register("kshim_root");
        long bad = IS_ERR_OR_NULL(root);
        bad += PTR_ERR(root_device_register("kshim_root")) != -EEXIST;
        void *a = devm_kmalloc(root, 32, GFP_KERNEL);
        void *b = devm_kzalloc(root, 64, GFP_KERNEL);
        bad += a == nullptr || b == nullptr || ((char *)b)[63] != 0;
        bad += devm_kmalloc(root, 0, GFP_KERNEL) != ZERO_SIZE_PTR;
        devm_kfree(root, a);   // released early; b stays until the device goes
        return bad;
    });
    CHECK(r == 0);
    CHECK(k.kernel().fs().lookup("/sys/devices/kshim_root") != nullptr);
    CHECK(k.live_allocations() == before + 1);
    k.run_task([] {
        root_device_unregister(root);
        return 0L;
    });
    CHECK(k.kernel().fs().lookup("/sys/devices/kshim_root") == nullptr);
    CHECK(k.live_allocations() == before);
    CHECK(k.warnings() == 0);
}

TEST_CASE("devm_kfree of memory the device does not manage warns as 6.1 does", "[device]")
{
    kshim::testing::TestKernel k;
    k.run_task([] {
        struct device *root = root_device_register("kshim_root2");
        void *p = kmalloc(16, GFP_KERNEL);
        devm_kfree(root, p);
        devm_kfree(root, nullptr);   // NULL and ZERO_SIZE_PTR are ignored
        kfree(p);
        root_device_unregister(root);
        return 0L;
    });
    CHECK(k.warnings() == 1);
    CHECK(k.log_contains("at drivers/base/devres.c:1073"));
}
