// Tests of the kernel's own file calls (fs/kernel_file.cpp): filp_open on kshim's namespace only, kernel_read as 6.1 refuses it.
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include "support/log_match.hpp"
#include "support/oracle.hpp"
#include "support/subprocess.hpp"

using namespace kshim_test;

namespace {

// The module's lines (and 6.1's warning), with the pid left out: kshim's insmod has its own.
std::vector<std::string> filp_lines(const std::string &text)
{
    std::vector<std::string> out;
    for (const std::string &line : lines_of(text)) {
        if (line.empty() || line[0] != '[')
            continue;
        std::string t = strip_timestamp(line);
        if (t.rfind("filp_host:", 0) == 0 || t.rfind("kernel read", 0) == 0)
            out.push_back(std::regex_replace(t, std::regex("pid: [0-9]+"), "pid: N"));
    }
    return out;
}

}  // namespace

TEST_CASE("filp_open, kernel_read and filp_close from module code behave as on 6.1 (oracle log)", "[fs]")
{
    ProcResult r = run_process({test_runner("filp_host"), "path=/nonexistent", "--time", "virtual", "--run-for", "1s"});
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 0);
    std::vector<std::string> want = filp_lines(read_file(std::string(KSHIM_ORACLE_LOGS) + "/filp_host.kernel.txt"));
    REQUIRE(want.size() == 5);
    CHECK(filp_lines(r.out + r.err) == want);
}

TEST_CASE("filp_open of a host file finds kshim's namespace, not the host: -ENOENT for /etc/passwd", "[fs]")
{
    ProcResult r = run_process({test_runner("filp_host"), "--time", "virtual", "--run-for", "1s"});
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 0);
    CHECK((r.out + r.err).find("filp_host: filp_open /etc/passwd: -2") != std::string::npos);
    CHECK((r.out + r.err).find("filp_host: kernel_read /etc/passwd") == std::string::npos);
}

TEST_CASE("vfs_llseek on filp_open'd files seeks as 6.1: the method's result, -ESPIPE for a stream or a /proc file without proc_lseek (oracle log)", "[fs]")
{
    OracleRun r = run_against_oracle("vfs_llseek_probe");
    CHECK(r.exit_code == 0);
    REQUIRE(r.want.size() == 16);
    CHECK(r.got == r.want);
}

TEST_CASE("vfs_read is declared but not exported, as in 6.1: a module calling it does not load", "[fs]")
{
    ProcResult r = run_process({test_runner("vfs_read_unexported"), "--time", "virtual", "--run-for", "1s"});
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code != 0);
    CHECK((r.out + r.err).find("vfs_read_unexported: Unknown symbol vfs_read (err -2)") != std::string::npos);
}
