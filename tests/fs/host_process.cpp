// Tests of --user programs: a real host process whose file calls a user task serves, compared with the real kernel (tests/oracle/user_prog.kernel.txt).
#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <string>

#include "support/oracle.hpp"
#include "support/subprocess.hpp"

using kshim_test::ProcResult;

namespace {

// The oracle's script (tests/oracle/README.md has the kernel-oracle line).
const char *const kScript = "uprog; uprog wait & sleep 1; echo wake > /dev/kshim_user & sleep 1";
const std::string kProgram = std::string(KSHIM_TEST_USER) + "/uprog.c";

ProcResult run_user_prog(const std::string &script, const std::vector<std::string> &more = {})
{
    std::vector<std::string> args = {"--user", kProgram, "--exec", script};
    args.insert(args.end(), more.begin(), more.end());
    return kshim_test::run_test_module("user_prog", "1s", args);
}

void check_oracle(const ProcResult &r)
{
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    if (!kshim_test::compare_tool_available())
        return;
    ProcResult c = kshim_test::compare_kernel_log(kshim_test::oracle_log_path("user_prog"), r.out + r.err, {"--commands"});
    INFO(c.out << c.err);
    CHECK(c.exit_code == 0);
}

}  // namespace

TEST_CASE("A --user program's opens, reads, writes, ioctls, fcntl and poll reach the module as on the real kernel, EFAULT exactly at the page it lacks", "[fs]")
{
    ProcResult r = run_user_prog(kScript);
    check_oracle(r);
    CHECK(r.out.find("[    0.000000] user_prog: open by uprog (mm set)") != std::string::npos);
    CHECK(r.out.find("write across: 6\n") != std::string::npos);
    CHECK(r.out.find("get across: -1 (Bad address)\n") != std::string::npos);
    CHECK(r.out.find("wait got: wake\n") != std::string::npos);
}

TEST_CASE("A --user program's run in virtual time gives the same transcript every time", "[fs]")
{
    ProcResult a = run_user_prog(kScript);
    ProcResult b = run_user_prog(kScript);
    REQUIRE(a.exit_code == 0);
    CHECK(a.out == b.out);
    // The blocked reader's program waited in the module while virtual time went to the write.
    CHECK(a.out.find("[    1.000000] user_prog: uprog read 5 of 5 bytes") != std::string::npos);
}

TEST_CASE("A --user program in real time matches the real kernel too", "[fs]")
{
    check_oracle(run_user_prog(kScript, {"--time", "real"}));
}

TEST_CASE("A program not named with --user is no command, and one that does not build stops the run", "[fs]")
{
    ProcResult r = kshim_test::run_test_module("user_prog", "1s", {"--exec", "uprog"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("unknown command 'uprog'") != std::string::npos);

    const std::string name = "kshim_bad_prog_" + std::to_string(::getpid());
    const std::string bad = "/tmp/" + name + ".c";
    std::ofstream(bad) << "int main(void) { return nope; }\n";
    r = kshim_test::run_test_module("user_prog", "1s", {"--user", bad, "--exec", name});
    std::remove(bad.c_str());
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("the program does not build") != std::string::npos);
    CHECK(r.out.find("user_prog: registered") == std::string::npos);   // nothing ran

    r = kshim_test::run_test_module("user_prog", "1s", {"--user", kProgram, "--fail-sweep"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--user does not work with --explore, --replay or --fail-sweep") != std::string::npos);
}

TEST_CASE("A --user program still blocked in the module at the end of the run is killed", "[fs]")
{
    ProcResult r = run_user_prog("uprog pid &");
    INFO(r.out << r.err);
    const size_t at = r.out.find("\npid ");
    REQUIRE(at != std::string::npos);
    const pid_t pid = (pid_t)std::stol(r.out.substr(at + 5));
    CHECK(r.out.find("user_prog: open by uprog") != std::string::npos);
    errno = 0;
    CHECK(::kill(pid, 0) == -1);
    CHECK(errno == ESRCH);
}

namespace {

// Whether pid is gone or a zombie (its reaper may be slow), within two seconds of wall time.
bool dies_soon(pid_t pid)
{
    for (int i = 0; i < 200; ++i) {
        std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
        std::string line;
        if (!std::getline(stat, line))
            return true;
        const size_t paren = line.rfind(')');
        if (paren != std::string::npos && line.size() > paren + 2 && line[paren + 2] == 'Z')
            return true;
        ::usleep(10000);
    }
    return false;
}

}  // namespace

TEST_CASE("A --user program running on the host dies with kshim when kshim is killed (SIGKILL)", "[fs]")
{
    // "spin" makes one call, then waits in pause(): only PR_SET_PDEATHSIG can end it.
    ProcResult r = kshim_test::run_process({kshim_test::test_runner("user_prog"), "--time", "real", "--run-for", "20s",
                                            "--user", kProgram, "--exec", "uprog spin &"},
                                           10000, {{1500, SIGKILL}});
    INFO(r.out << r.err);
    CHECK(r.term_signal == SIGKILL);
    const size_t at = r.out.find("\npid ");
    REQUIRE(at != std::string::npos);
    CHECK(dies_soon((pid_t)std::stol(r.out.substr(at + 5))));
}
