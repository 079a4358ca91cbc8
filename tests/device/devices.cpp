// Classes, devices and misc devices (shim/src/device/devices.cpp): /dev nodes, misc minors as 6.1 hands them out.
#include <catch2/catch.hpp>

#include <string>

#include "fs/vfs.hpp"
#include "kernel.hpp"
#include "kshim/testing.hpp"

#include "linux/fs.h"
#include "linux/miscdevice.h"

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
