// The runner's --user programs: built with the host's C compiler before the run, in a directory removed after it.
#pragma once

#include <string>
#include <vector>

#include "runner/exec_script.hpp"

namespace kshim {

// The build directory of one run's --user programs; removed with everything in it at the end.
class UserBuild {
public:
    UserBuild() = default;
    ~UserBuild();
    UserBuild(const UserBuild &) = delete;
    UserBuild &operator=(const UserBuild &) = delete;

    // Fills each program's exe: a PROG.c built with $CC (else cc) -O1 as the oracle builds it
    // (but not static: the preload library needs the dynamic loader), an executable as it is.
    // Host thread, before the kernel. Returns an error message, empty when every one is ready.
    std::string build(std::vector<UserProgram> &progs);

private:
    std::string dir_;
};

// The command name of a --user PROG(.c) argument: its file name without .c.
std::string user_program_name(const std::string &path);

}  // namespace kshim
