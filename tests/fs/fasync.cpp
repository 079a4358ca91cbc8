// fasync (shim/src/fs/fasync.cpp): F_SETFL's O_ASYNC calling ->fasync, fasync_helper's results, kill_fasync's SIGIO to the owner, the last close's fasync(-1, f, 0).
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>

#include <string>
#include <vector>

#include "kshim/testing.hpp"
#include "support/oracle.hpp"

using kshim::testing::SysResult;
using kshim::testing::TestKernel;

namespace {

std::string mod(const char *name) { return std::string(KSHIM_TEST_MODULES) + "/" + name + ".ko"; }
constexpr unsigned long kSigio = 1ul << (SIGIO - 1);
const char *const kDev = "/dev/fasync_notify";

}  // namespace

TEST_CASE("O_ASYNC by F_SETFL calls the driver's fasync, its kill_fasync signals the owner, close removes the entry (oracle log)", "[fs]")
{
    TestKernel k;
    REQUIRE(k.load(mod("fasync_notify")) == 0);
    // The steps of tests/oracle/user/fasync_sigio.c, which the oracle ran on the real kernel.
    auto &u = k.user("fasync_sigio");
    int fd = (int)u.open(kDev, O_RDWR).ret;
    REQUIRE(fd == 3);
    CHECK(u.fcntl(fd, F_SETOWN, u.pid()).ret == 0);
    CHECK(u.fcntl(fd, F_SETFL, O_ASYNC).ret == 0);
    CHECK(u.fcntl(fd, F_SETFL, O_ASYNC).ret == 0);   // no change: no ->fasync call
    CHECK(u.signals() == 0);
    CHECK(u.write(fd, "ab").ret == 2);
    CHECK(u.signals() == kSigio);
    CHECK(u.read(fd, 8).data == "ab");
    CHECK(u.fcntl(fd, F_SETFL, 0).ret == 0);
    CHECK(u.write(fd, "c").ret == 1);
    CHECK(u.signals() == 0);
    CHECK(u.fcntl(fd, F_SETFL, O_ASYNC).ret == 0);
    CHECK((u.fcntl(fd, F_GETFL).ret & O_ASYNC) != 0);
    CHECK(u.close(fd).ret == 0);
    std::vector<std::string> got = kshim_test::lines_with_prefix(k.log_texts(), "fasync_notify: ");
    CHECK(got == kshim_test::oracle_module_lines("fasync_notify"));
    CHECK(k.unload("fasync_notify").error == 0);
}

TEST_CASE("kill_fasync signals only the owning process, with F_SETSIG's signal when set", "[fs]")
{
    TestKernel k;
    REQUIRE(k.load(mod("fasync_notify")) == 0);
    auto &owner = k.user("owner");
    auto &writer = k.user("writer");
    int fd = (int)owner.open(kDev, O_RDONLY).ret;
    int wfd = (int)writer.open(kDev, O_WRONLY).ret;
    CHECK(owner.fcntl(fd, F_SETFL, O_ASYNC).ret == 0);
    CHECK(writer.write(wfd, "a").ret == 1);
    CHECK(owner.signals() == 0);   // no F_SETOWN: nobody to signal
    CHECK(owner.fcntl(fd, F_SETOWN, 99999).err == ESRCH);
    CHECK(owner.fcntl(fd, F_SETOWN, (unsigned long)-1).err == EINVAL);   // process groups: not modelled
    CHECK(owner.fcntl(fd, F_SETOWN, owner.pid()).ret == 0);
    CHECK(owner.fcntl(fd, F_GETOWN).ret == owner.pid());
    CHECK(writer.write(wfd, "b").ret == 1);
    CHECK(owner.signals() == kSigio);
    CHECK(writer.signals() == 0);
    CHECK(owner.fcntl(fd, F_SETSIG, SIGUSR1).ret == 0);
    CHECK(owner.fcntl(fd, F_GETSIG).ret == SIGUSR1);
    CHECK(writer.write(wfd, "c").ret == 1);
    CHECK(owner.signals() == 1ul << (SIGUSR1 - 1));
    CHECK(owner.fcntl(fd, F_SETSIG, 65).err == EINVAL);
    CHECK(owner.fcntl(fd, F_DUPFD, 0).err == EINVAL);
    CHECK(owner.fcntl(9, F_GETFL).err == EBADF);
    owner.close(fd);
    writer.close(wfd);
    CHECK(k.log_contains("fasync_notify: fasync fd -1 on 0: 1, FASYNC clear"));
    CHECK(k.unload("fasync_notify").error == 0);
}

TEST_CASE("O_ASYNC on a file without a fasync method is ignored, as 6.1's setfl does", "[fs]")
{
    TestKernel k;
    REQUIRE(k.load(mod("misc_echo")) == 0);
    auto &u = k.user("sh");
    int fd = (int)u.open("/dev/kshim_echo", O_RDWR).ret;
    REQUIRE(fd >= 0);
    CHECK(u.fcntl(fd, F_SETFL, O_ASYNC | O_NONBLOCK).ret == 0);
    long fl = u.fcntl(fd, F_GETFL).ret;
    CHECK((fl & O_ASYNC) == 0);
    CHECK((fl & O_NONBLOCK) != 0);
    CHECK(u.fcntl(fd, F_SETFL, O_DIRECT).err == EINVAL);
    u.close(fd);
}
