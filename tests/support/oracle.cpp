// Test helper: running test modules and comparing their logs with the real kernel's (see oracle.hpp).
#include "support/oracle.hpp"

#include <unistd.h>

#include <cstdio>

namespace kshim_test {

namespace {
constexpr const char *kPython = "/usr/bin/python3";
constexpr int kModuleTimeoutMs = 20000;
}  // namespace

ProcResult run_test_module(const std::string &name, const std::string &run_for, const std::vector<std::string> &args)
{
    std::vector<std::string> argv = {test_runner(name), "--time", "virtual", "--run-for", run_for};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, kModuleTimeoutMs);
}

std::string oracle_log_path(const std::string &name) { return std::string(KSHIM_ORACLE_LOGS) + "/" + name + ".kernel.txt"; }

std::string oracle_log(const std::string &name) { return read_file(oracle_log_path(name)); }

bool compare_tool_available() { return ::access(KSHIM_COMPARE_TOOL, R_OK) == 0 && ::access(kPython, X_OK) == 0; }

ProcResult compare_kernel_log(const std::string &want_path, const std::string &log, const std::vector<std::string> &opts)
{
    static unsigned seq = 0;
    const std::string path = "/tmp/kshim_oracle_" + std::to_string(::getpid()) + "_" + std::to_string(++seq) + ".txt";
    if (FILE *f = std::fopen(path.c_str(), "w")) {
        std::fputs(log.c_str(), f);
        std::fclose(f);
    }
    std::vector<std::string> argv = {kPython, KSHIM_COMPARE_TOOL, want_path, path};
    argv.insert(argv.end(), opts.begin(), opts.end());
    ProcResult c = run_process(argv);
    std::remove(path.c_str());
    return c;
}

ProcResult compare_with_oracle(const std::string &name, const std::string &run_for, ProcResult &run)
{
    run = run_test_module(name, run_for);
    return compare_kernel_log(oracle_log_path(name), run.out + run.err);
}

std::vector<std::string> lines_with_prefix(const std::vector<std::string> &texts, const std::string &prefix)
{
    std::vector<std::string> out;
    for (const std::string &t : texts)
        if (t.rfind(prefix, 0) == 0)
            out.push_back(t);
    return out;
}

std::vector<std::string> lines_with_prefix(const std::string &log, const std::string &prefix)
{
    std::vector<std::string> texts;
    for (const std::string &line : lines_of(log))
        texts.push_back(strip_timestamp(line));
    return lines_with_prefix(texts, prefix);
}

std::vector<std::string> oracle_module_lines(const std::string &name)
{
    return lines_with_prefix(oracle_log(name), name + ": ");
}

OracleRun run_against_oracle(const std::string &name)
{
    ProcResult r = run_test_module(name);
    return {r.exit_code, lines_with_prefix(r.out, name + ": "), oracle_module_lines(name)};
}

}  // namespace kshim_test
