// Runner command line: options, durations, and insmod-style module parameters.
#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "debug/report.hpp"
#include "gpio/gpio.hpp"
#include "irq/irq.hpp"
#include "runner/runner.hpp"
#include "runner/user_programs.hpp"

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
    // strtod also reads "inf", "nan" and huge exponents: what does not fit 64 bits of
    // nanoseconds (about 584 years) is no duration. The test is false for NaN as well.
    const double total = v * scale;
    if (!(total < 18446744073709551616.0))
        return false;
    ns = (uint64_t)total;
    return true;
}

// Everything here runs on the host thread before the kernel exists.
namespace {

// A decimal in [lo, hi] filling the whole of s.
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

// Quotes an option's value for an error message ('' when it was missing).
std::string quoted(const char *v)
{
    std::string q = "'";
    q += v ? v : "";
    q += '\'';
    return q;
}

// The parsers of valued options: each stores its value in cfg, or returns the error message.
std::string parse_run_for(const char *v, RunnerConfig &cfg)
{
    uint64_t ns;
    if (!v || !parse_duration(v, ns))
        return "invalid duration for --run-for: " + quoted(v);
    cfg.run_for_ns = ns;
    return {};
}

std::string parse_time(const char *v, RunnerConfig &cfg)
{
    cfg.time_given = true;
    if (v && std::strcmp(v, "real") == 0)
        cfg.kernel.time = TimeMode::Real;
    else if (v && std::strcmp(v, "virtual") == 0)
        cfg.kernel.time = TimeMode::Virtual;
    else
        return "invalid value for --time: " + quoted(v) + " (use real or virtual)";
    return {};
}

std::string parse_cpus(const char *v, RunnerConfig &cfg)
{
    if (!v || !parse_uint(v, 1, 64, cfg.kernel.cpus))
        return "invalid value for --cpus: " + quoted(v) + " (1 to 64)";
    return {};
}

std::string parse_loglevel(const char *v, RunnerConfig &cfg)
{
    unsigned lvl;
    if (!v || !parse_uint(v, 0, 15, lvl))
        return "invalid value for --loglevel: " + quoted(v) + " (0 to 15)";
    cfg.kernel.console_level = (int)lvl;
    return {};
}

// --color=WHEN: dmesg's modes and its wording for a bad one.
std::string parse_color(const char *v, RunnerConfig &cfg)
{
    std::string w = v ? v : "";
    if (w == "auto")
        cfg.color = ColorWhen::Auto;
    else if (w == "always")
        cfg.color = ColorWhen::Always;
    else if (w == "never")
        cfg.color = ColorWhen::Never;
    else
        return "unsupported color mode: " + quoted(v);
    return {};
}

// --level LIST: dmesg's comma-separated level names; the console shows only those levels.
std::string parse_level(const char *v, RunnerConfig &cfg)
{
    static const char *const names[] = {"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"};
    if (!v)
        return "option --level needs a LIST (e.g. err,warn)";
    cfg.kernel.console_levels = 0;
    std::string list = v;
    for (size_t start = 0; start <= list.size();) {
        size_t comma = std::min(list.find(',', start), list.size());
        std::string name = list.substr(start, comma - start);
        const auto *it = std::find(std::begin(names), std::end(names), name);
        if (!name.empty() && it == std::end(names))
            return "unknown level " + quoted(name.c_str());
        if (!name.empty())
            cfg.kernel.console_levels |= 1u << (it - std::begin(names));
        start = comma + 1;
    }
    return {};
}

// A decimal count >= 1 filling the whole of s.
bool parse_count(const std::string &s, uint64_t &out)
{
    char *end = nullptr;
    errno = 0;
    unsigned long long v = std::strtoull(s.c_str(), &end, 10);
    if (s.empty() || *end || errno || v == 0 || s[0] == '-')
        return false;
    out = v;
    return true;
}

// A detector's threshold in whole seconds, as the kernel's sysctls take it; 0 turns it off.
std::string parse_threshold(const char *opt, const char *v, uint64_t &out)
{
    uint64_t ns;
    if (!v || !parse_duration(v, ns) || (ns && ns < kNsecPerSec))
        return std::string("invalid value for ") + opt + ": " + quoted(v) + " (a duration of 1s or more, or 0 to turn it off)";
    out = ns / kNsecPerSec * kNsecPerSec;
    return {};
}

std::string parse_softlockup(const char *v, RunnerConfig &cfg)
{
    return parse_threshold("--softlockup-thresh", v, cfg.kernel.softlockup_thresh_ns);
}

std::string parse_hung_timeout(const char *v, RunnerConfig &cfg)
{
    return parse_threshold("--hung-task-timeout", v, cfg.kernel.hung_timeout_ns);
}

std::string parse_wq_watchdog(const char *v, RunnerConfig &cfg)
{
    return parse_threshold("--wq-watchdog-thresh", v, cfg.kernel.wq_watchdog_thresh_ns);
}

// --irq N@PERIOD[xCOUNT]: N a line of the interrupt controller, PERIOD a duration above 0.
std::string parse_irq(const char *v, RunnerConfig &cfg)
{
    const std::string bad = "invalid value for --irq: " + quoted(v) +
                            " (use N@PERIOD[xCOUNT], e.g. 5@100ms or 1@2sx3; N from 0 to " +
                            std::to_string(Irqs::kNrIrqs - 1) + ")";
    std::string text = v ? v : "";
    size_t at = text.find('@');
    IrqRaise r;
    if (at == std::string::npos || !parse_uint(text.substr(0, at).c_str(), 0, Irqs::kNrIrqs - 1, r.irq))
        return bad;
    std::string period = text.substr(at + 1);
    size_t x = period.find('x');
    if (x != std::string::npos) {
        if (!parse_count(period.substr(x + 1), r.count))
            return bad;
        period.resize(x);
    }
    if (!parse_duration(period, r.period_ns) || r.period_ns == 0)
        return bad;
    cfg.irqs.push_back(r);
    return {};
}

// --gpio N=V@TIME: N a line of the GPIO chip, V 0 or 1, TIME a duration from the start.
std::string parse_gpio(const char *v, RunnerConfig &cfg)
{
    const std::string bad = "invalid value for --gpio: " + quoted(v) +
                            " (use N=V@TIME, e.g. 17=1@1s; N from 0 to " + std::to_string(Gpio::kLines - 1) +
                            ", V 0 or 1)";
    std::string text = v ? v : "";
    size_t eq = text.find('='), at = text.find('@');
    GpioDrive g;
    unsigned value = 0;
    if (eq == std::string::npos || at == std::string::npos || at < eq ||
        !parse_uint(text.substr(0, eq).c_str(), 0, Gpio::kLines - 1, g.line) ||
        !parse_uint(text.substr(eq + 1, at - eq - 1).c_str(), 0, 1, value) ||
        !parse_duration(text.substr(at + 1), g.at_ns))
        return bad;
    g.value = (int)value;
    cfg.gpios.push_back(g);
    return {};
}

// --no-detector=NAME (or --no-detector NAME): a report kind or a whole detector stays silent.
std::string parse_no_detector(const char *v, RunnerConfig &cfg)
{
    if (!v || !Reports::known_name(v))
        return "invalid value for --no-detector: " + quoted(v) + " (a report kind or detector; see --help)";
    cfg.kernel.no_detectors.push_back(v);
    return {};
}

// --fail=kmalloc:probability=P,interval=N,times=K,space=BYTES (or vmalloc:...).
std::string parse_fail(const char *v, RunnerConfig &cfg)
{
    std::string err = v ? FaultInject::parse(v, cfg.kernel.faults) : "missing value";
    return err.empty() ? err : "invalid value for --fail: " + quoted(v) + ": " + err;
}

// --fail-nth=N: the N-th fallible call from module code fails (N >= 1).
std::string parse_fail_nth(const char *v, RunnerConfig &cfg)
{
    uint64_t n;
    if (!v || !parse_count(v, n))
        return "invalid value for --fail-nth: " + quoted(v) + " (a count from 1)";
    cfg.kernel.faults.fail_nth = n;
    return {};
}

// --exec 'CMD; CMD & CMD; ...': parsed now, so bad syntax runs nothing (exec_script.cpp).
// Parsed at the end of the command line (parse_runner_args), when every --user name is known.
std::string parse_exec(const char *v, RunnerConfig &cfg)
{
    cfg.exec_text = v ? v : "";
    return {};
}

// --exec's script, with the --user programs as commands of their own names.
std::string parse_exec_with_users(RunnerConfig &cfg)
{
    if (!cfg.users.empty() && !cfg.mount_dir.empty())
        return "--user does not work with --mount (its programs reach the module without it)";
    if (!cfg.users.empty() && (cfg.explore_runs || cfg.fail_sweep || cfg.replay))
        return "--user does not work with --explore, --replay or --fail-sweep yet";
    if (!cfg.exec_text)
        return {};
    std::vector<std::string> names;
    for (const UserProgram &u : cfg.users)
        names.push_back(u.name);
    ExecParse p = parse_exec_script(*cfg.exec_text, names);
    cfg.exec = std::move(p.script);
    return p.error;
}

// --user PROG.c (or an executable): a program --exec can run as a real host process.
std::string parse_user(const char *v, RunnerConfig &cfg)
{
    if (!v || !*v)
        return "--user needs a program (PROG.c or an executable)";
    cfg.users.push_back({user_program_name(v), v, {}});
    return {};
}

// --mount DIR: the module's files as real files under DIR (fs/fuse_mount.cpp); real time only.
std::string parse_mount(const char *v, RunnerConfig &cfg)
{
    if (!v || !*v)
        return "--mount needs a directory";
    cfg.mount_dir = v;
    return {};
}

// --host-ro HOSTPATH[:KSHIMPATH]: a host file read-only in kshim's namespace (fs/host_ro.cpp),
// at HOSTPATH's own path unless KSHIMPATH is given. Repeatable.
std::string parse_host_ro(const char *v, RunnerConfig &cfg)
{
    const std::string s = v ? v : "";
    const size_t colon = s.find(':');
    std::string host = s.substr(0, colon), at = colon == std::string::npos ? host : s.substr(colon + 1);
    if (host.empty() || at.empty() || at[0] != '/')
        return "--host-ro needs HOSTPATH[:KSHIMPATH], KSHIMPATH absolute";
    cfg.host_ro.emplace_back(host, at);
    return {};
}

// --trace FILE.json and --timeline FILE.html: where the trace-event JSON or the page goes.
std::string parse_trace(const char *v, RunnerConfig &cfg)
{
    if (!v || !*v)
        return "option --trace needs a FILE (the trace-event JSON)";
    cfg.trace.json = v;
    return {};
}

std::string parse_timeline(const char *v, RunnerConfig &cfg)
{
    if (!v || !*v)
        return "option --timeline needs a FILE (the HTML page)";
    cfg.trace.timeline = v;
    return {};
}

// --sched fifo|random|pct[:DEPTH]: the scheduling policy (sched/policy.hpp).
std::string parse_sched(const char *v, RunnerConfig &cfg)
{
    if (!v || !SchedConfig::parse(v, cfg.kernel.sched))
        return "invalid value for --sched: " + quoted(v) + " (fifo, random, pct or pct:DEPTH with DEPTH 1 to 100)";
    cfg.sched_given = true;
    return {};
}

// A seed: any unsigned 64-bit decimal.
bool parse_seed_value(const char *v, uint64_t &out)
{
    char *end = nullptr;
    errno = 0;
    unsigned long long n = v ? std::strtoull(v, &end, 10) : 0;
    if (!v || !*v || *end || errno || v[0] == '-')
        return false;
    out = n;
    return true;
}

// --seed N: the run's seed (get_random and the exploring policies; --explore's first seed).
std::string parse_seed(const char *v, RunnerConfig &cfg)
{
    if (!parse_seed_value(v, cfg.kernel.seed))
        return "invalid value for --seed: " + quoted(v) + " (an unsigned decimal)";
    cfg.seed_given = true;
    return {};
}

// --replay SEED: the exploration run with that seed, once (explore.cpp's defaults).
std::string parse_replay(const char *v, RunnerConfig &cfg)
{
    if (!parse_seed_value(v, cfg.kernel.seed))
        return "invalid value for --replay: " + quoted(v) + " (the seed --explore printed)";
    cfg.seed_given = cfg.replay = true;
    return {};
}

// --explore N: up to N runs with seeds from --seed (default 1) on.
std::string parse_explore(const char *v, RunnerConfig &cfg)
{
    if (!v || !parse_count(v, cfg.explore_runs))
        return "invalid value for --explore: " + quoted(v) + " (a count of runs from 1)";
    return {};
}

// --preempt-points all|none|unlock,atomic,wakeup: the exploring policies' optional points.
std::string parse_preempt_points(const char *v, RunnerConfig &cfg)
{
    if (!v || !SchedConfig::parse_points(v, cfg.kernel.sched.points))
        return "invalid value for --preempt-points: " + quoted(v) + " (all, none, or a list of unlock,atomic,wakeup)";
    return {};
}

// --filter GLOB: which KUnit suites and cases run, as 6.1's kunit.filter_glob.
std::string parse_filter(const char *v, RunnerConfig &cfg)
{
    if (!v || !*v)
        return "option --filter needs a GLOB (suite_glob[.case_glob], e.g. list* or list.*del*)";
    cfg.kunit_filter = v;
    return {};
}

// --kfence=all|off|MS: KFENCE guards every allocation, none, or one every MS ms (default 100,
// kfence.sample_interval's).
std::string parse_kfence(const char *v, RunnerConfig &cfg)
{
    std::string s = v ? v : "";
    uint64_t ms;
    if (s == "all")
        cfg.kernel.kfence_sample_ms = -1;
    else if (s == "off" || s == "0")
        cfg.kernel.kfence_sample_ms = 0;
    else if (parse_count(s, ms) && ms <= 3'600'000)
        cfg.kernel.kfence_sample_ms = (int64_t)ms;
    else
        return "invalid value for --kfence: " + quoted(v) + " (all, off, or a sample interval in ms)";
    return {};
}

// The options that take a value (the next argument, nullptr when there is none).
struct ValuedOption {
    const char *name;
    std::string (*parse)(const char *value, RunnerConfig &cfg);
};
constexpr ValuedOption kValued[] = {
    {"--run-for", parse_run_for},
    {"--time", parse_time},
    {"--cpus", parse_cpus},
    {"--loglevel", parse_loglevel},
    {"--irq", parse_irq},
    {"--gpio", parse_gpio},
    {"--level", parse_level},
    {"-l", parse_level},
    {"--no-detector", parse_no_detector},
    {"--fail", parse_fail},
    {"--fail-nth", parse_fail_nth},
    {"--exec", parse_exec},
    {"--user", parse_user},
    {"--filter", parse_filter},
    {"--softlockup-thresh", parse_softlockup},
    {"--hung-task-timeout", parse_hung_timeout},
    {"--wq-watchdog-thresh", parse_wq_watchdog},
    {"--mount", parse_mount},
    {"--host-ro", parse_host_ro},
    {"--trace", parse_trace},
    {"--timeline", parse_timeline},
    {"--sched", parse_sched},
    {"--seed", parse_seed},
    {"--replay", parse_replay},
    {"--explore", parse_explore},
    {"--preempt-points", parse_preempt_points},
    {"--kfence", parse_kfence},
};

// The options without a value; false if a is none of them.
bool parse_flag(const std::string &a, RunnerConfig &cfg)
{
    if (a == "--help" || a == "-h")
        cfg.help = true;
    else if (a == "--no-timestamps")
        cfg.kernel.timestamps = false;
    else if (a == "--strict")
        cfg.strict = true;
    else if (a == "--modinfo")
        cfg.modinfo = true;
    else if (a == "--wq-stats")
        cfg.kernel.wq_stats = true;
    else if (a == "--fail-sweep")
        cfg.fail_sweep = true;
    else if (a == "--list")
        cfg.kunit_list = true;
    else if (a == "--raw")
        cfg.kernel.console_raw = true;
    else
        return false;
    return true;
}

// A word that is not an option: a module file (unless the executable carries its module) or a
// parameter of the module before it.
std::string parse_word(const std::string &a, const std::string &builtin, RunnerConfig &cfg)
{
    if (a.rfind("--", 0) == 0 || (a.size() > 1 && a[0] == '-'))
        return "unknown option '" + a + "'";
    if (builtin.empty() && is_module_path(a))
        cfg.modules.push_back({a, {}});
    else if (cfg.modules.empty())
        return "parameter '" + a + "' given before any module file";
    else
        cfg.modules.back().params.push_back(a);
    return {};
}

// Parses argv[i] (and its value, advancing i past it). Returns an error message or empty.
// A valued option also takes its value as --name=value; --color's value is optional.
std::string parse_arg(int argc, char **argv, int &i, const std::string &builtin, RunnerConfig &cfg)
{
    std::string a = argv[i];
    if (parse_flag(a, cfg))
        return {};
    if (a == "--color")
        return parse_color("auto", cfg);
    if (a.rfind("--color=", 0) == 0)
        return parse_color(a.c_str() + 8, cfg);
    if (a == "--trace-text" || a.rfind("--trace-text=", 0) == 0) {   // stdout, or =FILE
        cfg.trace.text = true;
        cfg.trace.text_path = a.size() > 13 ? a.substr(13) : "";
        return {};
    }
    for (const ValuedOption &o : kValued) {
        if (a == o.name)
            return o.parse(i + 1 < argc ? argv[++i] : nullptr, cfg);
        const size_t n = std::strlen(o.name);
        if (a.size() > n && a.compare(0, n, o.name) == 0 && a[n] == '=')
            return o.parse(a.c_str() + n + 1, cfg);   // --option=value
    }
    return parse_word(a, builtin, cfg);
}

}  // namespace

std::string parse_runner_args(int argc, char **argv, const std::string &builtin, RunnerConfig &cfg)
{
    cfg.kernel.time = TimeMode::Real;
    cfg.kernel.host_watchdog = true;
    if (!builtin.empty())
        cfg.modules.push_back({builtin, {}});
    for (int i = 1; i < argc; ++i) {
        std::string err = parse_arg(argc, argv, i, builtin, cfg);
        if (!err.empty())
            return err;
    }
    if (cfg.modules.empty() && !cfg.help)
        return "no module file given";
    if (!cfg.mount_dir.empty() && cfg.kernel.time != TimeMode::Real)
        return "--mount works in real time only (drop --time virtual)";
    if (std::string err = parse_exec_with_users(cfg); !err.empty())
        return err;
    return {};
}

}  // namespace kshim
