// Test helper: running a test module's runner and comparing its log with the real kernel's (tests/oracle/NAME.kernel.txt).
#pragma once

#include <string>
#include <vector>

#include "support/subprocess.hpp"

namespace kshim_test {

// The one way to run a test module: tests/modules/NAME's runner (insmod, run, rmmod) in virtual
// time for run_for (e.g. "1s", "2s"), with extra runner args after it (--irq, --gpio, ...).
ProcResult run_test_module(const std::string &name, const std::string &run_for = "1s",
                           const std::vector<std::string> &args = {});

// tests/oracle/NAME.kernel.txt, made with kernel-oracle (tests/oracle/README.md), and its text.
std::string oracle_log_path(const std::string &name);
std::string oracle_log(const std::string &name);

// The two ways a test compares a run with the real kernel:
//
// 1. The project's compare-kernel-log tool (../shared/tools/compare-kernel-log WANT GOT [opts]):
//    every line of the oracle's log that kshim is expected to print must appear, in order, with
//    the tool's tolerance for what differs between a VM and kshim (timestamps, addresses, other
//    modules' lines). For modules whose log carries the kernel's own lines (WARNs, genirq).
//
// compare_kernel_log: the tool on `log` against want_path; its exit code 0 means they match.
ProcResult compare_kernel_log(const std::string &want_path, const std::string &log,
                              const std::vector<std::string> &opts = {});
// Whether python3 and the tool are there (a test may skip the tool's half without them).
bool compare_tool_available();
// run_test_module(name, run_for) into `run`, then the tool against tests/oracle/NAME.kernel.txt.
ProcResult compare_with_oracle(const std::string &name, const std::string &run_for, ProcResult &run);

// 2. Exact prefix lines: the module's own "NAME: " lines of both logs, timestamps dropped, must
//    be equal, line for line. For modules that print only their own lines.
//
// The lines of `log` (console text, timestamps dropped) or of `texts` (record texts, as
// TestKernel::log_texts()) that start with prefix, in order.
std::vector<std::string> lines_with_prefix(const std::string &log, const std::string &prefix);
std::vector<std::string> lines_with_prefix(const std::vector<std::string> &texts, const std::string &prefix);
// tests/oracle/NAME.kernel.txt's lines that start with "NAME: ".
std::vector<std::string> oracle_module_lines(const std::string &name);

// A test module's run beside the real kernel's log: its exit code and the "NAME: " lines of both.
struct OracleRun {
    int exit_code = -1;
    std::vector<std::string> got, want;
};
// run_test_module(name), then both logs' "NAME: " lines; a test checks got == want.
OracleRun run_against_oracle(const std::string &name);

}  // namespace kshim_test
