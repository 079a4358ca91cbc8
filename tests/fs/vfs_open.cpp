// Tests of the VFS core's open (shim/src/fs/vfs.cpp) seen from kernel code: the file's dentry and its f_flags (kernel headers, so apart from tests/fs/vfs.cpp's libc ones).
#include <catch2/catch.hpp>

#include <string>

#include "fs/vfs.hpp"
#include "kernel.hpp"
#include "kshim/testing.hpp"

#include "linux/fs.h"

using kshim::testing::TestKernel;

TEST_CASE("An open file's f_path.dentry names its node and parent, and the open method sees O_CREAT and O_TRUNC", "[fs]")
{
    TestKernel k;
    kshim::Vfs &v = k.kernel().fs();
    kshim::Node *dir = v.add_dir(v.proc(), "dentry_dir", 0555, nullptr);
    REQUIRE(v.add_text(dir, "leaf", 0644, [] { return std::string("x"); }) != nullptr);
    std::string name, parent;
    unsigned flags_after = 0;
    long r = k.run_task([&] {
        struct file *f = nullptr;
        long e = v.open("/proc/dentry_dir/leaf", O_WRONLY | O_CREAT | O_TRUNC, &f);
        if (e)
            return e;
        name = reinterpret_cast<const char *>(f->f_path.dentry->d_name.name);
        parent = reinterpret_cast<const char *>(f->f_path.dentry->d_parent->d_name.name);
        CHECK(f->f_path.dentry->d_inode == f->f_inode);
        flags_after = f->f_flags;
        v.put(f);
        return 0L;
    });
    CHECK(r == 0);
    CHECK(name == "leaf");
    CHECK(parent == "dentry_dir");
    CHECK((flags_after & (O_CREAT | O_TRUNC)) == 0);   // cleared once open returned
}
