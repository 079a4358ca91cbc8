// The runner's --mount phase: serve the FUSE mount in the real-time event loop until --run-for ends or a signal comes.
#include <poll.h>

#include <cerrno>
#include <cstdio>
#include <memory>
#include <optional>

#include "fs/fuse_mount.hpp"
#include "printk/log.hpp"
#include "runner/runner.hpp"
#include "sched/scheduler.hpp"

namespace kshim {

namespace {

// Nothing can run and no timer is due: blocks until a FUSE request or SIGINT/SIGTERM arrives
// (the kernel thread marked idle meanwhile). Returns false for the signal. Host thread.
bool wait_for_io(Kernel &k, FuseMount &m)
{
    k.console_flush_if_real();
    pollfd p[2] = {{k.options().signal_fd, POLLIN, 0}, {m.fd(), POLLIN, 0}};
    k.sched().set_idle_wait(true);
    int n;
    while ((n = poll(p, 2, -1)) < 0 && errno == EINTR) {
    }
    k.sched().set_idle_wait(false);
    if (p[0].revents) {
        k.poll_signal();
        return false;
    }
    m.serve();
    return true;
}

// The loop: the scheduler runs tasks and timers, serving requests whenever it idles (the
// session fd is its io source); when nothing can happen, we wait for a request or a signal.
void serve_until_end(Kernel &k, const RunnerConfig &cfg, FuseMount &m)
{
    Scheduler &s = k.sched();
    std::optional<uint64_t> deadline;
    if (cfg.run_for_ns)
        deadline = k.clock().now() + *cfg.run_for_ns;
    for (;;) {
        if (k.stop_requested())
            return;
        RunResult r = s.run_until(deadline);
        if (r == RunResult::Signal || r == RunResult::Deadline)   // a signal, or --run-for is over
            return;
        if (!wait_for_io(k, m))   // Idle: only a request or a signal can change anything
            return;
    }
}

}  // namespace

void live_mounted(Kernel &k, const RunnerConfig &cfg)
{
    auto owned = std::make_unique<FuseMount>(k);
    FuseMount &m = *owned;
    std::string why = m.mount(cfg.mount_dir);
    k.log().flush();
    if (!why.empty())
        std::fprintf(stderr, "kshim: --mount %s: %s; the run goes on without it\n", cfg.mount_dir.c_str(), why.c_str());
    else
        std::fprintf(stderr, "kshim: the module's files are under %s (until %s)\n", cfg.mount_dir.c_str(),
                     cfg.run_for_ns ? "--run-for ends" : "Ctrl-C");
    if (m.mounted())
        serve_until_end(k, cfg, m);
    else if (cfg.run_for_ns)   // as without --mount: live for --run-for
        k.sched().run_until(k.clock().now() + *cfg.run_for_ns);
    else
        k.sched().run_until_quiescent();
    // Ctrl-C means unmount and rmmod now; a second one ends the run at once. Cleared first, so
    // that the unmount's drain runs the scheduler to its end instead of stopping at the signal.
    k.clear_signal();
    m.unmount();
    if (!m.settled())   // a task is still inside a call that refers to the mount: it stays
        (void)owned.release();
}

}  // namespace kshim
