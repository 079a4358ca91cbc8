// SIGINT/SIGTERM make the runner unload the module (rmmod) and report, as Ctrl-C on a demo would.
#include <catch2/catch.hpp>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

extern char **environ;

namespace {

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
