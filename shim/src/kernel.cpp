// The composition root: builds the subsystems in dependency order and tears them down.
#include "kernel.hpp"

#include <sys/signalfd.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "debug/backtrace.hpp"
#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "irq/softirq.hpp"
#include "kthread/kthread.hpp"
#include "locking/locking.hpp"
#include "mm/memory.hpp"
#include "module/module.hpp"
#include "printk/format.hpp"
#include "printk/log.hpp"
#include "sched/scheduler.hpp"
#include "time/delay.hpp"
#include "workqueue/workqueue.hpp"

#include "linux/lockdep.h"

extern "C" void kshim_publish_cpus(unsigned int n);

namespace kshim {

namespace {

void format_symbol(std::string &out, const void *addr, char kind)
{
    if (Kernel *k = Kernel::active())
        k->symbols().format(out, (uintptr_t)addr, kind);
    else
        out += strprintf("0x%lx", (unsigned long)addr);  // no kernel: the raw address
}

}  // namespace

Kernel::Kernel(const Options &opts) : opts_(opts), clock_(opts.time), rng_(opts.seed)
{
    if (current_) {
        std::fputs("kshim: only one kernel may exist at a time\n", stderr);
        std::abort();
    }
    current_ = this;
    backtrace_init();
    set_symbol_formatter(&format_symbol);
    clock_.set_signal_fd(opts.signal_fd);
    kshim_publish_cpus(opts.cpus);
    log_ = std::make_unique<Printk>(
        clock_, [this] { return sched_ && sched_->running() ? sched_->running()->ts.pid : 0; },
        opts.console_fd, opts.timestamps, opts.console_level);
    symbols_ = std::make_unique<Symbolizer>();
    reports_ = std::make_unique<Reports>(*this);
    sched_ = std::make_unique<Scheduler>(*this, opts.cpus);
    delay_ = std::make_unique<Delay>(*this);
    mm_ = std::make_unique<Memory>(*this);
    kthreads_ = std::make_unique<Kthreads>(*this);
    softirq_ = std::make_unique<Softirq>(*this);
    locking_ = std::make_unique<Locking>(*this);
    debug_locks = 1;
    modules_ = std::make_unique<Modules>(*this);
    workqueues_ = std::make_unique<Workqueues>(*this);
}

Kernel::~Kernel()
{
    log_->flush();
    workqueues_.reset();
    modules_.reset();
    softirq_.reset();
    locking_.reset();
    kthreads_.reset();
    delay_.reset();
    sched_.reset();
    mm_.reset();
    reports_.reset();
    symbols_.reset();
    log_.reset();
    current_ = nullptr;
}

Kernel &Kernel::get()
{
    if (!current_) {
        std::fputs("kshim: a kernel API was called with no kernel running\n", stderr);
        std::abort();
    }
    return *current_;
}

void Kernel::poll_signal()
{
    if (opts_.signal_fd < 0 || signalled_)
        return;
    signalfd_siginfo si;
    if (read(opts_.signal_fd, &si, sizeof si) == (ssize_t)sizeof si)
        signalled_ = true;
}

uint64_t Kernel::random_u64()
{
    uint64_t z = (rng_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void Kernel::console_flush_if_real()
{
    if (clock_.mode() == TimeMode::Real)
        log_->flush_console();
}

}  // namespace kshim
