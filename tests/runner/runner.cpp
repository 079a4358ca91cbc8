// Tests for the runner (shim/src/runner/runner.cpp): usage errors, signals, insmod errors, exit status, --strict, --modinfo, --loglevel, determinism.
#include <catch2/catch.hpp>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <string>
#include <vector>

#include "runner/runner.hpp"
#include "support/log_match.hpp"
#include "support/subprocess.hpp"

extern char **environ;

using namespace kshim_test;

namespace {

ProcResult hello(std::vector<std::string> args)
{
    args.insert(args.begin(), sample_bin("hello"));
    return run_process(args, 10000);
}

ProcResult module_runner(const std::string &name, std::vector<std::string> args)
{
    args.insert(args.begin(), test_runner(name));
    return run_process(args, 10000);
}

bool has_line(const std::string &out, const std::string &text) { return kshim_test::find_line(kshim_test::texts_of(out), text) >= 0; }

struct Run {
    std::string out;
    int status = -1;
};

// Starts a runner that never goes quiescent, waits for its first line, signals it, then reads
// everything it prints until it exits.
Run interrupt(const std::string &exe, int sig)
{
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    std::string t = "--time", v = "virtual";
    char *argv[] = {const_cast<char *>(exe.c_str()), t.data(), v.data(), nullptr};
    pid_t pid;
    REQUIRE(posix_spawn(&pid, exe.c_str(), &fa, nullptr, argv, environ) == 0);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    Run r;
    char buf[4096];
    bool signalled = false;
    while (ssize_t n = read(fds[0], buf, sizeof buf)) {
        if (n < 0)
            break;
        r.out.append(buf, (size_t)n);
        if (!signalled && r.out.find('\n') != std::string::npos) {
            kill(pid, sig);
            signalled = true;
        }
    }
    close(fds[0]);
    waitpid(pid, &r.status, 0);
    return r;
}

}  // namespace

TEST_CASE("A malformed option is a usage error naming it: status 2 and nothing runs", "[runner]")
{
    for (auto args : std::vector<std::vector<std::string>>{
             {"--cpus", "abc"}, {"--bogus"}, {"--run-for", "soon"}, {"--time", "fast"}, {"--loglevel", "x"}, {"--cpus"}}) {
        INFO(args[0]);
        ProcResult r = hello(args);
        REQUIRE_FALSE(r.timed_out);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err.find(args[0]) != std::string::npos);
        if (args.size() > 1)
            CHECK(r.err.find("'" + args[1] + "'") != std::string::npos);
        CHECK(r.err.find("usage: hello") != std::string::npos);
    }
    ProcResult none = run_process({kshim_run()});
    CHECK(none.exit_code == 2);
}

