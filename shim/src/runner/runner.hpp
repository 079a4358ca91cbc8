// The insmod/rmmod runner behind every module executable and the generic kshim-run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kernel.hpp"

namespace kshim {

struct ModuleArg {
    std::string path;
    std::vector<std::string> params;
};

struct RunnerConfig {
    Options kernel;
    std::optional<uint64_t> run_for_ns;
    bool strict = false;
    bool modinfo = false;
    bool help = false;
    std::vector<ModuleArg> modules;
};

// Parses "[param=value ...] [--option ...]"; params attach to the preceding module path (or to
// `builtin` when the executable carries its module). Returns an error message, empty when valid.
std::string parse_runner_args(int argc, char **argv, const std::string &builtin, RunnerConfig &cfg);
// "5s", "1500ms", "2h", "250us", "10m", or plain seconds. Returns false when malformed.
bool parse_duration(const std::string &text, uint64_t &ns);
// Runs insmod, the module's life, rmmod and the end-of-run report, in a kernel of its own.
// Host thread, no kernel running yet. Returns the exit status.
int run_modules(const RunnerConfig &cfg, const std::string &prog);
// The whole runner: arguments, --help/--modinfo, or a run. builtin_module names the module file
// beside the executable (empty for kshim-run). Host thread, no kernel yet. Returns the exit status.
int runner_main(int argc, char **argv, const char *builtin_module);

}  // namespace kshim

extern "C" int kshim_runner_main(int argc, char **argv, const char *builtin_module);
