// The composition root: builds the subsystems in dependency order and tears them down.
#include "kernel.hpp"

#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "debug/backtrace.hpp"
#include "debug/debugobjects.hpp"
#include "debug/onstack.hpp"
#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "debug/ubsan.hpp"
#include "device/devices.hpp"
#include "fs/debugfs.hpp"
#include "fs/sysfs.hpp"
#include "fs/uaccess.hpp"
#include "fs/user_arena.hpp"
#include "fs/vfs.hpp"
#include "debug/watchdog.hpp"
#include "gpio/gpio.hpp"
#include "irq/irq.hpp"
#include "irq/irq_work.hpp"
#include "irq/softirq.hpp"
#include "irq/tasklet.hpp"
#include "kthread/kthread.hpp"
#include "kunit/kunit.hpp"
#include "locking/locking.hpp"
#include "mm/kfence.hpp"
#include "mm/memory.hpp"
#include "mm/percpu.hpp"
#include "module/module.hpp"
#include "module/notifier.hpp"
#include "printk/format.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"
#include "sched/scheduler.hpp"
#include "time/delay.hpp"
#include "time/hrtimer.hpp"
#include "time/timer.hpp"
#include "trace/tracer.hpp"
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

// Who a printk comes from: the running task's pid (0 on the host thread, KERN_CONT's rule), and
// the CPU and comm of the context, a host-side handler's swapper/N included. Atomic-safe.
static LogCaller printk_caller(Scheduler *s)
{
    if (!s)
        return {};
    const Task &t = s->current_or_boot();
    return {s->running() ? s->running()->ts.pid : 0, t.cpu, t.comm()};
}

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
        clock_, [this] { return printk_caller(sched_.get()); },
        opts.console_fd, opts.timestamps, opts.console_level,
        ConsoleStyle{opts.console_color, opts.console_levels, opts.console_raw});
    symbols_ = std::make_unique<Symbolizer>();
    reports_ = std::make_unique<Reports>(*this);
    onstack_ = std::make_unique<OnStackObjects>(timers_);
    faults_ = std::make_unique<FaultInject>(*this, opts.faults);
    sched_ = std::make_unique<Scheduler>(*this, opts.cpus);
    trace_ = std::make_unique<Tracer>(*this);
    if (opts.trace)
        trace_->enable();
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
    fs_ = std::make_unique<Vfs>(*this);
    uaccess_ = std::make_unique<UserAccess>(*this);
    sysfs_ = std::make_unique<Sysfs>(*this);
    debugfs_ = std::make_unique<Debugfs>(*this);
    devices_ = std::make_unique<Devices>(*this);
    notifiers_ = std::make_unique<Notifiers>(*this);
    modules_ = std::make_unique<Modules>(*this);
    fs_->set_pins(&modules_->pins());
    workqueues_ = std::make_unique<Workqueues>(*this);
    install_report_sources();
    install_ubsan_reports();
    if (opts.host_watchdog)
        watchdog_ = std::make_unique<HostWatchdog>(*this, sched_->heartbeat(), opts.softlockup_thresh_ns);
    install_debug_hooks();
}

// debugobjects: memory being freed is checked for the active objects that workqueue, timers,
// hrtimers and tasklets own, so mm depends on none of them. Process context, once.
void Kernel::install_debug_hooks()
{
    mm_->set_free_hook([this](const FreedRange &r) { check_no_obj_freed(r); });
}

void Kernel::destroy_on_stack(const FreedRange &r)
{
    check_no_obj_freed(r);
    for (OnStackObject *o : onstack_->in(r.lo, r.hi))
        forget_onstack(o);
}

OnStackObject *Kernel::register_onstack(const void *addr, size_t size, OnStackKind kind, uintptr_t caller)
{
    Task *t = sched_->running();
    if (!t)
        return nullptr;
    const TaskInfo i = Scheduler::info(*t);
    if ((uintptr_t)addr < i.stack_lo || (uintptr_t)addr >= i.stack_hi)
        return nullptr;
    if (t->onstack_objects)   // an earlier object at this address may be of a frame that ended
        check_onstack(*t);
    bool created = false;
    OnStackObject *o = onstack_->add(addr, size, kind, caller, t, created);
    t->onstack_objects += created;
    return o;
}

void Kernel::check_onstack(Task &t)
{
    std::vector<OnStackObject *> dead = onstack_->dead_frames(&t);
    if (!dead.empty()) [[unlikely]]
        retire_onstack(dead);
}

