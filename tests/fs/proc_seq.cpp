// Tests for the seq_file-backed /proc entries (shim/src/fs/proc_seq.cpp): seq_proc against the real kernel's transcript.
#include <catch2/catch.hpp>

#include <fcntl.h>

#include <string>

#include "kshim/testing.hpp"
#include "support/oracle.hpp"
#include "support/user_files.hpp"

using kshim::testing::SysResult;
using kshim::testing::TestKernel;
using namespace kshim_test;

namespace {
std::string mod(const char *name) { return std::string(KSHIM_TEST_MODULES) + "/" + name + ".ko"; }

// What the oracle printed after "$ CMD" up to the next "$ " command (or the next log line).
std::string oracle_output(const std::string &cmd)
{
    std::string log = oracle_log("seq_proc"), key = "$ " + cmd + "\n";
    size_t at = log.find(key);
    if (at == std::string::npos)
        return "(not in the oracle log)";
    at += key.size();
    size_t end = log.find("\n$ ", at - 1);
    return log.substr(at, end == std::string::npos ? std::string::npos : end + 1 - at);
}
}  // namespace

TEST_CASE("seq_proc's proc_create_seq and proc_create_single_data files read as on the real kernel", "[fs][seq_file]")
{
    TestKernel k;
    REQUIRE(k.load(mod("seq_proc")) == 0);
    auto &u = k.user("cat");
    CHECK(cat_file(u, "/proc/seq_items") == oracle_output("cat /proc/seq_items"));
    CHECK(cat_file(u, "/proc/seq_items", 1) == oracle_output("cat /proc/seq_items"));
    CHECK(cat_file(u, "/proc/seq_single") == oracle_output("cat /proc/seq_single"));
    CHECK(cat_file(u, "/proc/seq_single", 3) == oracle_output("cat /proc/seq_single"));
    SysResult fd = u.open("/proc/seq_items", O_RDONLY);
    CHECK(u.read(fd.ret, 7).data == "id  squ");   // head -c 7
    CHECK(u.lseek(fd.ret, 14, SEEK_SET).ret == 14);
    CHECK(u.read(fd.ret, 6).data == "  1\n2 ");
    u.close(fd.ret);
    CHECK(k.unload("seq_proc").error == 0);
    CHECK(lines_with_prefix(k.log_texts(), "seq_proc: ") == oracle_module_lines("seq_proc"));
}