TEST_CASE("The runner option --help prints the usage and exits 0", "[runner]")
{
    ProcResult r = hello({"--help"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.rfind("usage: hello [param=value ...] [--run-for DURATION]", 0) == 0);
}

TEST_CASE("The runner option --modinfo prints modinfo-style lines without loading the module", "[runner]")
{
    ProcResult r = hello({"--modinfo"});
    CHECK(r.exit_code == 0);
    CHECK(has_line(r.out, "parm:           whom:Whom to greet (charp)"));
    CHECK(has_line(r.out, "parm:           howmany:How many times to greet (int)"));
    CHECK(has_line(r.out, "parm:           shout:Greet at KERN_WARNING instead of KERN_INFO (bool)"));
    CHECK(has_line(r.out, "license:        GPL"));
    CHECK(has_line(r.out, "description:    Greets someone a number of times"));
    CHECK(has_line(r.out, "name:           hello"));
    CHECK(r.out.find("Hello") == std::string::npos);
}

TEST_CASE("A clean run exits 0, also with --strict", "[runner]")
{
    ProcResult r = hello({"--time", "virtual", "--strict"});
    CHECK(r.exit_code == 0);
    CHECK(has_line(r.out, "Hello, world (1/1)"));
    CHECK(has_line(r.out, "Goodbye, world"));   // exit ran: the run reached rmmod
    CHECK(r.err.empty());
}

TEST_CASE("A real-time run with nothing left to fire ends at its --run-for deadline", "[runner]")
{
    // hello arms no timer: once init is done the clock only has the deadline to reach.
    ProcResult r = hello({"--time", "real", "--run-for", "1ms"});
    CHECK_FALSE(r.timed_out);
    CHECK(r.exit_code == 0);
    CHECK(has_line(r.out, "Goodbye, world"));   // exit ran: the run reached rmmod
}

TEST_CASE("A parameter value that does not parse fails insmod with Invalid parameters", "[runner]")
{
    ProcResult r = hello({"--time", "virtual", "howmany=abc"});
    CHECK(r.exit_code == 1);
    CHECK(has_line(r.out, "hello: `abc' invalid for parameter `howmany'"));
    CHECK(r.out.find("Hello,") == std::string::npos);
    CHECK(r.err.find("insmod: ERROR: could not insert module hello: Invalid parameters") != std::string::npos);
}

TEST_CASE("An unknown parameter is warned about and the run goes on", "[runner]")
{
    ProcResult r = hello({"--time", "virtual", "bogus=1", "whom=you"});
    CHECK(r.exit_code == 0);
    CHECK(has_line(r.out, "hello: unknown parameter 'bogus' ignored"));
    CHECK(has_line(r.out, "Hello, you (1/1)"));
}

TEST_CASE("An init returning -ENOMEM fails insmod with Cannot allocate memory and skips exit", "[runner]")
{
    ProcResult r = module_runner("init_enomem", {"--time", "virtual"});
    CHECK(r.exit_code == 1);
    CHECK(has_line(r.out, "init_enomem: failing"));
    CHECK(r.out.find("exit called") == std::string::npos);
    CHECK(r.err.find("insmod: ERROR: could not insert module init_enomem: Cannot allocate memory") != std::string::npos);
}

TEST_CASE("The runner option --strict turns leaks, warnings and leftover tasks into a failing status", "[runner]")
{
    ProcResult leak = module_runner("mm_leak", {"--time", "virtual"});
    CHECK(leak.exit_code == 0);
    CHECK(has_line(leak.out, "kmemleak: 1 new suspected memory leaks (see /sys/kernel/debug/kmemleak)"));
    CHECK(module_runner("mm_leak", {"--time", "virtual", "--strict"}).exit_code != 0);

    CHECK(module_runner("debug_warn", {"--time", "virtual"}).exit_code == 0);
    CHECK(module_runner("debug_warn", {"--time", "virtual", "--strict"}).exit_code != 0);

    ProcResult left = module_runner("kthread_leftover", {"--time", "virtual", "--run-for", "1s", "--strict"});
    REQUIRE_FALSE(left.timed_out);
    CHECK(left.exit_code != 0);
    CHECK(left.term_signal == 0);
    CHECK(left.out.find("is still running after module_exit of kthread_leftover") != std::string::npos);
    CHECK(module_runner("mm_double_free", {"--time", "virtual", "--strict"}).exit_code != 0);
}

TEST_CASE("The runner option --loglevel 4 hides KERN_WARNING and below from the console", "[runner]")
{
    ProcResult r = module_runner("printk_levels", {"--time", "virtual", "--loglevel", "4", "--no-timestamps"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "lvl0 emerg\nlvl1 alert\nlvl2 crit\nlvl3 err\n");
    ProcResult all = module_runner("printk_levels", {"--time", "virtual", "--no-timestamps"});
    CHECK(all.out ==
          "lvl0 emerg\nlvl1 alert\nlvl2 crit\nlvl3 err\nlvl4 warn\nlvl5 notice\nlvl6 info\nlvl7 debug\n"
          "lvl default\nwarn no nl cont1 cont2\n");
}

TEST_CASE("The same virtual-time run twice prints byte-identical output", "[runner]")
{
    std::vector<std::string> args = {sample_bin("kthread_loop"), "--time", "virtual", "--run-for", "3s", "period_ms=70"};
    ProcResult a = run_process(args);
    ProcResult b = run_process(args);
    CHECK(a.exit_code == 0);
    CHECK(a.out.size() > 500);
    CHECK(a.out == b.out);
    CHECK(a.err == b.err);
}

TEST_CASE("kshim-run loads modules in order and unloads them in reverse", "[runner]")
{
    ProcResult r = run_process({kshim_run(), test_module("module_state"), test_module("params_all"), "num=3",
                                "--time", "virtual", "--no-timestamps"});
    CHECK(r.exit_code == 0);
    auto l = lines_of(r.out);
    REQUIRE(l.size() == 5);
    CHECK(l[0] == "module_state: init comm=insmod counter=6 bss=1");
    CHECK(l[1] == "params_all: num=3 mask=0x2a flag=0 inv=0 name=none");
    CHECK(l[3] == "params_all: exit");
    CHECK(l[4] == "module_state: exit comm=rmmod counter=6");
}

TEST_CASE("SIGINT makes the runner unload the module and report what it left", "[runner]")
{
    Run r = interrupt(std::string(KSHIM_SAMPLES_BIN) + "/custom_workqueue/custom_workqueue", SIGINT);
    CHECK(WIFEXITED(r.status));
    CHECK(WEXITSTATUS(r.status) == 0);
    CHECK(r.out.find("test_kobj_exit") != std::string::npos);
    CHECK(r.out.find("kshim: kthread mythread:") != std::string::npos);
}

TEST_CASE("SIGTERM unloads the module like SIGINT", "[runner]")
{
    Run r = interrupt(std::string(KSHIM_SAMPLES_BIN) + "/shared_workqueue/shared_workqueue", SIGTERM);
    CHECK(WIFEXITED(r.status));
    CHECK(r.out.find("test_kobj_exit") != std::string::npos);
}

TEST_CASE("The end-of-run summary counts reports by kind and --strict fails the run on any of them", "[runner]")
{
    ProcResult r = module_runner("lockdep_bugs", {"--time", "virtual", "bug=unlock", "--strict"});
    CHECK(r.exit_code == 1);
    CHECK(has_line(r.out, "WARNING: bad unlock balance detected!"));
    CHECK(has_line(r.out, "kshim: end of run: 0 leaked object(s), 0 task(s) left running, 0 BUG(s), 1 WARNING(s)"));
    CHECK(has_line(r.out, "kshim: reports by kind: bad-unlock-balance 1"));
    ProcResult twin = module_runner("lockdep_bugs", {"--time", "virtual", "bug=unlock", "fixed=1", "--strict"});
    CHECK(twin.exit_code == 0);
    CHECK(twin.out.find("kshim: reports by kind") == std::string::npos);
}

TEST_CASE("The runner option --no-detector silences a detector or one kind for the run, and an unknown name is a usage error", "[runner]")
{
    ProcResult r = module_runner("lockdep_bugs", {"--time", "virtual", "bug=unlock", "--strict", "--no-detector=lockdep"});
    CHECK(r.out.find("bad unlock balance") == std::string::npos);
    CHECK(r.out.find("DEBUG_LOCKS_WARN_ON") == std::string::npos);
    CHECK(r.exit_code == 0);
    ProcResult kind = module_runner("lockdep_bugs", {"--time", "virtual", "bug=unlock", "--no-detector", "bad-unlock-balance"});
    CHECK(kind.out.find("bad unlock balance") == std::string::npos);
    CHECK(has_line(kind.out, "kshim: reports by kind: debug-locks-warn 1"));
    ProcResult bad = module_runner("lockdep_bugs", {"--no-detector=nosuch"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("invalid value for --no-detector: 'nosuch'") != std::string::npos);
    CHECK(bad.err.find("  lockdep: debug-locks-warn circular-locking") != std::string::npos);
}

TEST_CASE("A second SIGTERM while the first is pending ends the run at once, with the log and where rmmod ran", "[runner]")
{
    ProcResult r = run_process({kshim_run(), test_module("exit_spin"), "--time", "virtual", "--softlockup-thresh", "0"},
                               20000, {{300, SIGTERM}, {800, SIGTERM}});
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 128 + SIGTERM);
    auto t = texts_of(r.out);
    size_t second = index_of(t, "kshim: a second SIGTERM while rmmod:");
    REQUIRE(second < t.size());
    CHECK(index_of(t, "exit_spin: waiting for the hardware to let go") < second);
    CHECK(r.out.find("exit_spin_exit+0x") != std::string::npos);
    CHECK(index_of(t, "kshim: end of run: interrupted by a second SIGTERM") < t.size());
}

TEST_CASE("SIGTERM reaches a kthread that busy-waits with cpu_relax: the runner unloads the module", "[runner]")
{
    ProcResult r = run_process({kshim_run(), test_module("spin_relax"), "--time", "virtual", "--softlockup-thresh", "0"},
                               20000, {{300, SIGTERM}});
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 0);
    CHECK(has_line(r.out, "spin_relax: done waiting"));
}
