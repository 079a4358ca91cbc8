// User task memory (shim/src/fs/user_arena.cpp): the PROT_NONE user view and its alias, block reuse, and SMAP's oops for a module that dereferences a user pointer itself.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <regex>
#include <string>

#include "debug/crash.hpp"
#include "debug/safe_read.hpp"
#include "fs/user_arena.hpp"
#include "fs/user_task.hpp"
#include "kshim/testing.hpp"
#include "support/oracle.hpp"
#include "support/subprocess.hpp"

using kshim::testing::SysResult;
using kshim::testing::TestKernel;

namespace {

std::string mod(const char *name) { return std::string(KSHIM_TEST_MODULES) + "/" + name + ".ko"; }

// Runs smap_direct in a child process whose kernel log goes to a pipe and whose crash handler
// is the runner's (an oops ends the process with status 1): a write (the module reads the
// user's buffer) or a read (it stores into it) through the test API. Returns what it printed.
std::string smap_direct_child(bool store, int *status)
{
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        kshim::install_crash_handlers();
        kshim::testing::Config cfg;
        cfg.console_fd = fds[1];
        TestKernel k(cfg);
        if (k.load(mod("smap_direct")) != 0)
            _exit(3);
        auto &u = k.user(store ? "reader" : "writer");
        int fd = (int)u.open("/dev/smap_direct", store ? O_RDONLY : O_WRONLY).ret;
        (void)(store ? u.read(fd, 4) : u.write(fd, "hi"));
        _exit(4);   // not reached: the call oopses
    }
    close(fds[1]);
    std::string out;
    char buf[4096];
    for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;)
        out.append(buf, (size_t)n);
    close(fds[0]);
    waitpid(pid, status, 0);
    return out;
}

}  // namespace

TEST_CASE("A user task's bytes have a user address nothing but the copies can read, and an alias kshim reads", "[fs]")
{
    TestKernel k;
    kshim::UserTask ut(k.kernel(), "arena");
    char *alias = ut.map(16);
    uintptr_t user = ut.user_addr(alias);
    CHECK(user != (uintptr_t)alias);
    char c = 1;
    CHECK(kshim::read_safely(c, alias));
    CHECK(c == 0);   // zeroed
    CHECK_FALSE(kshim::read_safely(c, (const void *)user));
    CHECK(kshim::UserViews::contains(user));
    CHECK_FALSE(kshim::UserViews::contains((uintptr_t)alias));
    CHECK(ut.mm().valid(user, 16) == 16);
    CHECK(ut.mm().valid((uintptr_t)alias, 16) == 0);   // the alias is not user memory
    CHECK(ut.user_addr(&c) == (uintptr_t)&c);          // an address outside the arena stays
    ut.unmap(alias);
    CHECK(ut.mm().valid(user, 1) == 0);
}

TEST_CASE("A freed block is reused zeroed; a block above the largest class has a mapping of its own", "[fs]")
{
    TestKernel k;
    kshim::UserTask ut(k.kernel(), "arena");
    char *a = ut.map(40);
    a[0] = 'x';
    ut.unmap(a);
    char *b = ut.map(64);   // the same size class
    CHECK(b == a);
    CHECK(b[0] == 0);
    char *big = ut.map(1 << 20);
    uintptr_t big_user = ut.user_addr(big);
    CHECK(kshim::UserViews::contains(big_user));
    big[(1 << 20) - 1] = 1;
    ut.unmap(big);
    CHECK_FALSE(kshim::UserViews::contains(big_user));
    ut.unmap(b);
}

TEST_CASE("A module that reaches the user's buffer through copy_from_user and put_user works on the test API's buffers", "[fs]")
{
    TestKernel k;
    REQUIRE(k.load(mod("smap_copy")) == 0);
    auto &u = k.user("sh");
    SysResult fd = u.open("/dev/smap_copy", O_RDWR);
    REQUIRE(fd.ret >= 0);
    CHECK(u.write(fd.ret, "hi\n").ret == 3);
    CHECK(k.log_contains("smap_copy: first byte h"));
    SysResult r = u.read(fd.ret, 8);
    CHECK(r.data == "x");
    CHECK(u.close(fd.ret).ret == 0);
    CHECK(k.unload("smap_copy").error == 0);
    CHECK(k.bugs() == 0);
}

TEST_CASE("A module that reads a user buffer itself gets 6.1's oops for a supervisor read of a present user page", "[fs]")
{
    int status = 0;
    std::string out = smap_direct_child(false, &status);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 1);
    CHECK(out.find("smap_direct: reading the writer's buffer") != std::string::npos);
    // A user address of the host's mmap area: 0x00007e... or 0x00007f... (ASLR moves the base).
    CHECK(std::regex_search(out, std::regex("BUG: unable to handle page fault for address: 00007[ef][0-9a-f]{10}\n")));
    CHECK(out.find("#PF: supervisor read access in kernel mode\n") != std::string::npos);
    CHECK(out.find("#PF: error_code(0x0001) - permissions violation\n") != std::string::npos);
    CHECK(out.find("Oops: 0001 [#1] PREEMPT SMP NOPTI") != std::string::npos);
    CHECK(out.find("Comm: writer") != std::string::npos);
    CHECK(out.find("RIP: 0010:direct_write") != std::string::npos);
    CHECK(out.find("smap_direct: first byte") == std::string::npos);
}

TEST_CASE("A module that stores into a user buffer itself gets the oops for a supervisor write", "[fs]")
{
    int status = 0;
    std::string out = smap_direct_child(true, &status);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 1);
    CHECK(out.find("#PF: supervisor write access in kernel mode\n") != std::string::npos);
    CHECK(out.find("#PF: error_code(0x0003) - permissions violation\n") != std::string::npos);
    CHECK(out.find("Oops: 0003 [#1] PREEMPT SMP NOPTI") != std::string::npos);
    CHECK(out.find("RIP: 0010:direct_read") != std::string::npos);
}

TEST_CASE("The --exec commands hand the module user addresses: smap_direct's write oopses in sh, smap_copy's works", "[fs]")
{
    using namespace kshim_test;
    ProcResult bad = run_process({kshim_run(), test_module("smap_direct"), "--time", "virtual", "--exec",
                                  "echo hi > /dev/smap_direct"});
    REQUIRE_FALSE(bad.timed_out);
    CHECK(bad.exit_code == 1);
    CHECK(bad.out.find("#PF: supervisor read access in kernel mode") != std::string::npos);
    CHECK(bad.out.find("#PF: error_code(0x0001) - permissions violation") != std::string::npos);
    CHECK(bad.out.find("Comm: sh ") != std::string::npos);
    // The twin's transcript is the real kernel's (tests/oracle/smap_copy.kernel.txt).
    ProcResult good = run_process({kshim_run(), test_module("smap_copy"), "--time", "virtual", "--exec",
                                   "echo hi > /dev/smap_copy; cat /dev/smap_copy; echo"});
    REQUIRE_FALSE(good.timed_out);
    CHECK(good.exit_code == 0);
    CHECK(good.out.find("Oops") == std::string::npos);
    if (compare_tool_available()) {
        ProcResult cmp = compare_kernel_log(oracle_log_path("smap_copy"), good.out, {"--commands"});
        INFO(cmp.out);
        CHECK(cmp.exit_code == 0);
    }
}
