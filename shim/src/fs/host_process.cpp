// --user programs: starting the host process, serving its forwarded file calls on its user task, the scheduler's wait for it.
#include "fs/host_process.hpp"

#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

#include "fs/host_proc_proto.h"
#include "fs/user_task.hpp"
#include "kernel.hpp"
#include "sched/scheduler.hpp"
#include "time/clock.hpp"

extern char **environ;
extern "C" int prctl(int option, ...);   // <sys/prctl.h> brings the host's linux/ headers

namespace {
constexpr int kPrSetPdeathsig = 1;   // PR_SET_PDEATHSIG
}

namespace kshim {

namespace {

std::vector<char *> c_strings(std::vector<std::string> &v)
{
    std::vector<char *> out;
    for (std::string &s : v)
        out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

// The child after fork: only async-signal-safe calls until exec. Never returns.
[[noreturn]] void exec_child(int sock, int out, pid_t parent, const char *exe, char **argv, char **envp)
{
    prctl(kPrSetPdeathsig, SIGKILL);   // kshim gone, whatever way: the program goes too
    if (getppid() != parent)
        _exit(127);
    int in = open("/dev/null", O_RDONLY);
    dup2(in, 0);
    dup2(out, 1);
    dup2(out, 2);   // the oracle runs each command with 2>&1
    dup2(sock, KSHIM_PROC_SOCK_FD);
    syscall(SYS_close_range, 3u, (unsigned)KSHIM_PROC_SOCK_FD - 1, 4u /* CLOSE_RANGE_CLOEXEC */);
    syscall(SYS_close_range, (unsigned)KSHIM_PROC_SOCK_FD + 1, ~0u, 4u);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);   // the runner blocks SIGINT/SIGTERM for its signalfd
    execve(exe, argv, envp);
    _exit(127);
}

}  // namespace

HostProcess::~HostProcess()
{
    if (pid_ > 0 && !reaped_) {
        kill(pid_, SIGKILL);
        (void)reap();
    }
    if (sock_ >= 0)
        close(sock_);
    if (out_ >= 0)
        close(out_);
}

int HostProcess::start(const std::string &exe, const std::vector<std::string> &argv, const std::string &preload)
{
    int sv[2], pipefd[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
        return -errno;
    if (pipe2(pipefd, O_CLOEXEC)) {
        int e = errno;
        close(sv[0]);
        close(sv[1]);
        return -e;
    }
    std::vector<std::string> args = argv, env;
    for (char **e = environ; *e; ++e)
        if (std::strncmp(*e, "LD_PRELOAD=", 11) && std::strncmp(*e, KSHIM_PROC_ENV "=", sizeof KSHIM_PROC_ENV))
            env.push_back(*e);
    env.push_back("LD_PRELOAD=" + preload);
    env.push_back(std::string(KSHIM_PROC_ENV "=") + std::to_string(KSHIM_PROC_SOCK_FD));
    std::vector<char *> cargv = c_strings(args), cenv = c_strings(env);
    const pid_t parent = getpid();
    pid_ = fork();
    if (pid_ == 0)
        exec_child(sv[1], pipefd[1], parent, exe.c_str(), cargv.data(), cenv.data());
    int e = errno;
    close(sv[1]);
    close(pipefd[1]);
    sock_ = sv[0];
    out_ = pipefd[0];
    fcntl(out_, F_SETFL, O_NONBLOCK);
    if (pid_ < 0)
        return -e;
    t_.mm().remote_pid = pid_;   // its user memory is the process's
    state_ = State::Running;
    return 0;
}

void HostProcess::take_output()
{
    char buf[4096];
    ssize_t n;
    while ((n = read(out_, buf, sizeof buf)) > 0)
        pending_.append(buf, (size_t)n);
}

void HostProcess::make_ready()
{
    state_ = State::Ready;
    t_.wake_host();
}

// Sleeps until the host side saw a request or the exit. A signal sent to the task meanwhile
// goes to the process (it runs on the host, so that is where it acts). Process context.
void HostProcess::wait_ready()
{
    state_ = State::Running;
    t_.wait_host([this] { return state_ == State::Ready; }, [this](int sig) { kill(pid_, sig); });
    state_ = State::Serving;
}

void HostProcess::flush_output(const Sink &out)
{
    take_output();
    if (!pending_.empty()) {
        std::string text;
        text.swap(pending_);
        out(text);
    }
}

int HostProcess::reap()
{
    int st = 0;
    while (waitpid(pid_, &st, 0) < 0 && errno == EINTR) {
    }
    reaped_ = true;
    return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
}

int HostProcess::serve(const Sink &out)
{
    for (;;) {
        wait_ready();
        flush_output(out);   // what the program printed before this call comes first
        kshim_proc_req rq;
        ssize_t n = recv(sock_, &rq, sizeof rq, MSG_DONTWAIT);
        if (n < (ssize_t)offsetof(kshim_proc_req, path))
            break;   // the hang-up: the process exited (or broke the protocol)
        kshim_proc_rep rp{};
        rp.ret = handle(rq, (size_t)n, &rp.aux);
        (void)send(sock_, &rp, sizeof rp, MSG_NOSIGNAL);
    }
    state_ = State::Exited;
    status_ = reap();
    flush_output(out);
    t_.close_all();   // process exit closes its files
    return status_;
}

// One forwarded call, on the task. Returns its value or -errno (aux: poll's revents).
long HostProcess::handle(const kshim_proc_req &rq, size_t len, long *aux)
{
    switch (rq.op) {
    case KSHIM_OP_OPEN: {
        const size_t max = len - offsetof(kshim_proc_req, path);
        std::string path(rq.path, strnlen(rq.path, max));
        return t_.sys_open(path, (int)rq.a & ~O_CLOEXEC);
    }
    case KSHIM_OP_CLOSE: return t_.sys_close(rq.fd);
    case KSHIM_OP_READ: return t_.sys_read(rq.fd, (void *)rq.a, (size_t)rq.b);
    case KSHIM_OP_WRITE: return t_.sys_write(rq.fd, (const void *)rq.a, (size_t)rq.b);
    case KSHIM_OP_IOCTL: return t_.sys_ioctl(rq.fd, (unsigned)rq.a, (unsigned long)rq.b);
    case KSHIM_OP_LSEEK: return t_.sys_lseek(rq.fd, (long)rq.a, (int)rq.b);
    case KSHIM_OP_POLL: {
        short rev = 0;
        long r = t_.sys_poll(rq.fd, (short)rq.a, (int)rq.b, &rev);
        *aux = rev;
        return r;
    }
    case KSHIM_OP_GETFL: return t_.sys_fcntl(rq.fd, F_GETFL, 0);
    case KSHIM_OP_SETFL: return t_.sys_fcntl(rq.fd, F_SETFL, (unsigned long)rq.a);
    case KSHIM_OP_DUP: return t_.sys_dup(rq.fd);
    }
    return -ENOSYS;
}

HostProcesses::HostProcesses(Kernel &k) : k_(k)
{
    k_.sched().set_host_wait([this](std::optional<uint64_t> until) { return wait(until); });
}

HostProcesses::~HostProcesses()
{
    k_.sched().set_host_wait(nullptr);
}

HostProcess &HostProcesses::add(UserTask &t)
{
    procs_.push_back(std::make_unique<HostProcess>(k_, t));
    return *procs_.back();
}

bool HostProcesses::wait(std::optional<uint64_t> until)
{
    std::vector<HostProcess *> running;
    for (auto &p : procs_)
        if (p->state() == HostProcess::State::Running)
            running.push_back(p.get());
    if (running.empty())
        return false;
    std::vector<bool> ready(running.size(), false);
    size_t left = running.size();
    while (left) {
        std::vector<pollfd> fds;
        for (HostProcess *p : running) {
            fds.push_back({p->sock_fd(), POLLIN, 0});
            fds.push_back({p->out_fd(), POLLIN, 0});   // drained meanwhile: a full pipe would stall it
        }
        const int sigfd = k_.options().signal_fd;
        if (sigfd >= 0)
            fds.push_back({sigfd, POLLIN, 0});
        int timeout = -1;
        if (until && *until != UINT64_MAX) {
            const uint64_t now = k_.clock().now();
            timeout = *until <= now ? 0 : (int)std::min<uint64_t>((*until - now + 999999) / 1000000, INT_MAX);
        }
        k_.console_flush_if_real();
        k_.sched().set_idle_wait(true);   // a wait on purpose: the host watchdog expects no beat
        const int n = poll(fds.data(), fds.size(), timeout);
        k_.sched().set_idle_wait(false);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        if (sigfd >= 0 && fds.back().revents) {
            k_.poll_signal();
            return true;   // the run loop sees the stop signal
        }
        for (size_t i = 0; i < running.size(); ++i) {
            if (fds[2 * i + 1].revents & POLLIN)
                running[i]->take_output();
            if (!ready[i] && fds[2 * i].revents) {
                ready[i] = true;
                --left;
            }
        }
        if (until && (left < running.size() || n == 0)) {   // real time: who is ready goes now
            for (size_t i = 0; i < running.size(); ++i)
                if (ready[i])
                    running[i]->make_ready();
            return left < running.size();   // none: the next event is due
        }
    }
    for (HostProcess *p : running)   // virtual time: all at once, in the order they started
        p->make_ready();
    return true;
}

std::string HostProcesses::preload_path()
{
    Dl_info info{};
    if (!dladdr(reinterpret_cast<void *>(&HostProcesses::preload_path), &info) || !info.dli_fname)
        return "libkshim_preload.so";
    std::string lib = info.dli_fname;
    const size_t slash = lib.rfind('/');
    return (slash == std::string::npos ? std::string(".") : lib.substr(0, slash)) + "/libkshim_preload.so";
}

}  // namespace kshim
