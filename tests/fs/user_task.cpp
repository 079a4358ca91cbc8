// User tasks (shim/src/fs/user_task.cpp): own pid, comm and mm; fd numbers from 3; poll that sleeps until a wake-up or its timeout.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>

#include <string>

#include "kshim/testing.hpp"

using kshim::testing::SysResult;
using kshim::testing::TestKernel;

namespace {
std::string mod(const char *name) { return std::string(KSHIM_TEST_MODULES) + "/" + name + ".ko"; }
}

TEST_CASE("Each user task has its own pid; fds start at 3 and are reused after close; a bad fd is EBADF", "[fs]")
{
    TestKernel k;
    auto &a = k.user("a");
    auto &b = k.user("b");
    CHECK(a.pid() != b.pid());
    CHECK(a.open("/proc/devices", O_RDONLY).ret == 3);
    CHECK(a.open("/proc/devices", O_RDONLY).ret == 4);
    CHECK(a.close(3).ret == 0);
    CHECK(a.open("/proc/devices", O_RDONLY).ret == 3);
    CHECK(a.close(7).err == EBADF);
    CHECK(a.read(9, 1).err == EBADF);
    CHECK(a.write(3, "x").err == EBADF);   // opened read-only
    CHECK(a.open("/proc", O_WRONLY).err == EISDIR);
    CHECK(a.open("/nope", O_RDONLY).err == ENOENT);
}

TEST_CASE("poll sleeps until the driver's wait queue is woken, and times out in virtual time", "[fs]")
{
    TestKernel k;
    REQUIRE(k.load(mod("chardev_wait")) == 0);
    auto &p = k.user("poller");
    auto &w = k.user("writer");
    int pfd = p.open("/dev/kshim_wait", O_RDONLY).ret;
    int wfd = w.open("/dev/kshim_wait", O_WRONLY).ret;
    uint64_t t0 = k.now_ns();
    SysResult r = p.poll(pfd, POLLIN, 100);
    CHECK_FALSE(r.done);
    r = p.wait();
    CHECK(r.ret == 0);   // timed out
    CHECK(k.now_ns() - t0 >= 100000000ull);
    CHECK_FALSE(p.poll(pfd, POLLIN, -1).done);
    CHECK(w.write(wfd, "x").ret == 1);
    r = p.wait();
    CHECK(r.ret == 1);
    CHECK(r.revents == POLLIN);
    CHECK(p.poll(pfd, POLLOUT, 0).ret == 0);   // only what the driver reports
}
