// The composition root: builds the subsystems in dependency order and tears them down.
#include "kernel.hpp"

#include <sys/signalfd.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "debug/backtrace.hpp"
#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "gpio/gpio.hpp"
#include "irq/irq.hpp"
#include "irq/irq_work.hpp"
#include "irq/softirq.hpp"
#include "irq/tasklet.hpp"
#include "kthread/kthread.hpp"
#include "kunit/kunit.hpp"
#include "locking/locking.hpp"
#include "mm/memory.hpp"
#include "mm/percpu.hpp"
#include "module/module.hpp"
#include "printk/format.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"
#include "sched/scheduler.hpp"
#include "time/delay.hpp"
#include "time/hrtimer.hpp"
#include "time/timer.hpp"
#include "workqueue/workqueue.hpp"


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

Kernel::Kernel(const Options &opts) : opts_(opts), clock_(opts.time), random_(opts.seed)
{
    if (current_) {
        std::fputs("kshim: only one kernel may exist at a time\n", stderr);
        std::abort();
    }
    current_ = this;
    globals_.boot(opts.cpus, &format_symbol);
    backtrace_init();
    clock_.set_signal_fd(opts.signal_fd);
    log_ = std::make_unique<Printk>(
        clock_, [this] { return sched_ && sched_->running() ? sched_->running()->ts.pid : 0; },
        opts.console_fd, opts.timestamps, opts.console_level, ConsoleStyle{opts.console_color, opts.console_levels});
    symbols_ = std::make_unique<Symbolizer>();
    reports_ = std::make_unique<Reports>(*this);
    sched_ = std::make_unique<Scheduler>(*this, opts.cpus);
    delay_ = std::make_unique<Delay>(*this);
    mm_ = std::make_unique<Memory>(*this);
    percpu_ = std::make_unique<PerCpu>(*this);
    kthreads_ = std::make_unique<Kthreads>(*this);
    kunit_ = std::make_unique<Kunit>(*this);
    softirq_ = std::make_unique<Softirq>(*this);
    irqs_ = std::make_unique<Irqs>(*this);
    tasklets_ = std::make_unique<Tasklets>(*this);
    irq_work_ = std::make_unique<IrqWork>(*this);
    gpio_ = std::make_unique<Gpio>(*this);
    timer_lists_ = std::make_unique<TimerLists>(*this);
    hrtimers_ = std::make_unique<Hrtimers>(*this);
    locking_ = std::make_unique<Locking>(*this);
    modules_ = std::make_unique<Modules>(*this);
    workqueues_ = std::make_unique<Workqueues>(*this);
    install_report_sources();
}

// Reports print facts that sched, module and locking own; the root hands them over, so debug
// depends on none of them. Process context, once every subsystem exists.
void Kernel::install_report_sources()
{
    ReportSources src;
    src.current = [this] { return sched_ ? Scheduler::info(sched_->current_or_boot()) : TaskInfo{}; };
    src.modules_linked_in = [this] { return modules_ ? modules_->linked_in() : std::string(); };
    src.locks_held = [this] { return locking_->dep.any_held(); };
    src.show_all_locks = [this] { locking_->dep.print_all_held_locks(); };
    reports_->set_sources(std::move(src));
}

Kernel::~Kernel()
{
    log_->flush();
    workqueues_.reset();
    modules_.reset();
    hrtimers_.reset();
    timer_lists_.reset();
    gpio_.reset();
    irq_work_.reset();
    tasklets_.reset();
    irqs_.reset();
    softirq_.reset();
    locking_.reset();
    kunit_.reset();
    kthreads_.reset();
    delay_.reset();
    percpu_.reset();
    sched_.reset();
    mm_.reset();
    reports_.reset();
    symbols_.reset();
    log_.reset();
    globals_.shutdown();
    current_ = nullptr;
}

void Kernel::no_kernel()
{
    std::fputs("kshim: a kernel API was called with no kernel running\n", stderr);
    std::abort();
}

void Kernel::poll_signal()
{
    if (opts_.signal_fd < 0 || signalled_)
        return;
    signalfd_siginfo si;
    if (read(opts_.signal_fd, &si, sizeof si) == (ssize_t)sizeof si)
        signalled_ = true;
}

void Kernel::console_flush_if_real()
{
    if (clock_.mode() == TimeMode::Real)
        log_->flush_console();
}

}  // namespace kshim
