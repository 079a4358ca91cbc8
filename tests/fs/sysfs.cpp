// Tests for sysfs and kobjects (shim/src/fs/sysfs.cpp): sysfs_kobj against the real kernel, attribute reads and writes, refcounts and release.
#include <catch2/catch.hpp>

#include <string>

#include "fs/sysfs.hpp"
#include "fs/vfs.hpp"
#include "kernel.hpp"
#include "kshim/testing.hpp"
#include "support/oracle.hpp"
#include "support/user_files.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/fcntl.h"
#include "linux/fs.h"
#include "linux/kobject.h"
#include "linux/slab.h"
#include "linux/sysfs.h"

using kshim::testing::SysResult;
using kshim::testing::TestKernel;
using namespace kshim_test;

namespace {
std::string mod(const char *name) { return std::string(KSHIM_TEST_MODULES) + "/" + name + ".ko"; }
const std::string S = "/sys/kernel/sysfs_kobj";
}  // namespace

TEST_CASE("sysfs_kobj's kobject, files and group read and write as on the real kernel", "[fs][sysfs]")
{
    TestKernel k;
    REQUIRE(k.load(mod("sysfs_kobj")) == 0);
    CHECK(k.log_contains("sysfs: cannot create duplicate filename '/kernel/sysfs_kobj/value'"));
    auto &u = k.user("sh");
    CHECK(cat_file(u, S + "/value") == "7\n");
    CHECK(echo_file(u, S + "/value", "42\n").ret == 3);
    CHECK(cat_file(u, S + "/value") == "42\n");
    SysResult bad = echo_file(u, S + "/value", "abc\n");
    CHECK(bad.ret == -1);
    CHECK(bad.err == EINVAL);
    CHECK(cat_file(u, S + "/extra/note") == "note=none\n");
    CHECK(echo_file(u, S + "/extra/note", "hi there\n").ret == 9);
    CHECK(cat_file(u, S + "/extra/note") == "note=hi there\n");
    CHECK(cat_file(u, S + "/extra/wo") == "E" + std::to_string(EACCES));   // no read bit: even root
    CHECK(cat_file(u, S + "/extra/hidden") == "E" + std::to_string(ENOENT));  // is_visible said 0
    CHECK(k.kernel().fs().lookup("/sys/kernel/sysfs_kset") != nullptr);
    CHECK(k.unload("sysfs_kobj").error == 0);
    CHECK(k.kernel().fs().lookup(S) == nullptr);
    CHECK(k.kernel().fs().lookup("/sys/kernel/sysfs_kset") == nullptr);
    CHECK(lines_with_prefix(k.log_texts(), "sysfs_kobj: ") == oracle_module_lines("sysfs_kobj"));
}

TEST_CASE("An attribute read in small pieces runs show() once; a read at offset 0 runs it again", "[fs][sysfs]")
{
    TestKernel k;
    REQUIRE(k.load(mod("sysfs_kobj")) == 0);
    auto &u = k.user();
    CHECK(cat_file(u, S + "/extra/note", 1) == "note=none\n");
    SysResult fd = u.open(S + "/value", O_RDWR);
    REQUIRE(fd.ret >= 0);
    CHECK(u.read(fd.ret, 1).data == "7");
    CHECK(u.write(fd.ret, "9").ret == 1);        // store; the file position moves on
    CHECK(u.read(fd.ret, 10).ret == 0);          // past the page show() gave
    CHECK(u.lseek(fd.ret, 0, SEEK_SET).ret == 0);
    CHECK(u.read(fd.ret, 10).data == "9\n");     // offset 0: show() again
    u.close(fd.ret);
    CHECK(k.unload("sysfs_kobj").error == 0);
}

namespace {
int released;
void count_release(struct kobject *kobj)
{
    released++;
    kfree(kobj);
}
ssize_t big_show(struct kobject *, struct kobj_attribute *, char *buf)
{
    memset(buf, 'x', PAGE_SIZE);
    return PAGE_SIZE;  // too much: the kernel cuts it and complains
}
struct kobj_attribute big_attr = __ATTR(big, 0444, big_show, nullptr);
}  // namespace