void Kernel::onstack_task_gone(Task &t, bool report)
{
    std::vector<OnStackObject *> dead = onstack_->all_of(&t);
    for (OnStackObject *o : dead)
        o->report = report;
    retire_onstack(dead);
}

// The objects' memory is gone (their frame returned, or their task ended): what of them is
// still queued or armed is reported as debug_check_no_obj_freed would, and taken off its queue
// without reading the object. Their work items go together, so that two on one list are
// unlinked in one pass.
void Kernel::retire_onstack(const std::vector<OnStackObject *> &dead)
{
    // At teardown the owners may be gone already: their queues with them.
    if (workqueues_)
        workqueues_->retire_dead(dead);
    for (OnStackObject *o : dead) {
        if (o->kind == OnStackKind::Hrtimer && hrtimers_)
            hrtimers_->retire_dead(*o);
        else if (o->has_timer() && o->kind != OnStackKind::Hrtimer && timer_lists_)
            timer_lists_->retire_dead(*o);
        forget_onstack(o);
    }
}

// o leaves the registry and its task's count.
void Kernel::forget_onstack(OnStackObject *o)
{
    auto *t = static_cast<Task *>(const_cast<void *>(o->owner));
    if (t && t->onstack_objects)
        --t->onstack_objects;
    onstack_->erase(o);
}

void Kernel::check_no_obj_freed(const FreedRange &r)
{
    workqueues_->free_active(r);
    timer_lists_->free_active(r);
    hrtimers_->free_active(r);
    tasklets_->free_active(r);
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
    src.guarded_fault = [this](uintptr_t addr, bool is_write, const std::vector<uintptr_t> &frames) {
        return mm_->kfence().handle_fault(addr, is_write, frames);
    };
    src.user_page = [](uintptr_t addr) { return UserViews::contains(addr); };
    reports_->set_sources(std::move(src));
    // do_exit's debug_check_no_locks_held, or lockdep_sys_exit for the syscall tasks.
    sched_->set_exit_check([this](Task &t) {
        if (t.locks_held) [[unlikely]]
            locking_->dep.task_exit(t, t.kind == TaskKind::Insmod || t.kind == TaskKind::Rmmod);
    });
    sched_->set_irqs_on_hook([this](bool hard) {
        if (hard)
            locking_->dep.hardirqs_on();
        else
            locking_->dep.softirqs_on();
    });
}

Kernel::~Kernel()
{
    watchdog_.reset();
    log_->flush();
    workqueues_.reset();
    modules_.reset();
    devices_.reset();
    notifiers_.reset();
    debugfs_.reset();
    sysfs_.reset();
    fs_.reset();
    uaccess_.reset();
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
    trace_.reset();
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
    if (opts_.signal_fd < 0)
        return;
    signalfd_siginfo si;
    while (read(opts_.signal_fd, &si, sizeof si) == (ssize_t)sizeof si)
        on_stop_signal((int)si.ssi_signo);
}

// A pending SIGINT/SIGTERM is the run loop's to act on: tasks stop switching to each other
// directly while it waits. Any context.
void Kernel::set_signalled(bool on)
{
    signalled_ = on;
    if (sched_)
        sched_->note_signalled(on);
}

// The first SIGINT/SIGTERM asks for rmmod (the runner acts on signalled()); a second one, while
// the first is pending or the unload runs, ends the run at once, saying where the running task
// is. Process or host context.
void Kernel::on_stop_signal(int sig)
{
    if (signals_seen_++ == 0) {
        set_signalled(true);
        return;
    }
    const char *name = sig == SIGINT ? "SIGINT" : "SIGTERM";
    Task *t = sched_ ? sched_->running() : nullptr;
    if (t) {
        log_->emit(4, strprintf("kshim: a second %s while %s:%d runs; the run ends here", name, t->comm(), t->pid()));
        reports_->dump_stack(4, 2);
    } else {
        log_->emit(4, strprintf("kshim: a second %s; the run ends here (no task was running)", name));
    }
    end_run(strprintf("kshim: end of run: interrupted by a second %s", name), 128 + sig);
}

void Kernel::end_run(const std::string &why, int status)
{
    log_->emit(4, why);
    log_->flush();
    std::fflush(stdout);
    _exit(status);
}

void Kernel::console_flush_if_real()
{
    if (clock_.mode() == TimeMode::Real)
        log_->flush_console();
}

}  // namespace kshim
