// --host-ro (shim/src/fs/host_ro.cpp): one host file read-only in kshim's namespace for filp_open/kernel_read and the commands; never writable, nothing else of the host.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "fs/host_ro.hpp"
#include "fs/vfs.hpp"
#include "kernel.hpp"
#include "kshim/testing.hpp"
#include "support/subprocess.hpp"

using namespace kshim_test;

namespace {

// A host file holding text, removed when the test ends.
struct HostFile {
    std::string path;
    explicit HostFile(const std::string &text)
    {
        char tmpl[] = "/tmp/kshim-host-ro.XXXXXX";
        int fd = mkstemp(tmpl);
        REQUIRE(fd >= 0);
        REQUIRE(write(fd, text.data(), text.size()) == (ssize_t)text.size());
        close(fd);
        path = tmpl;
    }
    ~HostFile() { unlink(path.c_str()); }
};

}  // namespace

TEST_CASE("The --host-ro option lets a module's filp_open and kernel_read reach one host file, at the path given", "[fs]")
{
    HostFile f("host data\n");
    ProcResult r = run_process({test_runner("filp_host"), "path=/etc/kshim_host", "--time", "virtual",
                                "--run-for", "1s", "--host-ro", f.path + ":/etc/kshim_host"});
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("filp_host: filp_open /etc/kshim_host: ok") != std::string::npos);
    CHECK(r.out.find("filp_host: kernel_read /etc/kshim_host: 10") != std::string::npos);
    // Without the option the same path is not there.
    r = run_process({test_runner("filp_host"), "path=/etc/kshim_host", "--time", "virtual", "--run-for", "1s"});
    CHECK(r.out.find("filp_host: filp_open /etc/kshim_host: -2") != std::string::npos);
}

TEST_CASE("A --host-ro file reads as itself to the commands and is never writable", "[fs]")
{
    HostFile f("line one\nline two\n");
    ProcResult r = run_process({test_runner("filp_host"), "--time", "virtual", "--run-for", "0", "--host-ro", f.path,
                                "--exec", "cat " + f.path + "; echo x > " + f.path + "; head -n 1 " + f.path});
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("line one\nline two\n") != std::string::npos);
    CHECK(r.out.find("Read-only file system") != std::string::npos);
    CHECK(read_file(f.path) == "line one\nline two\n");
}

TEST_CASE("The --host-ro option refuses what is not a regular file, a relative kshim path and a taken one", "[fs]")
{
    kshim::testing::TestKernel k;
    kshim::Vfs &v = k.kernel().fs();
    HostFile f("x");
    CHECK(kshim::map_host_ro(v, "/tmp", "/etc/t") == "/tmp: not a regular file");
    CHECK(kshim::map_host_ro(v, "/nonexistent-kshim", "/etc/t") == "/nonexistent-kshim: No such file or directory");
    CHECK(kshim::map_host_ro(v, f.path, "etc/t") == "'etc/t' is not an absolute file path");
    CHECK(kshim::map_host_ro(v, f.path, "/proc/devices") == "/proc/devices already exists in kshim's namespace");
    CHECK(kshim::map_host_ro(v, f.path, "/etc/t").empty());
    auto &u = k.user("cat");
    CHECK(u.open("/etc/t", O_WRONLY).err == EROFS);
    auto fd = u.open("/etc/t", O_RDONLY);
    REQUIRE(fd.ret >= 0);
    CHECK(u.read(fd.ret, 8).data == "x");
    u.close(fd.ret);
    ProcResult r = run_process({kshim_run(), test_module("filp_host"), "--time", "virtual", "--host-ro", "/tmp"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("kshim: --host-ro /tmp: /tmp: not a regular file") != std::string::npos);
}
