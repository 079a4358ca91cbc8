// --user programs: real host processes whose file calls on kshim's namespace a user task serves, with their memory as its user memory.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct kshim_proc_req;

namespace kshim {

class Kernel;
class UserTask;

// One program the user named with --user, started by --exec as a host process (fork and exec
// of the host executable, with kshim's preload library, stdin /dev/null, stdout and stderr one
// pipe). The preload library sends the program's calls on /dev, /proc and /sys (and on the
// descriptors those gave it) over a socket; serve() runs them on the process's user task, whose
// UserMm is the process's own memory (UserMm::remote_pid: process_vm_readv/writev).
//
// States: Running (on the host, no call in kshim) -> Ready (a request or the exit is there; the
// host side saw it) -> Serving (the task runs the call) -> Running ... ; Exited at the hang-up.
class HostProcess {
public:
    using Sink = std::function<void(std::string_view)>;
    enum class State : uint8_t { Running, Ready, Serving, Exited };

    HostProcess(Kernel &k, UserTask &t) : k_(k), t_(t) {}
    ~HostProcess();   // kills the process if it still runs, and reaps it
    HostProcess(const HostProcess &) = delete;
    HostProcess &operator=(const HostProcess &) = delete;

    // Starts exe with argv (argv[0] the command's name) and LD_PRELOAD=preload. Host or task
    // context. Returns 0 or -errno.
    int start(const std::string &exe, const std::vector<std::string> &argv, const std::string &preload);
    // Serves the process's calls until it exits; its output goes to out as it comes. Returns
    // the exit status as the shell's $? (128 + the signal for a kill). On the process's task:
    // process context, may sleep.
    int serve(const Sink &out);

    // Host side (HostProcesses::wait). State, the fds it waits on, output taken meanwhile.
    State state() const { return state_; }
    int sock_fd() const { return sock_; }
    int out_fd() const { return out_; }
    void take_output();
    void make_ready();   // the request (or hang-up) is there: wakes the task
    pid_t pid() const { return pid_; }

private:
    void wait_ready();
    void flush_output(const Sink &out);
    int reap();
    long handle(const ::kshim_proc_req &rq, size_t len, long *aux);

    Kernel &k_;
    UserTask &t_;
    pid_t pid_ = -1;
    int sock_ = -1;
    int out_ = -1;
    State state_ = State::Exited;
    std::string pending_;   // output read while the task waited
    bool reaped_ = false;
    int status_ = 0;
};

// Every --user process of a run, and the scheduler's host wait over them (Scheduler::set_host_wait):
// while a process runs on the host, kshim's clock does not pass it. Destroying the set kills what
// still runs. Host context.
class HostProcesses {
public:
    explicit HostProcesses(Kernel &k);
    ~HostProcesses();
    HostProcesses(const HostProcesses &) = delete;
    HostProcesses &operator=(const HostProcesses &) = delete;

    HostProcess &add(UserTask &t);
    // The scheduler has nothing to run. until (real time only): the next event's clock time.
    // Virtual time waits until every running process has a request or has exited (so the
    // order of their calls never depends on the host's speed); real time until one has or
    // until comes. Returns whether the run can go on (a task woken, or a stop signal).
    bool wait(std::optional<uint64_t> until);
    // The preload library beside libkshim.so (built with it). Any context.
    static std::string preload_path();

private:
    Kernel &k_;
    std::vector<std::unique_ptr<HostProcess>> procs_;
};

}  // namespace kshim
