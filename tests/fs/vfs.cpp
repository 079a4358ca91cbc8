// The VFS core (shim/src/fs/vfs.cpp) through the test API's user tasks: open/read/write/llseek/ioctl/poll dispatch, pinning, blocking reads.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>

#include <cstring>
#include <fstream>

#include <string>
#include <vector>

#include "kshim/testing.hpp"

using kshim::testing::SysResult;
using kshim::testing::TestKernel;

namespace {
std::string mod(const char *name) { return std::string(KSHIM_TEST_MODULES) + "/" + name + ".ko"; }
}

TEST_CASE("A read blocked in wait_event_interruptible blocks only its user task; a write from another wakes it", "[fs]")
{
    TestKernel k;
    REQUIRE(k.load(mod("chardev_wait")) == 0);
    CHECK(k.log_contains("kshim_wait: major 254"));
    auto &reader = k.user("reader");
    auto &writer = k.user("writer");
    SysResult a = reader.open("/dev/kshim_wait", O_RDONLY);
    SysResult b = writer.open("/dev/kshim_wait", O_WRONLY);
    REQUIRE(a.ret == 3);
    REQUIRE(b.ret == 3);
    SysResult r = reader.read(a.ret, 16);
    CHECK_FALSE(r.done);
    CHECK(reader.busy());
    SysResult w = writer.write(b.ret, "hello");
    CHECK(w.ret == 5);
    r = reader.wait();
    REQUIRE(r.done);
    CHECK(r.ret == 5);
    CHECK(r.data == "hello");
    CHECK(reader.close(a.ret).ret == 0);
    CHECK(writer.close(b.ret).ret == 0);
    CHECK(k.unload("chardev_wait").error == 0);
    CHECK(k.bugs() == 0);
}

TEST_CASE("O_NONBLOCK reads give EAGAIN and a signal ends a blocked read with EINTR", "[fs]")
{
    TestKernel k;
    REQUIRE(k.load(mod("chardev_wait")) == 0);
    auto &u = k.user();
    SysResult fd = u.open("/dev/kshim_wait", O_RDONLY | O_NONBLOCK);
    SysResult r = u.read(fd.ret, 4);
    CHECK(r.ret == -1);
    CHECK(r.err == EAGAIN);
    auto &v = k.user();
    SysResult fd2 = v.open("/dev/kshim_wait", O_RDONLY);
    CHECK_FALSE(v.read(fd2.ret, 4).done);
    v.signal(2);
    r = v.wait();
    CHECK(r.ret == -1);
    CHECK(r.err == EINTR);
}

TEST_CASE("An open char device pins its module: unload fails with EAGAIN until the file is closed", "[fs]")
{
    TestKernel k;
    REQUIRE(k.load(mod("chardev_wait")) == 0);
    auto &u = k.user();
    SysResult fd = u.open("/dev/kshim_wait", O_RDONLY);
    REQUIRE(fd.ret >= 0);
    CHECK(k.unload("chardev_wait").error == -EAGAIN);
    CHECK(u.close(fd.ret).ret == 0);
    CHECK(k.log_contains("kshim_wait: release"));
    CHECK(k.unload("chardev_wait").error == 0);
    CHECK(u.open("/dev/kshim_wait", O_RDONLY).err == ENOENT);
}

TEST_CASE("A bad user pointer gives EFAULT, never a crash", "[fs]")
{
    TestKernel k;
    REQUIRE(k.load(mod("chardev_wait")) == 0);
    auto &u = k.user();
    SysResult fd = u.open("/dev/kshim_wait", O_RDWR);
    SysResult w = u.write_at(fd.ret, 0x1000, 4);
    CHECK(w.err == EFAULT);
    int local = 0;
    w = u.write_at(fd.ret, (uintptr_t)&local, sizeof local);   // kernel memory is not the task's
    CHECK(w.err == EFAULT);
    CHECK(u.write(fd.ret, "ab").ret == 2);
    SysResult r = u.read_at(fd.ret, 0x2000, 2);
    CHECK(r.err == EFAULT);
}

TEST_CASE("A misc device gets minor 127 down, private_data is the miscdevice, and ioctl/llseek dispatch", "[fs]")
{
    TestKernel k;
    REQUIRE(k.load(mod("misc_echo")) == 0);
    CHECK(k.log_contains("kshim_echo: minor 127"));
    auto &u = k.user();
    SysResult fd = u.open("/dev/kshim_echo");
    REQUIRE(fd.ret >= 0);
    CHECK(u.write(fd.ret, "abcdef").ret == 6);
    std::string arg(4, '\0');
    CHECK(u.ioctl_buf(fd.ret, _IOR('e', 1, int), arg).ret == 0);
    int len;
    memcpy(&len, arg.data(), sizeof len);
    CHECK(len == 6);
    CHECK(u.ioctl(fd.ret, 0x1234, 0).err == ENOTTY);
    CHECK(u.ioctl(fd.ret, _IOR('e', 1, int), 0x10).err == EFAULT);
    CHECK(u.lseek(fd.ret, 2, SEEK_SET).ret == 2);
    CHECK(u.read(fd.ret, 10).data == "cdef");
    CHECK(u.lseek(fd.ret, -1, SEEK_SET).err == EINVAL);
    CHECK(u.lseek(fd.ret, 0, 7).err == EINVAL);
    SysResult p = u.poll(fd.ret, POLLIN, 0);
    CHECK(p.ret == 1);
    CHECK(p.revents == POLLIN);   // what was asked for, of DEFAULT_POLLMASK
    CHECK(k.log_contains("kshim_echo: read 4"));
    CHECK(u.close(fd.ret).ret == 0);
    CHECK(k.unload("misc_echo").error == 0);
}

