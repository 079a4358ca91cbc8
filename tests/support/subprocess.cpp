// Test helper: posix_spawn with captured stdout/stderr and a wall-clock timeout.
#include "support/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

extern char **environ;

namespace kshim_test {

namespace {

long long mono_ms()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

}  // namespace

ProcResult run_process(const std::vector<std::string> &argv, int timeout_ms, const std::vector<TimedSignal> &signals)
{
    ProcResult r;
    int outp[2], errp[2];
    if (pipe2(outp, O_CLOEXEC) != 0 || pipe2(errp, O_CLOEXEC) != 0) {
        r.err = std::string("pipe: ") + std::strerror(errno);
        return r;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, outp[1], 1);
    posix_spawn_file_actions_adddup2(&fa, errp[1], 2);
    // The child must not inherit signals blocked by the test process.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);

    std::vector<char *> args;
    for (const std::string &a : argv)
        args.push_back(const_cast<char *>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = -1;
    int rc = posix_spawn(&pid, args[0], &fa, &attr, args.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    close(outp[1]);
    close(errp[1]);
    if (rc != 0) {
        close(outp[0]);
        close(errp[0]);
        r.err = std::string("posix_spawn: ") + std::strerror(rc);
        return r;
    }

    const long long start = mono_ms(), deadline = start + timeout_ms;
    size_t next_sig = 0;
    pollfd fds[2] = {{outp[0], POLLIN, 0}, {errp[0], POLLIN, 0}};
    int open_fds = 2;
    char buf[65536];
    while (open_fds > 0) {
        long long now = mono_ms(), left = deadline - now;
        if (left <= 0) {
            r.timed_out = true;
            kill(pid, SIGKILL);
            break;
        }
        for (; next_sig < signals.size() && start + signals[next_sig].after_ms <= now; ++next_sig)
            kill(pid, signals[next_sig].sig);
        if (next_sig < signals.size())
            left = std::min(left, start + signals[next_sig].after_ms - now);
        int n = poll(fds, 2, (int)left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            continue;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            ssize_t got = read(fds[i].fd, buf, sizeof buf);
            if (got > 0) {
                (i == 0 ? r.out : r.err).append(buf, (size_t)got);
            } else if (got == 0 || errno != EINTR) {
                close(fds[i].fd);
                fds[i].fd = -1;
                --open_fds;
            }
        }
    }
    for (auto &f : fds)
        if (f.fd >= 0)
            close(f.fd);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status))
        r.exit_code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        r.term_signal = WTERMSIG(status);
    return r;
}

std::string sample_bin(const std::string &name) { return std::string(KSHIM_SAMPLES_BIN) + "/" + name + "/" + name; }
std::string sample_src(const std::string &rel) { return std::string(KSHIM_SAMPLES_SRC) + "/" + rel; }
std::string test_module(const std::string &name) { return std::string(KSHIM_TEST_MODULES) + "/" + name + ".ko"; }
std::string test_runner(const std::string &name) { return std::string(KSHIM_TEST_MODULES) + "/" + name; }
std::string kshim_run() { return KSHIM_RUN; }

ProcResult run_module(const std::string &name, const std::vector<std::string> &extra)
{
    std::vector<std::string> argv = {kshim_run(), test_module(name), "--time", "virtual"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run_process(argv, 10000);
}

std::string read_file(const std::string &path)
{
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

std::vector<std::string> lines_of(const std::string &text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
        out.push_back(line);
    return out;
}

std::string strip_timestamp(const std::string &line)
{
    if (line.size() >= 15 && line[0] == '[') {
        size_t close = line.find("] ");
        if (close != std::string::npos && close < 20)
            return line.substr(close + 2);
    }
    return line;
}

}  // namespace kshim_test
