// Tests of the uaccess copies in remote mode: process_vm_readv/writev on a child's memory, faulting exactly where its mapping ends.
#include <catch2/catch.hpp>

#include <sys/mman.h>
#include <sys/wait.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "fs/uaccess_remote.hpp"

namespace {

// A child process holding one page of "abc...", the next page unmapped; edge = the page's end.
struct Child {
    pid_t pid = -1;
    char *edge = nullptr;
    Child()
    {
        char *p = static_cast<char *>(mmap(nullptr, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
        munmap(p + 4096, 4096);
        for (int i = 0; i < 4096; ++i)
            p[i] = (char)('a' + i % 26);
        edge = p + 4096;
        int fds[2];
        REQUIRE(pipe(fds) == 0);
        pid = fork();
        if (pid == 0) {
            char c;
            close(fds[1]);
            (void)!read(fds[0], &c, 1);   // until the parent closes its end
            _exit(0);
        }
        close(fds[0]);
        hold_ = fds[1];
        munmap(p, 4096);   // the parent's copy goes: only the child has the memory now
    }
    ~Child()
    {
        close(hold_);
        waitpid(pid, nullptr, 0);
    }
    int hold_ = -1;
};

}  // namespace

TEST_CASE("Remote copies read and write a host process's memory and stop at the first byte it does not map", "[fs]")
{
    Child c;
    kshim::RemoteUser u{c.pid};
    char buf[16];
    std::memset(buf, 'X', sizeof buf);
    CHECK(u.copy_from(buf, c.edge - 4, 10) == 6);   // 4 copied, 6 left and zeroed
    CHECK(std::string(buf, 4) == "klmn");             // bytes 4092..4095 of the pattern
    CHECK(buf[4] == 0);
    CHECK(buf[9] == 0);
    CHECK(u.copy_to(c.edge - 3, "12345", 5) == 2);
    char back[3];
    CHECK(u.copy_from(back, c.edge - 3, 3) == 0);
    CHECK(std::string(back, 3) == "123");
    CHECK(u.clear(c.edge - 10, 100) == 92);   // x86's quadword stores: the one across the edge clears nothing
    CHECK(u.clear(c.edge - 3, 3) == 0);        // bytes only
    CHECK(u.clear(c.edge - 3, 5) == 5 - 3);
}

TEST_CASE("Remote get_user, put_user, strncpy_from_user and strnlen_user give EFAULT as Linux's", "[fs]")
{
    Child c;
    kshim::RemoteUser u{c.pid};
    int v = 7;
    CHECK(u.get(&v, c.edge - 2, sizeof v) == -EFAULT);
    CHECK(v == 0);
    CHECK(u.put(&v, c.edge - 2, sizeof v) == -EFAULT);
    CHECK(u.put("ok", c.edge - 8, 3) == 0);
    char s[32];
    CHECK(u.strncpy_from(s, c.edge - 8, sizeof s) == 2);
    CHECK(std::string(s) == "ok");
    CHECK(u.strnlen(c.edge - 8, 32) == 3);
    CHECK(u.strncpy_from(s, c.edge - 4, sizeof s) == -EFAULT);   // no NUL before the fault
    CHECK(u.strnlen(c.edge - 4, 32) == 0);
    CHECK(u.strncpy_from(s, c.edge - 4, 3) == 3);                  // count reached first
    CHECK(u.get(&v, reinterpret_cast<void *>(8), sizeof v) == -EFAULT);
}