TEST_CASE("A /proc file reads pde_data, takes writes, and does not pin its module", "[fs]")
{
    TestKernel k;
    REQUIRE(k.load(mod("proc_counter")) == 0);
    auto &u = k.user();
    SysResult fd = u.open("/proc/kshim_dir/counter");
    REQUIRE(fd.ret >= 0);
    CHECK(u.read(fd.ret, 100).data == "7\n");
    CHECK(u.lseek(fd.ret, 0, SEEK_SET).err == ESPIPE);   // no proc_lseek
    CHECK(u.write(fd.ret, "42\n").ret == 3);
    CHECK(k.log_contains("proc_counter: value 42"));
    CHECK(k.unload("proc_counter").error == 0);   // open, yet not pinned
    CHECK(u.read(fd.ret, 10).err == EIO);
    CHECK(u.close(fd.ret).ret == 0);
    CHECK(u.open("/proc/kshim_dir/counter").err == ENOENT);
}

TEST_CASE("/proc/devices lists the registered majors and dynamic majors count down from 254", "[fs]")
{
    TestKernel k;
    REQUIRE(k.load(mod("chardev_wait")) == 0);
    auto &u = k.user();
    SysResult fd = u.open("/proc/devices", O_RDONLY);
    std::string text = u.read(fd.ret, 4096).data;
    CHECK(text.rfind("Character devices:\n", 0) == 0);
    CHECK(text.find(" 10 misc\n") != std::string::npos);
    CHECK(text.find("254 kshim_wait\n") != std::string::npos);
    CHECK(text.find("\nBlock devices:\n") != std::string::npos);
}

TEST_CASE("At unload, entries the module left registered are reported by name and removed; an open file is reported", "[fs]")
{
    TestKernel k;
    REQUIRE(k.load(mod("fs_leftovers")) == 0);
    auto &u = k.user();
    SysResult fd = u.open("/dev/leftover_dev", O_RDONLY);   // no .owner: nothing pins the module
    REQUIRE(fd.ret >= 0);
    auto r = k.unload("fs_leftovers");
    CHECK(r.error == 0);
    CHECK(k.log_contains("kshim: fs_leftovers left device leftover_dev registered; removing it"));
    CHECK(k.log_contains("kshim: fs_leftovers left misc device leftover_misc registered; removing it"));
    CHECK(k.log_contains("kshim: fs_leftovers left class leftover_class registered; removing it"));
    CHECK(k.log_contains("kshim: fs_leftovers left proc entry /proc/leftover_proc registered; removing it"));
    CHECK(k.log_contains("kshim: fs_leftovers left char device region 254:0-255 (leftover_chr) registered; removing it"));
    CHECK(k.log_contains("kshim: /dev/leftover_dev is still open after fs_leftovers was unloaded"));
    CHECK(k.bugs() == 6);
    CHECK(u.open("/proc/leftover_proc").err == ENOENT);
    CHECK(u.open("/dev/leftover_misc").err == ENOENT);
    SysResult devs = u.open("/proc/devices", O_RDONLY);
    CHECK(u.read(devs.ret, 4096).data.find("leftover") == std::string::npos);
}

namespace {
// The lines of an oracle log that start with prefix, with the major number masked.
std::vector<std::string> module_lines(const std::vector<std::string> &lines, const std::string &prefix)
{
    std::vector<std::string> out;
    for (std::string l : lines) {
        size_t at = l.find(prefix);
        if (at == std::string::npos)
            continue;
        l = l.substr(at);
        if (l.rfind(prefix + "major ", 0) == 0)
            l = prefix + "major N";
        out.push_back(l);
    }
    return out;
}

std::vector<std::string> file_lines(const std::string &path)
{
    std::vector<std::string> out;
    std::ifstream in(path);
    for (std::string l; std::getline(in, l);)
        out.push_back(l);
    return out;
}
}  // namespace

TEST_CASE("chardev_wait's transcript matches the real kernel's: blocked cat, echo wakes it, rmmod refused while open", "[fs]")
{
    TestKernel k;
    REQUIRE(k.load(mod("chardev_wait")) == 0);
    auto &cat = k.user("cat");
    auto &echo = k.user("sh");
    int rfd = cat.open("/dev/kshim_wait", O_RDONLY).ret;
    CHECK_FALSE(cat.read(rfd, 4096).done);
    k.run_for(1000000000ull);
    int wfd = echo.open("/dev/kshim_wait", O_WRONLY | O_CREAT | O_TRUNC).ret;
    CHECK(echo.write(wfd, "hello\n").ret == 6);
    CHECK(cat.wait().data == "hello\n");
    CHECK(echo.close(wfd).ret == 0);
    CHECK_FALSE(cat.read(rfd, 4096).done);   // cat reads on and blocks again
    CHECK(k.unload("chardev_wait").error == -EAGAIN);
    std::vector<std::string> want =
        module_lines(file_lines(std::string(KSHIM_ORACLE_LOGS) + "/chardev_wait.kernel.txt"), "kshim_wait: ");
    CHECK(module_lines(k.log_texts(), "kshim_wait: ") == want);
}
