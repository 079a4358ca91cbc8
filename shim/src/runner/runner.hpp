// The insmod/rmmod runner behind every module executable and the generic kshim-run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kernel.hpp"
#include "runner/exec_script.hpp"
#include "trace/outputs.hpp"

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
    std::string mount_dir;       // --mount: the module's files through FUSE (runner/mount.cpp)
    std::vector<std::pair<std::string, std::string>> host_ro;   // --host-ro: host file, kshim path
    // Schedule exploration (explore.cpp): --explore N runs, --replay SEED one of them again.
    uint64_t explore_runs = 0;
    bool replay = false;
    bool seed_given = false;     // --seed or --replay
    bool sched_given = false;    // --sched
    std::vector<ModuleArg> modules;
    std::vector<IrqRaise> irqs;
    std::vector<GpioDrive> gpios;
    ExecScript exec;             // --exec: commands run after insmod (exec_commands.cpp)
    std::optional<std::string> exec_text;   // --exec's text, parsed once the --user names are known
    std::vector<UserProgram> users;   // --user PROG(.c): programs --exec may run (user_programs.cpp)
    TraceOutputs trace;          // --trace, --trace-text, --timeline (trace/outputs.hpp)
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
// --explore N: runs the modules up to N times, seed after seed, under an exploring policy
// (random unless --sched says), and stops at the first run with a BUG, WARNING, crash,
// deadlock or failed KUnit case: its log, and the command that replays it. Host thread, no
// kernel running. Returns the exit status (1 if a run failed). argv: the command line.
int explore(const RunnerConfig &cfg, int argc, char **argv);
// --replay SEED (and --explore's runs): the defaults an exploration run has when the command
// line leaves them out: virtual time, a bounded --run-for, the random policy.
void explore_defaults(RunnerConfig &cfg);
// What a run reported, for --explore: the BUG and WARNING counts and the first report's headline.
struct RunOutcome {
    unsigned bugs = 0;
    unsigned warnings = 0;
    std::string first_report;
};
// One run in this process with the given kernel options (console, signal fd as the caller set
// them): insmod, life, rmmod, report. Host thread, no kernel yet. Returns the exit status and,
// if out is given, what the run reported.
int run_kernel(const RunnerConfig &cfg, const Options &opts, RunOutcome *out = nullptr);
// Runs insmod, the module's life, rmmod and the end-of-run report, in a kernel of its own.
// Host thread, no kernel running yet. Returns the exit status.
int run_modules(const RunnerConfig &cfg, const std::string &prog);
// --mount's phase 2 (runner/mount.cpp): mounts cfg.mount_dir (or says why not, and the run
// goes on without it), serves it until --run-for ends or SIGINT/SIGTERM comes, unmounts.
// Host thread, after insmod.
void live_mounted(Kernel &k, const RunnerConfig &cfg);
// The whole runner: arguments, --help/--modinfo, or a run. builtin_module names the module file
// beside the executable (empty for kshim-run). Host thread, no kernel yet. Returns the exit status.
int runner_main(int argc, char **argv, const char *builtin_module);

}  // namespace kshim

extern "C" int kshim_runner_main(int argc, char **argv, const char *builtin_module);
