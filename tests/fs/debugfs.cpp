// Tests for debugfs (shim/src/fs/debugfs.cpp, debugfs_file.cpp): debugfs_values against the real kernel's output, lookup, removal.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "fs/vfs.hpp"
#include "kernel.hpp"
#include "kshim/testing.hpp"
#include "support/oracle.hpp"
#include "support/user_files.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/debugfs.h"
#include "linux/fcntl.h"

using kshim::testing::SysResult;
using kshim::testing::TestKernel;
using namespace kshim_test;

namespace {
std::string mod(const char *name) { return std::string(KSHIM_TEST_MODULES) + "/" + name + ".ko"; }
const std::string D = "/sys/kernel/debug/debugfs_values/";

// The oracle's transcript of `cat D/NAME`: the line after "$ cat D/NAME" (the first such command).
std::string oracle_cat(const std::string &name)
{
    std::string log = oracle_log("debugfs_values"), cmd = "$ cat " + D + name + "\n";
    size_t at = log.find(cmd);
    if (at == std::string::npos)
        return "(not in the oracle log)";
    at += cmd.size();
    return log.substr(at, log.find('\n', at) + 1 - at);
}
}  // namespace

TEST_CASE("debugfs_values' files show the real kernel's formats", "[fs][debugfs]")
{
    TestKernel k;
    REQUIRE(k.load(mod("debugfs_values")) == 0);
    auto &u = k.user("cat");
    for (const char *name : {"u8", "u16", "u32", "u64", "x8", "x16", "x32", "x64", "ulong", "size_t", "atomic", "bool",
                             "blob", "twice"}) {
        INFO(name);
        CHECK(cat_file(u, D + name) == oracle_cat(name));
    }
    CHECK(cat_file(u, D + "x32") == "0xee6b2800\n");  // the oracle's, spelled out
    CHECK(k.unload("debugfs_values").error == 0);
}

TEST_CASE("debugfs value files take writes as the real kernel does", "[fs][debugfs]")
{
    TestKernel k;
    REQUIRE(k.load(mod("debugfs_values")) == 0);
    auto &u = k.user("sh");
    CHECK(echo_file(u, D + "u8", "17\n").ret == 3);
    CHECK(cat_file(u, D + "u8") == "17\n");
    CHECK(cat_file(u, D + "x8") == "0x11\n");
    CHECK(echo_file(u, D + "u32", "0x10\n").ret == 5);
    CHECK(cat_file(u, D + "x32") == "0x00000010\n");
    SysResult ro = echo_file(u, D + "x32", "1\n");   // 0444: the read-only fops have no set()
    CHECK(ro.ret == -1);
    CHECK(ro.err == EACCES);
    CHECK(echo_file(u, D + "bool", "n\n").ret == 2);
    CHECK(cat_file(u, D + "bool") == "N\n");
    CHECK(echo_file(u, D + "bool", "maybe\n").ret == 6);  // taken whole, value unchanged
    CHECK(cat_file(u, D + "bool") == "N\n");
    CHECK(echo_file(u, D + "atomic", "-9\n").ret == 3);
    CHECK(cat_file(u, D + "atomic") == "-9\n");
    SysResult odd = echo_file(u, D + "twice", "3\n");     // set() refuses odd numbers
    CHECK(odd.err == EINVAL);
    CHECK(echo_file(u, D + "twice", "8\n").ret == 2);
    CHECK(cat_file(u, D + "twice") == "8\n");
    CHECK(cat_file(u, D + "u32") == "4\n");
    CHECK(echo_file(u, D + "u16", "zz\n").err == EINVAL);
    CHECK(cat_file(u, D + "sub/inner") == "4\n");
    CHECK(cat_file(u, D + "u64", 3).substr(0, 3) == "123");
    SysResult fd = u.open(D + "u8", O_RDONLY);
    CHECK(u.lseek(fd.ret, 0, SEEK_SET).err == ESPIPE);  // DEFINE_DEBUGFS_ATTRIBUTE files do not seek
    u.close(fd.ret);
    CHECK(k.unload("debugfs_values").error == 0);
    CHECK(lines_with_prefix(k.log_texts(), "debugfs_values: ") == oracle_module_lines("debugfs_values"));
}

TEST_CASE("debugfs_remove_recursive takes the whole tree; the names are free again", "[fs][debugfs]")
{
    TestKernel k;
    k.run_task([&k] {
        struct dentry *d = debugfs_create_dir("tree", nullptr);
        REQUIRE_FALSE(IS_ERR(d));
        static u32 v;
        debugfs_create_u32("v", 0644, debugfs_create_dir("leaf", d), &v);
        CHECK(debugfs_lookup("leaf", d) != nullptr);
        CHECK(debugfs_lookup("tree", nullptr) == d);
        CHECK(k.kernel().fs().lookup("/sys/kernel/debug/tree/leaf/v") != nullptr);
        struct dentry *dup = debugfs_create_file("leaf", 0444, d, nullptr, nullptr);
        CHECK(PTR_ERR(dup) == -EEXIST);
        CHECK(debugfs_create_dir("x", dup) == dup);   // an ERR_PTR parent comes back as is
        debugfs_remove_recursive(d);
        CHECK(k.kernel().fs().lookup("/sys/kernel/debug/tree") == nullptr);
        CHECK(debugfs_lookup("tree", nullptr) == nullptr);
        struct dentry *again = debugfs_create_dir("tree", nullptr);
        CHECK_FALSE(IS_ERR(again));
        debugfs_remove(again);
        debugfs_remove(nullptr);
        debugfs_remove(dup);
        return 0L;
    });
    CHECK(k.log_contains("debugfs: Directory 'leaf' with parent 'tree' already present!"));
}
