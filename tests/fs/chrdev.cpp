// Char-device numbers (shim/src/fs/chrdev.cpp): 6.1's dynamic majors, region conflicts and limits, cdev lookup, /proc/devices.
#include <catch2/catch.hpp>


#include <string>

#include "kshim/testing.hpp"

#include "linux/cdev.h"
#include "linux/fs.h"
#include "linux/kdev_t.h"

namespace {
const struct file_operations no_fops = {};
}

TEST_CASE("Dynamic majors count down from 254 to 234, then from 511", "[fs]")
{
    kshim::testing::TestKernel k;
    long r = k.run_task([] {
        long bad = 0;
        for (int want = 254; want >= 234; --want)
            bad += register_chrdev(0, "dyn", &no_fops) != want;
        bad += register_chrdev(0, "dyn", &no_fops) != 511;
        dev_t d = 0;
        bad += alloc_chrdev_region(&d, 3, 2, "dyn2") != 0 || MAJOR(d) != 510 || MINOR(d) != 3;
        unregister_chrdev(250, "dyn");
        bad += register_chrdev(0, "again", &no_fops) != 250;   // a freed slot is found again
        return bad;
    });
    CHECK(r == 0);
}

TEST_CASE("Regions that overlap are -EBUSY, a major over 511 or too many minors -EINVAL with 6.1's message", "[fs]")
{
    kshim::testing::TestKernel k;
    long r = k.run_task([] {
        long bad = register_chrdev_region(MKDEV(200, 0), 4, "a") != 0;
        bad += register_chrdev_region(MKDEV(200, 3), 2, "b") != -EBUSY;
        bad += register_chrdev_region(MKDEV(200, 4), 2, "c") != 0;   // adjacent is fine
        bad += register_chrdev(200, "d", &no_fops) != -EBUSY;        // wants minors 0..255
        bad += register_chrdev(512, "e", &no_fops) != -EINVAL;
        bad += alloc_chrdev_region(nullptr, 1, MINORMASK + 1, "f") != -EINVAL;
        unregister_chrdev_region(MKDEV(200, 0), 4);
        bad += register_chrdev_region(MKDEV(200, 0), 4, "g") != 0;
        bad += register_chrdev(300, "h", &no_fops) != 0;             // a static major: 0
        return bad;
    });
    CHECK(r == 0);
    CHECK(k.log_contains("CHRDEV \"e\" major requested (512) is greater than the maximum (511)"));
    CHECK(k.log_contains("CHRDEV \"f\" minor range requested (1-1048576) is out of range of maximum range (0-1048575) for a single major"));
}

TEST_CASE("A device node opens the cdev that covers its number; none gives ENXIO; cdev_del stops new opens", "[fs]")
{
    kshim::testing::TestKernel k;
    static struct cdev c;
    static int opens;
    static const struct file_operations fops = {
        .open = [](struct inode *inode, struct file *) { opens += imajor(inode) * 1000 + iminor(inode); return 0; },
    };
    k.run_task([] {
        cdev_init(&c, &fops);
        return (long)cdev_add(&c, MKDEV(240, 2), 2);
    });
    auto &u = k.user();
    REQUIRE(k.make_device_node("/dev/c2", MKDEV(240, 2)) == 0);
    REQUIRE(k.make_device_node("/dev/c4", MKDEV(240, 4)) == 0);
    auto fd = u.open("/dev/c2");
    CHECK(fd.ret >= 0);
    CHECK(opens == 240002);
    CHECK(u.open("/dev/c4").err == ENXIO);
    k.run_task([] {
        cdev_del(&c);
        return 0L;
    });
    CHECK(u.open("/dev/c2").err == ENXIO);
    CHECK(u.close(fd.ret).ret == 0);   // the open file outlives cdev_del
}
