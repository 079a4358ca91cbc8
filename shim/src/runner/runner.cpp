// The runner's life cycle: insmod each module, run, rmmod in reverse, report, exit status.
#include "runner/runner.hpp"

#include <signal.h>
#include <sys/signalfd.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "debug/crash.hpp"
#include "debug/report.hpp"
#include "mm/memory.hpp"
#include "module/module.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"
#include "sched/scheduler.hpp"
#include "workqueue/workqueue.hpp"

#include "generated/utsrelease.h"

namespace kshim {

namespace {

constexpr uint64_t kSettleNs = 1'000'000'000;  // after the last rmmod, let what remains settle

const char *usage_text =
    "usage: %s [param=value ...] [--run-for DURATION] [--time real|virtual] [--cpus N]\n"
    "       [--loglevel N] [--no-timestamps] [--strict] [--modinfo] [--wq-stats] [--help]\n"
    "Loads the module as insmod would (its init runs in an \"insmod\" task), runs for DURATION\n"
    "(e.g. 5s, 1500ms, 2h) or, without --run-for, until the kernel is quiescent, or until\n"
    "SIGINT/SIGTERM arrives; then unloads it as rmmod would and reports what it left behind.\n";

// kmod's wording for the errors insmod commonly meets; strerror otherwise.
std::string insmod_reason(int err)
{
    switch (err) {
    case ENOEXEC: return "Invalid module format";
    case ENOENT: return "Unknown symbol in module, or unknown parameter (see dmesg)";
    case ESRCH: return "Unknown symbol in module";
    case EINVAL: return "Invalid parameters";
    case EEXIST: return "File exists";
    case EDEADLK: return "init did not return (it is blocked forever; see the hung task report)";
    default: return std::strerror(err);
    }
}

std::string module_name(const std::string &path)
{
    std::string b = path.substr(path.find_last_of('/') + 1);
    return b.size() > 3 && b.compare(b.size() - 3, 3, ".ko") == 0 ? b.substr(0, b.size() - 3) : b;
}

int print_modinfo(const RunnerConfig &cfg)
{
    for (const ModuleArg &m : cfg.modules) {
        std::vector<std::pair<std::string, std::string>> info;
        if (Modules::read_modinfo(m.path, info) != 0) {
            std::fprintf(stderr, "modinfo: ERROR: Module %s not found.\n", m.path.c_str());
            return 1;
        }
        std::printf("%-16s%s\n", "filename:", m.path.c_str());
        std::vector<std::pair<std::string, std::string>> parms, types;
        for (auto &[k, v] : info) {
            if (k == "parm")
                parms.emplace_back(v.substr(0, v.find(':')), v.substr(v.find(':') + 1));
            else if (k == "parmtype")
                types.emplace_back(v.substr(0, v.find(':')), v.substr(v.find(':') + 1));
            else
                std::printf("%-16s%s\n", (k + ":").c_str(), v.c_str());
        }
        std::printf("%-16s%s\n", "name:", module_name(m.path).c_str());
        std::printf("%-16s%s\n", "vermagic:", UTS_RELEASE " SMP preempt mod_unload modversions ");
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

// Blocks until SIGINT/SIGTERM: used when real-time tasks sleep forever and nothing can wake them.
void wait_for_signal(int fd)
{
    std::fputs("kshim: every task sleeps and nothing can wake them; press Ctrl-C to unload\n", stderr);
    int flags = fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    signalfd_siginfo si;
    (void)!read(fd, &si, sizeof si);
}

}  // namespace

int run_modules(const RunnerConfig &cfg, const std::string &prog)
{
    (void)prog;
    Options opts = cfg.kernel;
    opts.signal_fd = make_signal_fd();
    Kernel k(opts);
    install_crash_handlers();
    Scheduler &s = k.sched();
    Printk &log = k.log();
    int status = 0;

    // insmod, in order.
    std::vector<Module *> loaded;
    for (const ModuleArg &a : cfg.modules) {
        Module *m = nullptr;
        int err = k.modules().load(a.path, a.params, &m);
        if (err) {
            log.flush();
            std::fprintf(stderr, "insmod: ERROR: could not insert module %s: %s\n",
                         module_name(a.path).c_str(), insmod_reason(-err).c_str());
            status = 1;
            break;
        }
        loaded.push_back(m);
    }

    // The modules' life: until quiescent, --run-for, or a signal.
    if (status == 0) {
        std::optional<uint64_t> deadline;
        if (cfg.run_for_ns)
            deadline = k.clock().now() + *cfg.run_for_ns;
        // With --run-for the modules live that long (as insmod; sleep; rmmod); without it, until
        // the kernel is quiescent.
        RunResult r = deadline ? s.run([] { return false; }, deadline) : s.run([&s] { return s.quiescent(); });
        if (r == RunResult::Idle && !deadline && opts.time == TimeMode::Real && !s.quiescent()) {
            log.flush();
            wait_for_signal(opts.signal_fd);
        }
        if (r == RunResult::Deadlock)
            status = 1;
        if (r == RunResult::Signal)
            k.clear_signal();  // Ctrl-C means rmmod now; a second one interrupts the unload
    }

    // rmmod, in reverse.
    size_t leaks = 0, left = 0;
    for (auto it = loaded.rbegin(); it != loaded.rend(); ++it) {
        std::string name = (*it)->name;
        UnloadReport rep = k.modules().unload(*it);
        if (rep.error == -EWOULDBLOCK) {
            log.flush();
            std::fprintf(stderr, "rmmod: ERROR: Module %s is in use\n", name.c_str());
            status = 1;
        } else if (rep.error == -EBUSY) {
            log.flush();
            std::fprintf(stderr, "rmmod: ERROR: could not remove '%s': Device or resource busy\n", name.c_str());
            status = 1;
        } else if (!rep.exit_finished) {
            log.flush();
            std::fprintf(stderr, "rmmod: ERROR: module_exit of %s did not return (blocked forever)\n", name.c_str());
            status = 1;
            break;
        }
        leaks += rep.leaks;
        left += rep.tasks_left + rep.timers_left;
    }
    s.run([&s] { return s.quiescent(); }, k.clock().now() + kSettleNs);

    // End-of-run report.
    if (opts.wq_stats)
        k.workqueues().print_all_stats();
    Reports &rp = k.reports();
    if (leaks || left || rp.bugs() || rp.warnings())
        log.emit(4, strprintf("kshim: end of run: %zu leaked object(s), %zu task(s) left running, %u BUG(s), %u WARNING(s)",
                              leaks, left, rp.bugs(), rp.warnings()));
    log.flush();
    if (cfg.strict && (leaks || left || rp.bugs() || rp.warnings()))
        status = status ? status : 1;
    return status;
}

}  // namespace kshim

extern "C" int kshim_runner_main(int argc, char **argv, const char *builtin_module)
{
    using namespace kshim;
    std::string prog = argv[0];
    prog = prog.substr(prog.find_last_of('/') + 1);
    std::string builtin;
    if (builtin_module && *builtin_module) {
        // The module file sits beside the executable.
        char self[4096];
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
        std::string dir = n > 0 ? std::string(self, (size_t)n) : std::string(argv[0]);
        builtin = dir.substr(0, dir.find_last_of('/') + 1) + builtin_module;
    }
    RunnerConfig cfg;
    std::string err = parse_runner_args(argc, argv, builtin, cfg);
    if (cfg.help) {
        std::printf(usage_text, prog.c_str());
        return 0;
    }
    if (!err.empty()) {
        std::fprintf(stderr, "%s: %s\n", prog.c_str(), err.c_str());
        std::fprintf(stderr, usage_text, prog.c_str());
        return 2;
    }
    if (cfg.modinfo)
        return print_modinfo(cfg);
    return run_modules(cfg, prog);
}
