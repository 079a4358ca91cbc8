// Test helper: a test module's own log lines from the real kernel's log (tests/oracle) and from a kshim run.
#pragma once

#include <string>
#include <vector>

#include "support/subprocess.hpp"

namespace kshim_test {

// The lines of `log` (console text, timestamps dropped) that start with prefix, in order.
inline std::vector<std::string> lines_with_prefix(const std::string &log, const std::string &prefix)
{
    std::vector<std::string> out;
    for (const std::string &line : lines_of(log)) {
        std::string text = strip_timestamp(line);
        if (text.rfind(prefix, 0) == 0)
            out.push_back(text);
    }
    return out;
}

// tests/oracle/NAME.kernel.txt's lines that start with "NAME: ".
inline std::vector<std::string> oracle_module_lines(const std::string &name)
{
    return lines_with_prefix(read_file(std::string(KSHIM_ORACLE_LOGS) + "/" + name + ".kernel.txt"), name + ": ");
}

// Runs tests/modules/NAME in virtual time (insmod, then rmmod) and returns its output.
inline ProcResult run_test_module(const std::string &name, std::vector<std::string> args = {})
{
    std::vector<std::string> argv = {test_runner(name), "--time", "virtual", "--run-for", "1s"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, 20000);
}

// A test module's run beside the real kernel's log: its exit code and the "NAME: " lines of both.
struct OracleRun {
    int exit_code = -1;
    std::vector<std::string> got, want;
};

inline OracleRun run_against_oracle(const std::string &name)
{
    ProcResult r = run_test_module(name);
    return {r.exit_code, lines_with_prefix(r.out, name + ": "), oracle_module_lines(name)};
}

}  // namespace kshim_test
