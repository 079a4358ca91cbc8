// The runner's life cycle: insmod each module, run, rmmod in reverse, report, exit status.
#include "runner/runner.hpp"

#include <signal.h>
#include <sys/signalfd.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "debug/crash.hpp"
#include "debug/report.hpp"
#include "fs/host_ro.hpp"
#include "gpio/gpio.hpp"
#include "irq/irq.hpp"
#include "kunit/kunit.hpp"
#include "mm/memory.hpp"
#include "module/module.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"
#include "runner/build_cache.hpp"
#include "runner/exec_commands.hpp"
#include "runner/user_programs.hpp"
#include "sched/scheduler.hpp"
#include "workqueue/workqueue.hpp"

#include "generated/utsrelease.h"

namespace kshim {

namespace {

constexpr uint64_t kSettleNs = 1'000'000'000;  // after the last rmmod, let what remains settle

const char *usage_text =
    "usage: %s [param=value ...] [--run-for DURATION] [--time real|virtual] [--cpus N]\n"
    "       [--loglevel N] [--no-timestamps] [--color[=auto|always|never]] [--level LIST]\n"
    "       [--strict] [--modinfo] [--wq-stats] [--help]\n"
    "       [--irq N@PERIOD[xCOUNT]]... [--gpio N=V@TIME]... [--no-detector=NAME]...\n"
    "       [--fail=kmalloc|vmalloc:probability=P,interval=N,times=K,space=BYTES[,verbose=V,ignore-gfp-wait=Y]]\n"
    "       [--fail-nth=N] [--fail-sweep] [--exec 'CMD; CMD & CMD; ...']\n"
    "       [--softlockup-thresh SECS] [--hung-task-timeout SECS] [--wq-watchdog-thresh SECS]\n"
    "       [--mount DIR] [--host-ro HOSTPATH[:KSHIMPATH]]... [--user PROG.c|PROGRAM]...\n"
    "       [--trace FILE.json] [--trace-text[=FILE]] [--timeline FILE.html]\n"
    "       [--sched fifo|random|pct[:DEPTH]] [--seed N] [--preempt-points LIST] [--explore N] [--replay SEED]\n"
    "       [--filter SUITE_GLOB[.CASE_GLOB]] [--list] [--raw]\n"
    "       [--kfence=all|off|MS]\n"
    "Loads the module as insmod would (its init runs in an \"insmod\" task), runs for DURATION\n"
    "(e.g. 5s, 1500ms, 2h) or, without --run-for, until the kernel is quiescent, or until\n"
    "SIGINT/SIGTERM arrives; then unloads it as rmmod would and reports what it left behind.\n"
    "--irq raises interrupt N every PERIOD (COUNT times); --gpio puts level V on GPIO line N at\n"
    "TIME (its edge interrupt fires if requested). Both are repeatable and print nothing.\n"
    "The detectors' thresholds (0 turns one off): soft lockup 20s, hung task 120s, workqueue\n"
    "lockup 30s. A second SIGINT/SIGTERM ends the run at once.\n"
    "--kfence guards one kmalloc/kmem_cache allocation every MS ms of kernel time (default 100),\n"
    "every allocation (all) or none (off), as KFENCE's sample_interval.\n"
    "--color and --level are dmesg's: its colours (auto: on a terminal), and only the levels in\n"
    "LIST (emerg,alert,crit,err,warn,notice,info,debug) on the console.\n"
    "kshim-run takes the modules as MODULE.ko [param=value ...], or as FILE.c [MORE.c ...]: it\n"
    "builds those with kshim-cc into a cache (again only when a source or header changed) and runs them.\n"
    "--fail makes allocations from module code fail as failslab (kmalloc) or fail_page_alloc\n"
    "(vmalloc) would; --fail-nth=N fails the N-th fallible call; --fail-sweep reruns the module\n"
    "failing call 1, 2, ... and prints what each failure led to.\n"
    "--exec runs commands after insmod, before the --run-for wait, each in a user task, echoed as\n"
    "\"$ CMD\" and followed by its output: cat, head -c|-n, echo [-n] [> FILE | >> FILE], printf, ls,\n"
    "mknod PATH c MAJOR MINOR, sleep, dd if= of= bs= count= skip=, ioctl FILE NR [ARG|x:HEX], CMD &.\n"
    "--mount DIR shows the module's /dev, /proc, /sys and debugfs files under DIR (an empty\n"
    "directory of yours) through FUSE, for real programs, until --run-for ends or Ctrl-C.\n"
    "--user PROG.c (built with cc) or PROGRAM makes PROG a command of --exec: a real program whose\n"
    "file calls on /dev, /proc and /sys reach the module (its memory is the user memory).\n"
    "--host-ro maps one host file read-only into kshim's namespace (at KSHIMPATH, else at the\n"
    "same path) for the module's filp_open/kernel_read; nothing else of the host is reachable.\n"
    "--trace writes the run's tracepoints (workqueue, timers, irqs, sched) as Chrome/Perfetto JSON;\n"
    "--trace-text prints them as /sys/kernel/tracing/trace would, after the log (or into FILE);\n"
    "--timeline draws the run as a self-contained HTML page.\n"
    "--sched picks the scheduling policy (fifo, the default; random or pct, seeded by --seed, may\n"
    "switch at any switch point and at the --preempt-points: unlock,atomic,wakeup, all by default).\n"
    "--explore N runs the module N times with seeds from --seed on (virtual time, --run-for 5s,\n"
    "random unless given) and stops at the first BUG, WARNING, crash, deadlock or failed KUnit case,\n"
    "printing its log and the command that replays it: --replay SEED.\n"
    "KUnit suites run when their module loads: --filter runs only the matching suites and cases\n"
    "(6.1's kunit.filter_glob), --list prints their suite.case names instead, --raw prints the\n"
    "log without timestamps and kshim's own lines (the KTAP alone); --strict also fails a case\n"
    "during which a WARNING or BUG is reported or an object is leaked (docs/kunit.md).\n"
    "--strict makes any report, leak or leftover fail the run. --no-detector=NAME silences one\n"
    "report kind or a whole detector for the run (repeatable); see docs/detectors.md. NAME is one of:\n"
    "%s\n";

// kmod's wording for the errors insmod commonly meets; strerror otherwise.
std::string insmod_reason(int err)
{
    switch (err) {
    case ENOEXEC: return "Invalid module format";
    case ENOENT: return "Unknown symbol in module, or unknown parameter (see dmesg)";
    case ESRCH: return "Unknown symbol in module";
    case EINVAL: return "Invalid parameters";
    case EEXIST: return "File exists";
    case EDEADLK: return "init did not return (it is blocked forever; see the deadlock report)";
    default: return std::strerror(err);
    }
}

std::string module_name(const std::string &path)
{
    std::string b = path.substr(path.find_last_of('/') + 1);
    return b.size() > 3 && b.compare(b.size() - 3, 3, ".ko") == 0 ? b.substr(0, b.size() - 3) : b;
}

// The parm: lines, typed parameters first (as modinfo prints them), then the untyped ones.
void print_params(const std::vector<std::pair<std::string, std::string>> &parms,
                  const std::vector<std::pair<std::string, std::string>> &types)
{
    for (auto &[name, type] : types) {
        std::string desc;
        for (auto &[pn, pd] : parms)
            if (pn == name)
                desc = pd;
        std::printf("%-16s%s:%s (%s)\n", "parm:", name.c_str(), desc.c_str(), type.c_str());
    }
    for (auto &[pn, pd] : parms) {
        bool typed = false;
        for (auto &[tn, tt] : types)
            typed |= tn == pn;
        if (!typed)
            std::printf("%-16s%s:%s\n", "parm:", pn.c_str(), pd.c_str());
    }
}

// modinfo's lines for one module file; false if it cannot be read.
bool print_one_modinfo(const std::string &path)
{
    std::vector<std::pair<std::string, std::string>> info, parms, types;
    if (Modules::read_modinfo(path, info) != 0)
        return false;
    std::printf("%-16s%s\n", "filename:", path.c_str());
    for (auto &[k, v] : info) {
        if (k == "parm")
            parms.emplace_back(v.substr(0, v.find(':')), v.substr(v.find(':') + 1));
        else if (k == "parmtype")
            types.emplace_back(v.substr(0, v.find(':')), v.substr(v.find(':') + 1));
        else
            std::printf("%-16s%s\n", (k + ":").c_str(), v.c_str());
    }
    std::printf("%-16s%s\n", "name:", module_name(path).c_str());
    std::printf("%-16s%s\n", "vermagic:", UTS_RELEASE " SMP preempt mod_unload modversions ");
    print_params(parms, types);
    return true;
}

// --modinfo: no kernel is started. Returns the exit status.
int print_modinfo(const RunnerConfig &cfg)
{
    for (const ModuleArg &m : cfg.modules) {
        if (!print_one_modinfo(m.path)) {
            std::fprintf(stderr, "modinfo: ERROR: Module %s not found.\n", m.path.c_str());
            return 1;
        }
    }
    return 0;
}

int make_signal_fd()
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigprocmask(SIG_BLOCK, &set, nullptr);
    return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

// Blocks until SIGINT/SIGTERM: used when real-time tasks sleep forever and nothing can wake
// them. The kernel reads and counts the signal. Host thread.
void wait_for_signal(Kernel &k, int fd)
{
    std::fputs("kshim: every task sleeps and nothing can wake them; press Ctrl-C to unload\n", stderr);
    k.sched().set_idle_wait(true);
    pollfd p{fd, POLLIN, 0};
    while (poll(&p, 1, -1) < 0 && errno == EINTR) {
    }
    k.sched().set_idle_wait(false);
    k.poll_signal();
}

// What rmmod left behind, summed over the modules.
struct Leftovers {
    size_t leaks = 0;
    size_t left = 0;   // tasks and timers
};

// Phase 1, insmod in order: stops at the first module that fails, as kmod's insmod reports it.
// Runs on the host thread, outside any task. Returns false if one failed.
bool insmod_all(Kernel &k, const RunnerConfig &cfg, std::vector<Module *> &loaded)
{
    for (const ModuleArg &a : cfg.modules) {
        Module *m = nullptr;
        int err = k.modules().load(a.path, a.params, &m);
        if (err) {
            k.log().flush();
            std::fprintf(stderr, "insmod: ERROR: could not insert module %s: %s\n",
                         module_name(a.path).c_str(), insmod_reason(-err).c_str());
            return false;
        }
        loaded.push_back(m);
    }
    return true;
}

// Phase 2, the modules' life: with --run-for they live that long (as insmod; sleep; rmmod),
// without it until the kernel is quiescent; a signal ends it early. Nothing here is a deadlock:
// rmmod, next, may wake what sleeps. Host thread.
void live(Kernel &k, const RunnerConfig &cfg, const Options &opts)
{
    Scheduler &s = k.sched();
    std::optional<uint64_t> deadline;
    if (cfg.run_for_ns)
        deadline = k.clock().now() + *cfg.run_for_ns;
    if (k.stop_requested())   // Ctrl-C during insmod: straight to rmmod
        return;
    RunResult r = deadline ? s.run_until(deadline) : s.run_until_quiescent();
    if (r == RunResult::Idle && !deadline && opts.time == TimeMode::Real && !s.quiescent()) {
        k.log().flush();
        wait_for_signal(k, opts.signal_fd);
    }
    k.clear_signal();  // Ctrl-C means rmmod now; a second one ends the run at once
}

// rmmod's wording (a printf format taking the module name) for a failed unload, or nullptr.
const char *rmmod_error(const UnloadReport &rep)
{
    if (rep.error == -EWOULDBLOCK)
        return "rmmod: ERROR: Module %s is in use\n";
    if (rep.error == -EBUSY)
        return "rmmod: ERROR: could not remove '%s': Device or resource busy\n";
    if (!rep.exit_finished)
        return "rmmod: ERROR: module_exit of %s did not return (blocked forever)\n";
    return nullptr;
}

// rmmod of one module. Host thread. Returns false when the unload failed; *stop is set when its
// module_exit never returned: nothing more is unloaded, and its leftovers are not counted.
bool rmmod_one(Kernel &k, Module *m, Leftovers &out, bool *stop)
{
    std::string name = m->name;
    UnloadReport rep = k.modules().unload(m);
    const char *why = rmmod_error(rep);
    *stop = why && rep.error != -EWOULDBLOCK && rep.error != -EBUSY;
    if (why) {
        k.log().flush();
        std::fprintf(stderr, why, name.c_str());
    }
    if (!*stop) {
        out.leaks += rep.leaks;
        out.left += rep.tasks_left + rep.timers_left;
    }
    return why == nullptr;
}

// Phase 3, rmmod in reverse order, then a settling second for what remains. Host thread.
// Returns false if any unload failed.
bool rmmod_all(Kernel &k, const std::vector<Module *> &loaded, Leftovers &out)
{
    bool ok = true;
    for (auto it = loaded.rbegin(); it != loaded.rend(); ++it) {
        bool stop = false;
        ok &= rmmod_one(k, *it, out, &stop);
        if (stop)
            break;
    }
    Scheduler &s = k.sched();
    s.run_until_quiescent(k.clock().now() + kSettleNs);
    return ok;
}

// Phase 4, the end-of-run report; returns the exit status given the status so far (--strict
// turns leftovers, BUGs and WARNINGs into 1). Host thread, after the last rmmod.
int report(Kernel &k, const RunnerConfig &cfg, const Leftovers &lo, int status)
{
    if (cfg.kernel.wq_stats)
        k.workqueues().print_all_stats();
    Reports &rp = k.reports();
    const bool dirty = lo.leaks || lo.left || rp.bugs() || rp.warnings();
    if (dirty)
        k.log().emit(4, strprintf("kshim: end of run: %zu leaked object(s), %zu task(s) left running, %u BUG(s), %u WARNING(s)",
                                  lo.leaks, lo.left, rp.bugs(), rp.warnings()));
    if (!rp.records().empty())
        k.log().emit(4, "kshim: reports by kind: " + rp.summary_by_kind());
    if (cfg.kernel.faults.fail_nth)
        k.log().emit(5, strprintf("kshim: fail-nth: %lu fallible call(s) made", k.faults().calls()));
    k.log().flush();
    if (cfg.strict && dirty && status == 0)
        return 1;
    return status;
}

// The devices of --irq and --gpio, armed on the kernel's clock from time 0. Host thread.
void arm_devices(Kernel &k, const RunnerConfig &cfg)
{
    for (const IrqRaise &r : cfg.irqs)
        k.irqs().raise_every(r.irq, r.period_ns, r.count);
    for (const GpioDrive &g : cfg.gpios)
        k.gpio().drive_at(g.line, g.value, g.at_ns);
}

// --host-ro's files, before any module loads; false (and why, on stderr) if one cannot be mapped.
bool map_host_files(Kernel &k, const RunnerConfig &cfg)
{
    for (const auto &[host, at] : cfg.host_ro) {
        const std::string why = map_host_ro(k.fs(), host, at);
        if (!why.empty()) {
            std::fprintf(stderr, "kshim: --host-ro %s: %s\n", host.c_str(), why.c_str());
            return false;
        }
    }
    return true;
}

}  // namespace

int run_modules(const RunnerConfig &cfg, const std::string &prog)
{
    (void)prog;
    Options opts = cfg.kernel;
    opts.timestamps &= !opts.console_raw;   // --raw: the KTAP as KUnit prints it, no dmesg stamps
    opts.signal_fd = make_signal_fd();
    opts.console_color = cfg.color == ColorWhen::Always || (cfg.color == ColorWhen::Auto && isatty(opts.console_fd));
    opts.trace = cfg.trace.any();
    install_crash_handlers();
    RunnerConfig with_users = cfg;   // --user: the programs built for this run, removed after it
    UserBuild users;
    if (std::string err = users.build(with_users.users); !err.empty()) {
        std::fprintf(stderr, "kshim: %s\n", err.c_str());
        return 1;
    }
    return run_kernel(with_users, opts);
}

int run_kernel(const RunnerConfig &cfg, const Options &opts, RunOutcome *out)
{
    Kernel k(opts);
    k.kunit().configure({cfg.kunit_filter, cfg.kunit_list, cfg.strict});
    if (cfg.seed_given || cfg.sched_given)   // the run's seed and policy, so that it can be replayed
        k.log().emit(5, "kshim: " + opts.sched.describe(opts.seed));
    arm_devices(k, cfg);
    if (!map_host_files(k, cfg))
        return 2;
    ExecSession exec(k, [&k](std::string_view text) { k.log().console().write_text(text); });
    exec.set_programs(cfg.users);
    std::vector<Module *> loaded;
    int status = 0;
    if (insmod_all(k, cfg, loaded)) {
        if (!cfg.exec.lines.empty())
            (void)exec.run(cfg.exec);   // a command that blocks forever skips the rest
        cfg.mount_dir.empty() ? live(k, cfg, opts) : live_mounted(k, cfg);
    } else
        status = 1;
    Leftovers lo;
    if (!rmmod_all(k, loaded, lo) || k.kunit().failed_suites())   // a failed KUnit suite fails the run
        status = 1;
    status = report(k, cfg, lo, status);
    std::string title;
    for (const ModuleArg &m : cfg.modules)
        title += (title.empty() ? "" : " ") + module_name(m.path);
    if (cfg.trace.any() && !write_trace_outputs(k, cfg.trace, title))
        status = 1;
    if (out)
        *out = {k.reports().bugs(), k.reports().warnings(),
                k.reports().records().empty() ? std::string() : k.reports().records().front().text};
    return status;
}

namespace {

// The path of the module an executable carries: its file sits beside the executable.
std::string builtin_path(const char *argv0, const char *builtin_module)
{
    if (!builtin_module || !*builtin_module)
        return {};
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    std::string dir = n > 0 ? std::string(self, (size_t)n) : std::string(argv0);
    return dir.substr(0, dir.find_last_of('/') + 1) + builtin_module;
}

// The names --no-detector takes, for --help: each detector, then its kinds. Host thread.
std::string detector_names()
{
    std::string out;
    for (const ReportKindInfo &d : kReportKinds) {
        if (out.find(std::string("  ") + d.detector + ":") != std::string::npos)
            continue;
        out += std::string(out.empty() ? "" : "\n") + "  " + d.detector + ":";
        for (const ReportKindInfo &i : kReportKinds)
            if (std::string(i.detector) == d.detector)
                out += std::string(" ") + i.name;
    }
    return out;
}

}  // namespace

int runner_main(int argc, char **argv, const char *builtin_module)
{
    std::string prog = argv[0];
    prog = prog.substr(prog.find_last_of('/') + 1);
    // kshim-run FILE.c ...: build the module (cached), then run it in place of this process.
    if (!builtin_module) {
        CachedBuild plan = plan_cached_build(argc, argv);
        if (!plan.sources.empty())
            return build_and_exec(plan, prog.c_str());
    }
    RunnerConfig cfg;
    std::string err = parse_runner_args(argc, argv, builtin_path(argv[0], builtin_module), cfg);
    const std::string names = detector_names();
    if (cfg.help) {
        std::printf(usage_text, prog.c_str(), names.c_str());
        return 0;
    }
    if (!err.empty()) {
        std::fprintf(stderr, "%s: %s\n", prog.c_str(), err.c_str());
        std::fprintf(stderr, usage_text, prog.c_str(), names.c_str());
        return 2;
    }
    if (cfg.modinfo)
        return print_modinfo(cfg);
    if (cfg.fail_sweep)
        return fail_sweep(cfg);
    if (cfg.explore_runs)
        return explore(cfg, argc, argv);
    if (cfg.replay)
        explore_defaults(cfg);
    return run_modules(cfg, prog);
}

}  // namespace kshim

extern "C" int kshim_runner_main(int argc, char **argv, const char *builtin_module)
{
    return kshim::runner_main(argc, argv, builtin_module);
}
