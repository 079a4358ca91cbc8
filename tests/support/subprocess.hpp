// Test helper: runs an executable (a sample runner, kshim-run) with a timeout and captures its output.
#pragma once

#include <string>
#include <vector>

namespace kshim_test {

struct ProcResult {
    int exit_code = -1;      // the exit status, or -1 if it did not exit normally
    int term_signal = 0;     // the signal that ended it, if any
    bool timed_out = false;  // killed because it ran longer than the timeout
    std::string out;         // everything it wrote to stdout
    std::string err;         // everything it wrote to stderr
};

// A signal the test sends the process after_ms of wall time after it started.
struct TimedSignal {
    int after_ms;
    int sig;
};

// Spawns argv[0] with argv (no shell), stdin from /dev/null, and waits at most timeout_ms of
// wall time; a process still running then is killed (SIGKILL) and reported as timed out.
// `signals` are sent on the way, in order.
ProcResult run_process(const std::vector<std::string> &argv, int timeout_ms = 10000,
                       const std::vector<TimedSignal> &signals = {});

// Path helpers over the compile definitions of the test executable.
std::string sample_bin(const std::string &name);      // build/samples/NAME/NAME
std::string sample_src(const std::string &rel);       // samples/REL
std::string test_module(const std::string &name);     // build/tests/modules/NAME.ko
std::string test_runner(const std::string &name);     // build/tests/modules/NAME (its runner)
std::string kshim_run();                              // the generic runner
// Runs test module NAME under the generic runner in virtual time, with EXTRA options.
ProcResult run_module(const std::string &name, const std::vector<std::string> &extra = {});
// Running a test module and comparing it with the real kernel: support/oracle.hpp.

// Reads a whole file; empty if it cannot be read.
std::string read_file(const std::string &path);
// Splits text into lines (without the newlines).
std::vector<std::string> lines_of(const std::string &text);
// Drops a leading "[    1.234567] " console timestamp, if there is one.
std::string strip_timestamp(const std::string &line);

}  // namespace kshim_test
