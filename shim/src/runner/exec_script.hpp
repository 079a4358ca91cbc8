// The runner's --exec script: its commands parsed into data (a pure function: no kernel, no I/O).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kshim {

// The built-in commands (busybox's applets and shell builtins, and the kshim-only ioctl).
// User: a program the user named with --user (its words in args, args[0] its name).
enum class ExecOp : uint8_t { Cat, Head, Echo, Printf, Ls, Mknod, Sleep, Dd, Ioctl, User };

// One command of a line, checked and with its operands decoded. Fields not of its op stay default.
struct ExecCommand {
    ExecOp op = ExecOp::Cat;
    std::vector<std::string> args;     // cat: FILEs; head, ls, ioctl: [0] the path; echo: the words;
                                       // printf: FORMAT then ARGUMENTs; mknod: [0] the path
    bool head_bytes = false;           // head -c (else -n)
    uint64_t count = 10;               // head's N
    bool no_newline = false;           // echo -n
    bool escapes = false;              // echo -e
    unsigned major = 0, minor = 0;     // mknod
    uint64_t sleep_ns = 0;             // sleep
    std::string dd_if, dd_of;          // dd (dd_of empty: standard output)
    uint64_t bs = 512, skip = 0;
    std::optional<uint64_t> dd_count;  // dd count= (none: to the end)
    unsigned long nr = 0;              // ioctl's command number
    unsigned long value = 0;           // ioctl's argument by value
    std::optional<std::string> buf;    // ioctl x:HEX: the bytes of a user buffer passed instead
    std::string redirect;              // > FILE or >> FILE (empty: the console)
    bool append = false;               // >>
    bool background = false;           // CMD &: its own user task, not waited for
    bool err_to_out = false;           // the line's last command: errors go where its output goes
};

// One ';'-separated entry: echoed as "$ TEXT", then its commands ('&' separates them) run.
struct ExecLine {
    std::string text;
    std::vector<ExecCommand> commands;
};

struct ExecScript {
    std::vector<ExecLine> lines;
};

// A --user program: the command name --exec knows it by (the file name without .c), where it
// came from, and the host executable that runs (the source built with the host's cc).
struct UserProgram {
    std::string name;
    std::string source;   // PROG.c, or an executable given as it is
    std::string exe;      // filled when built (runner/user_programs.cpp)
};

// The parse's outcome: error is empty when the script is valid (then script holds it).
struct ExecParse {
    ExecScript script;
    std::string error;
};

// Parses 'CMD; CMD & CMD; ...' as kernel-oracle's --exec splits it (at every ';', leading blanks
// dropped, empty entries skipped), each entry with sh's quoting ('', "", \), '&', '>' and '>>'.
// Anything else of sh (pipes, variables, globs, other commands) is an error; a command named in
// programs (the --user programs) runs that program. Pure: any context.
ExecParse parse_exec_script(std::string_view text, const std::vector<std::string> &programs = {});

}  // namespace kshim
