// Runner command line: options, durations, and insmod-style module parameters.
#include <cstdlib>
#include <cstring>

#include "runner/runner.hpp"

namespace kshim {

bool parse_duration(const std::string &text, uint64_t &ns)
{
    char *end = nullptr;
    errno = 0;
    double v = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || errno || v < 0)
        return false;
    std::string unit(end);
    double scale;
    if (unit.empty() || unit == "s")
        scale = 1e9;
    else if (unit == "ms")
        scale = 1e6;
    else if (unit == "us")
        scale = 1e3;
    else if (unit == "ns")
        scale = 1;
    else if (unit == "m" || unit == "min")
        scale = 60e9;
    else if (unit == "h")
        scale = 3600e9;
    else if (unit == "d")
        scale = 86400e9;
    else
        return false;
    ns = (uint64_t)(v * scale);
    return true;
}

namespace {

bool parse_uint(const char *s, unsigned lo, unsigned hi, unsigned &out)
{
    char *end = nullptr;
    long v = std::strtol(s, &end, 10);
    if (!*s || *end || v < (long)lo || v > (long)hi)
        return false;
    out = (unsigned)v;
    return true;
}

bool is_module_path(const std::string &a)
{
    return a.size() > 3 && a.compare(a.size() - 3, 3, ".ko") == 0;
}

}  // namespace

std::string parse_runner_args(int argc, char **argv, const std::string &builtin, RunnerConfig &cfg)
{
    cfg.kernel.time = TimeMode::Real;
    if (!builtin.empty())
        cfg.modules.push_back({builtin, {}});
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&](const char *opt) -> const char * {
            if (i + 1 >= argc)
                return nullptr;
            (void)opt;
            return argv[++i];
        };
        if (a == "--help" || a == "-h") {
            cfg.help = true;
        } else if (a == "--run-for") {
            const char *v = value("--run-for");
            uint64_t ns;
            if (!v || !parse_duration(v, ns))
                return "invalid duration for --run-for: '" + std::string(v ? v : "") + "'";
            cfg.run_for_ns = ns;
        } else if (a == "--time") {
            const char *v = value("--time");
            if (v && std::strcmp(v, "real") == 0)
                cfg.kernel.time = TimeMode::Real;
            else if (v && std::strcmp(v, "virtual") == 0)
                cfg.kernel.time = TimeMode::Virtual;
            else
                return "invalid value for --time: '" + std::string(v ? v : "") + "' (use real or virtual)";
        } else if (a == "--cpus") {
            const char *v = value("--cpus");
            if (!v || !parse_uint(v, 1, 64, cfg.kernel.cpus))
                return "invalid value for --cpus: '" + std::string(v ? v : "") + "' (1 to 64)";
        } else if (a == "--loglevel") {
            const char *v = value("--loglevel");
            unsigned lvl;
            if (!v || !parse_uint(v, 0, 15, lvl))
                return "invalid value for --loglevel: '" + std::string(v ? v : "") + "' (0 to 15)";
            cfg.kernel.console_level = (int)lvl;
        } else if (a == "--no-timestamps") {
            cfg.kernel.timestamps = false;
        } else if (a == "--strict") {
            cfg.strict = true;
        } else if (a == "--modinfo") {
            cfg.modinfo = true;
        } else if (a == "--wq-stats") {
            cfg.kernel.wq_stats = true;
        } else if (a.rfind("--", 0) == 0 || (a.size() > 1 && a[0] == '-')) {
            return "unknown option '" + a + "'";
        } else if (builtin.empty() && is_module_path(a)) {
            cfg.modules.push_back({a, {}});
        } else if (cfg.modules.empty()) {
            return "parameter '" + a + "' given before any module file";
        } else {
            cfg.modules.back().params.push_back(a);
        }
    }
    if (cfg.modules.empty() && !cfg.help)
        return "no module file given";
    return {};
}

}  // namespace kshim
