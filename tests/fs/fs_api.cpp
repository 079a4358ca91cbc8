// The file-system entry points (shim/src/fs/fs_api.cpp): each reports itself and fails as the kernel fails; the uapi numbering matches 6.1.
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
#include "linux/utsname.h"

#include "generated/utsrelease.h"

using namespace kshim_test;

TEST_CASE("Char-device registration reports itself and fails with -ENOMEM", "[fs]")
{
    kshim::testing::TestKernel k;
    long r = k.run_task([] {
        dev_t dev = 0;
        struct cdev c;
        long bad = 0;
        bad += register_chrdev(0, "x", nullptr) != -ENOMEM;
        bad += alloc_chrdev_region(&dev, 0, 1, "x") != -ENOMEM;
        bad += cdev_add(&c, dev, 1) != -ENOMEM;
        return bad;
    });
    CHECK(r == 0);
    CHECK(k.log_contains("kshim: register_chrdev is not implemented"));
    CHECK(k.log_contains("kshim: alloc_chrdev_region is not implemented"));
    CHECK(k.log_contains("kshim: cdev_add is not implemented"));
    CHECK(k.bugs() == 3);
}

TEST_CASE("proc, debugfs and sysfs creators fail the way their callers check: NULL, ERR_PTR, -ENOMEM", "[fs]")
{
    kshim::testing::TestKernel k;
    long r = k.run_task([] {
        long bad = 0;
        bad += proc_create("x", 0444, nullptr, nullptr) != nullptr;
        struct dentry *d = debugfs_create_dir("x", nullptr);
        bad += !IS_ERR(d) || PTR_ERR(d) != -ENOMEM;
        struct attribute a = {"x", 0444};
        bad += sysfs_create_file(nullptr, &a) != -ENOMEM;
        return bad;
    });
    CHECK(r == 0);
    CHECK(k.log_contains("kshim: proc_create is not implemented"));
    CHECK(k.log_contains("kshim: debugfs_create_dir is not implemented"));
    CHECK(k.log_contains("kshim: sysfs_create_file is not implemented"));
}

TEST_CASE("User-memory copies report themselves and copy nothing, so callers return -EFAULT", "[fs]")
{
    kshim::testing::TestKernel k;
    long r = k.run_task([] {
        char buf[8] = "kernel";
        int v = 5;
        long bad = 0;
        bad += copy_to_user(reinterpret_cast<void *>(buf), "user", 5) != 5;
        bad += copy_from_user(buf, reinterpret_cast<const void *>("user"), 5) != 5;
        bad += std::string(buf) != "kernel";
        bad += get_user(v, reinterpret_cast<int *>(buf)) != -EFAULT;
        bad += v != 0;
        bad += put_user(7, reinterpret_cast<int *>(buf)) != -EFAULT;
        return bad;
    });
    CHECK(r == 0);
    CHECK(k.log_contains("kshim: copy_to_user is not implemented"));
    CHECK(k.log_contains("kshim: get_user is not implemented"));
    CHECK(k.log_contains("kshim: put_user is not implemented"));
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

TEST_CASE("A tutorial-style module whose proc_create fails takes its error path and insmod reports -ENOMEM", "[fs]")
{
    ProcResult r = run_process({test_runner("proc_refused"), "--time", "virtual", "--run-for", "1s"});
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 1);
    std::vector<std::string> got = texts_of(r.out + r.err);
    long chrdev = find_line(got, "kshim: register_chrdev is not implemented");
    long failed = find_line(got, "Registering char device failed with -12");
    long proc = find_line(got, "kshim: proc_create is not implemented");
    long error = find_line(got, "Error:Could not initialize /proc/proc_refused");
    CHECK(chrdev >= 0);
    CHECK(chrdev < failed);
    CHECK(failed < proc);
    CHECK(proc < error);
    CHECK((r.out + r.err).find("insmod: ERROR: could not insert module proc_refused: Cannot allocate memory") !=
          std::string::npos);
}