TEST_CASE("kobject_put releases on the last reference and removes the directory", "[fs][sysfs]")
{
    TestKernel k;
    k.run_task([&k] {
        static const struct kobj_type ktype = {count_release, &kobj_sysfs_ops};
        auto *ko = static_cast<struct kobject *>(kzalloc(sizeof(struct kobject), GFP_KERNEL));
        released = 0;
        CHECK(kobject_init_and_add(ko, &ktype, kernel_kobj, "kobj_%d", 3) == 0);
        CHECK(k.kernel().sysfs().path_of(ko) == "/sys/kernel/kobj_3");
        CHECK(kobject_get(ko) == ko);
        kobject_put(ko);
        CHECK(released == 0);
        CHECK(k.kernel().fs().lookup("/sys/kernel/kobj_3") != nullptr);
        kobject_put(ko);
        CHECK(released == 1);
        CHECK(k.kernel().fs().lookup("/sys/kernel/kobj_3") == nullptr);
        return 0L;
    });
    CHECK(k.bugs() == 0);
}

TEST_CASE("A second kobject of the same name fails with -EEXIST and 6.1's reports", "[fs][sysfs]")
{
    TestKernel k;
    k.run_task([] {
        struct kobject *a = kobject_create_and_add("twin", kernel_kobj);
        REQUIRE(a != nullptr);
        CHECK(kobject_create_and_add("twin", kernel_kobj) == nullptr);
        kobject_put(a);
        return 0L;
    });
    CHECK(k.log_contains("sysfs: cannot create duplicate filename '/kernel/twin'"));
    CHECK(k.log_contains("kobject_add_internal failed for twin with -EEXIST, don't try to register things with the same name in the same directory."));
    CHECK(k.log_contains("kobject_create_and_add: kobject_add error: -17"));
    CHECK(k.live_allocations() == 0);
}

TEST_CASE("kobject_add before kobject_init and kobject_put on a stranger are reported", "[fs][sysfs]")
{
    TestKernel k;
    k.run_task([] {
        static struct kobject ko;
        CHECK(kobject_add(&ko, nullptr, "early") == -EINVAL);
        kobject_put(&ko);
        return 0L;
    });
    CHECK(k.log_contains("tried to add an uninitialized object, something is seriously wrong."));
    CHECK(k.log_contains("is not initialized, yet kobject_put() is being called."));
    CHECK(k.warnings() >= 1);
}

TEST_CASE("A show() that returns a whole page is cut to PAGE_SIZE - 1 with 6.1's complaint", "[fs][sysfs]")
{
    TestKernel k;
    struct kobject *ko = nullptr;
    k.run_task([&ko] {
        ko = kobject_create_and_add("bigshow", kernel_kobj);
        return (long)sysfs_create_file(ko, &big_attr.attr);
    });
    auto &u = k.user();
    CHECK(cat_file(u, "/sys/kernel/bigshow/big").size() == PAGE_SIZE - 1);
    CHECK(k.log_contains("fill_read_buffer: "));
    CHECK(k.log_contains("returned bad count"));
    k.run_task([ko] {
        kobject_put(ko);
        return 0L;
    });
}

TEST_CASE("sysfs_notify counts on the attribute it names", "[fs][sysfs]")
{
    TestKernel k;
    REQUIRE(k.load(mod("sysfs_kobj")) == 0);
    auto &u = k.user();
    CHECK(echo_file(u, S + "/value", "5").ret == 1);
    kshim::Node *n = k.kernel().fs().lookup(S);
    REQUIRE(n != nullptr);
    struct kobject *ko = nullptr;
    k.run_task([&ko] {
        ko = kobject_create_and_add("notified", kernel_kobj);
        static struct kobj_attribute a = __ATTR(a, 0444, nullptr, nullptr);
        sysfs_create_file(ko, &a.attr);
        sysfs_notify(ko, nullptr, "a");
        sysfs_notify(ko, nullptr, "a");
        sysfs_notify(ko, nullptr, "missing");
        return 0L;
    });
    CHECK(k.kernel().sysfs().notifications(ko, "a") == 2);
    k.run_task([ko] {
        kobject_put(ko);
        return 0L;
    });
    CHECK(k.unload("sysfs_kobj").error == 0);
}

TEST_CASE("The standard parents exist: kernel_kobj, mm_kobj, firmware_kobj, power_kobj", "[fs][sysfs]")
{
    TestKernel k;
    kshim::Sysfs &s = k.kernel().sysfs();
    CHECK(s.path_of(kernel_kobj) == "/sys/kernel");
    CHECK(s.path_of(mm_kobj) == "/sys/kernel/mm");
    CHECK(s.path_of(firmware_kobj) == "/sys/firmware");
    CHECK(s.path_of(power_kobj) == "/sys/power");
    CHECK(s.path_of(hypervisor_kobj) == "/sys/hypervisor");
}
