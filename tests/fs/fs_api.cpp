// The file-system entry points (shim/src/fs/fs_api.cpp): the loud stubs fail as the kernel fails, uaccess without user memory faults, the uapi numbering matches 6.1.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kshim/testing.hpp"
#include "support/log_match.hpp"
#include "support/subprocess.hpp"

#include "linux/cdev.h"
#include "linux/debugfs.h"
#include "linux/fs.h"
#include "linux/proc_fs.h"
#include "linux/seq_file.h"
#include "linux/sysfs.h"
#include "linux/uaccess.h"
#include "linux/sched.h"
#include "linux/utsname.h"

#include "generated/utsrelease.h"

using namespace kshim_test;

TEST_CASE("The debugfs and sysfs stubs left fail the way their callers check: ERR_PTR, -ENOMEM", "[fs]")
{
    kshim::testing::TestKernel k;
    long r = k.run_task([] {
        long bad = 0;
        struct dentry *d = debugfs_create_symlink("x", nullptr, "y");
        bad += !IS_ERR(d) || PTR_ERR(d) != -ENOMEM;
        struct bin_attribute a = {};
        bad += sysfs_create_bin_file(nullptr, &a) != -ENOMEM;
        return bad;
    });
    CHECK(r == 0);
    CHECK(k.log_contains("kshim: debugfs_create_symlink is not implemented"));
    CHECK(k.log_contains("kshim: sysfs_create_bin_file is not implemented"));
}

TEST_CASE("A kernel task owns no user memory: the copies fault, copy_from_user zeroes what it missed", "[fs]")
{
    kshim::testing::TestKernel k;
    long r = k.run_task([] {
        char buf[8] = "kernel";
        int v = 5;
        long bad = 0;
        bad += copy_to_user(reinterpret_cast<void *>(buf), "user", 5) != 5;
        bad += std::string(buf) != "kernel";
        bad += copy_from_user(buf, reinterpret_cast<const void *>("user"), 5) != 5;
        bad += buf[0] != 0 || buf[4] != 0 || buf[5] != 'l';
        bad += get_user(v, reinterpret_cast<int *>(buf)) != -EFAULT;
        bad += v != 0;
        bad += put_user(7, reinterpret_cast<int *>(buf)) != -EFAULT;
        bad += get_current()->mm != nullptr;
        return bad;
    });
    CHECK(r == 0);
    CHECK(k.bugs() == 0);
}

TEST_CASE("init_uts_ns is 6.1's: the release the shim reports, two references, proc inode 0xEFFFFFFE", "[fs]")
{
    CHECK(std::string(init_uts_ns.name.sysname) == "Linux");
    CHECK(std::string(init_uts_ns.name.release) == UTS_RELEASE);
    CHECK(std::string(init_uts_ns.name.machine) == "x86_64");
    CHECK(utsname() == &init_uts_ns.name);
    CHECK(init_uts_ns.user_ns == &init_user_ns);
    CHECK(init_uts_ns.ns.inum == 0xEFFFFFFEu);
    CHECK(refcount_read(&init_uts_ns.ns.count) == 2);
}

TEST_CASE("A module's ioctl, dev_t, flag, syscall, uts and uid numbers print what Linux 6.1 prints", "[fs]")
{
    ProcResult r = run_process({test_runner("uapi_numbers"), "--time", "virtual", "--run-for", "1s"});
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 0);
    std::vector<std::string> want;
    for (const std::string &line : lines_of(read_file(std::string(KSHIM_ORACLE_LOGS) + "/uapi_numbers.kernel.txt")))
        if (!line.empty() && line[0] == '[')
            want.push_back(strip_timestamp(line));
    REQUIRE(want.size() == 13);
    CHECK(texts_of(r.out + r.err) == want);
}

TEST_CASE("A module calling kallsyms_lookup_name does not load: 6.1 does not export it", "[fs]")
{
    ProcResult r = run_process({test_runner("kallsyms_unexported"), "--time", "virtual", "--run-for", "1s"});
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code != 0);
    CHECK((r.out + r.err).find("kallsyms_unexported: Unknown symbol kallsyms_lookup_name") != std::string::npos);
}
