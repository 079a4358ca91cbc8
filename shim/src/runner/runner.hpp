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

// --irq N@PERIOD[xCOUNT]: raise irq every period_ns, count times (0: until the end).
struct IrqRaise {
    unsigned irq = 0;
    uint64_t period_ns = 0;
    uint64_t count = 0;
};

// --gpio N=V@TIME: the outside world puts value on GPIO line `line` at at_ns.
struct GpioDrive {
    unsigned line = 0;
    int value = 0;
    uint64_t at_ns = 0;
};

// --color=WHEN, as dmesg's: auto colours a console that is a terminal.
enum class ColorWhen { Auto, Always, Never };

struct RunnerConfig {
    Options kernel;
    ColorWhen color = ColorWhen::Auto;
    std::optional<uint64_t> run_for_ns;
    bool strict = false;
    std::string kunit_filter;    // --filter GLOB: KUnit's "suite_glob.case_glob"
    bool kunit_list = false;     // --list: KUnit's suite.case names, nothing runs
    bool fail_sweep = false;     // --fail-sweep: rerun failing call 1, 2, ... (fail_sweep.cpp)
    bool time_given = false;     // --time was on the command line
    bool modinfo = false;
    bool help = false;
    std::vector<ModuleArg> modules;
    std::vector<IrqRaise> irqs;
    std::vector<GpioDrive> gpios;
};

// Parses "[param=value ...] [--option ...]"; params attach to the preceding module path (or to
// `builtin` when the executable carries its module). Returns an error message, empty when valid.
std::string parse_runner_args(int argc, char **argv, const std::string &builtin, RunnerConfig &cfg);
// "5s", "1500ms", "2h", "250us", "10m", or plain seconds. Returns false when malformed.
bool parse_duration(const std::string &text, uint64_t &ns);
// --fail-sweep: runs the modules again and again in child processes, the N-th fallible call
// from module code failing in run N, until a run makes fewer than N; one line per run, then a
// summary. Host thread, no kernel running. Returns the exit status (1 if any run was not clean).
int fail_sweep(const RunnerConfig &cfg);
// Runs insmod, the module's life, rmmod and the end-of-run report, in a kernel of its own.
// Host thread, no kernel running yet. Returns the exit status.
int run_modules(const RunnerConfig &cfg, const std::string &prog);
// The whole runner: arguments, --help/--modinfo, or a run. builtin_module names the module file
// beside the executable (empty for kshim-run). Host thread, no kernel yet. Returns the exit status.
int runner_main(int argc, char **argv, const char *builtin_module);

}  // namespace kshim

extern "C" int kshim_runner_main(int argc, char **argv, const char *builtin_module);
