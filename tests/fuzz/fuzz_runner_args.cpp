// Fuzz target: the runner's command line (shim/src/runner/options.cpp parse_runner_args) on an argv from the input.
//
// Input: [mode byte] then the arguments, one per line. The mode's low bit chooses between
// kshim-run (no module of its own) and a module executable that carries hello.ko. The parser
// must return (an error message or a configuration) and what it accepted must be coherent.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz_input.hpp"
#include "runner/runner.hpp"

namespace {

void require(bool ok, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "fuzz_runner_args: %s\n", what);
        std::abort();
    }
}

// What a successful parse promises: modules to run (unless --help), values in their ranges.
void check(const kshim::RunnerConfig &cfg, const std::string &builtin)
{
    require(cfg.help || !cfg.modules.empty(), "accepted without a module");
    require(builtin.empty() || cfg.modules.front().path == builtin, "the carried module is not first");
    require(cfg.kernel.cpus >= 1 && cfg.kernel.cpus <= 64, "--cpus out of range");
    require(cfg.kernel.console_level >= 0 && cfg.kernel.console_level <= 15, "--loglevel out of range");
    for (const kshim::IrqRaise &r : cfg.irqs)
        require(r.period_ns > 0, "--irq with no period");
    for (const kshim::GpioDrive &g : cfg.gpios)
        require(g.value == 0 || g.value == 1, "--gpio value neither 0 nor 1");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    kshim_fuzz::Input in(data, size);
    const std::string builtin = in.byte() & 1 ? "/b/hello.ko" : "";
    std::vector<std::string> words = in.split('\n');
    if (words.size() > 128)
        words.resize(128);
    std::vector<char *> argv;
    argv.push_back(const_cast<char *>(builtin.empty() ? "kshim-run" : "hello"));
    for (std::string &w : words)
        argv.push_back(w.data());
    argv.push_back(nullptr);  // argv[argc] is NULL, as main() gets it
    kshim::RunnerConfig cfg;
    const std::string err = kshim::parse_runner_args(static_cast<int>(argv.size() - 1), argv.data(), builtin, cfg);
    if (err.empty())
        check(cfg, builtin);
    return 0;
}
