// The runner's --exec: each parsed command run in a user task, its transcript on the console.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runner/exec_script.hpp"

namespace kshim {

class Kernel;
class UserTask;
class HostProcesses;

// Runs an --exec script as kernel-oracle's busybox shell would: each line echoed as "$ TEXT",
// then its commands, each in a user task of its own named as the process would be (cat, head,
// dd, ...; echo and printf are the shell's builtins, so they run in one "sh" task), with
// busybox's output and messages. A foreground command is waited for (the kernel runs meanwhile,
// in virtual or real time); a background one (CMD &) is not. Output goes to `console` in the
// order it is made. The session owns its user tasks: destroy it before the kernel.
class ExecSession {
public:
    using Sink = std::function<void(std::string_view)>;
    ExecSession(Kernel &k, Sink console);
    ~ExecSession();
    ExecSession(const ExecSession &) = delete;
    ExecSession &operator=(const ExecSession &) = delete;

    // Runs the lines in order. Host thread, no task running. Returns false when a foreground
    // command can never finish (nothing can wake it) or SIGINT/SIGTERM came: the rest is skipped.
    bool run(const ExecScript &script);
    // The --user programs the script's commands may name (their executables built). Host thread.
    void set_programs(std::vector<UserProgram> programs);

private:
    UserTask *task_for(const ExecCommand &c);
    bool wait_for(UserTask *t, const ExecLine &line);

    Kernel &k_;
    Sink console_;
    ExecScript script_;                             // what the tasks' calls refer to
    std::vector<std::unique_ptr<UserTask>> tasks_;  // every process the script started
    UserTask *shell_ = nullptr;                     // the shell: foreground builtins run in it
    std::vector<UserProgram> programs_;             // --user
    std::unique_ptr<HostProcesses> hosts_;          // their processes (and the scheduler's wait)
    const std::string *exe_of(const std::string &name) const;
};

}  // namespace kshim
