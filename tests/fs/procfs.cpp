// procfs registration (shim/src/fs/procfs.cpp): paths, taken names, removal with open files, seq_file-backed creators, size and owner.
#include <catch2/catch.hpp>

#include <string>

#include "fs/vfs.hpp"
#include "kernel.hpp"
#include "kshim/testing.hpp"

#include "linux/fs.h"
#include "linux/proc_fs.h"

using kshim::testing::TestKernel;

namespace {
std::string mod(const char *name) { return std::string(KSHIM_TEST_MODULES) + "/" + name + ".ko"; }
const struct proc_ops empty_ops = {};
}

TEST_CASE("proc_create refuses a taken name with 6.1's WARNING and creates files under a path of existing dirs", "[fs]")
{
    TestKernel k;
    long r = k.run_task([] {
        struct proc_dir_entry *d = proc_mkdir("pdir", nullptr);
        long bad = !d || !proc_create("a", 0, d, &empty_ops) || !proc_create("pdir/b", 0600, nullptr, &empty_ops);
        bad += proc_create("a", 0444, d, &empty_ops) != nullptr;
        bad += proc_create("nodir/c", 0444, nullptr, &empty_ops) != nullptr;
        proc_set_size(d, 0);
        return bad;
    });
    CHECK(r == 0);
    CHECK(k.log_contains("proc_dir_entry 'pdir/a' already registered"));
    CHECK(k.warnings() == 1);
    kshim::Node *a = k.kernel().fs().lookup("/proc/pdir/a");
    REQUIRE(a);
    CHECK(a->inode->i_mode == (S_IFREG | 0444));   // no permission bits: 0444
    CHECK(k.kernel().fs().lookup("/proc/pdir/b")->inode->i_mode == (S_IFREG | 0600));
    k.run_task([] {
        remove_proc_entry("nothere", nullptr);
        return (long)remove_proc_subtree("pdir", nullptr);
    });
    CHECK(k.log_contains("name 'nothere'"));
    CHECK(k.kernel().fs().lookup("/proc/pdir") == nullptr);
}

TEST_CASE("proc_create_single and proc_create_seq read through seq_file as on the real kernel", "[fs]")
{
    TestKernel k;
    REQUIRE(k.load(mod("proc_seq")) == 0);
    auto &u = k.user("cat");
    int fd = u.open("/proc/kshim_hello", 0).ret;
    CHECK(u.read(fd, 4096).data == "hello from proc_seq\n");
    CHECK(u.read(fd, 4096).ret == 0);
    CHECK(u.close(fd).ret == 0);
    fd = u.open("/proc/kshim_items", 0).ret;
    CHECK(u.read(fd, 4096).data == "item 0\nitem 1\nitem 2\n");
    CHECK(u.lseek(fd, 0, 0).ret == 0);
    CHECK(u.read(fd, 10).data == "item 0\nite");
    CHECK(u.read(fd, 4096).data == "m 1\nitem 2\n");
    CHECK(u.close(fd).ret == 0);
    CHECK(k.unload("proc_seq").error == 0);
    CHECK(k.bugs() == 0);
}
