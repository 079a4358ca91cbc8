// The virtual interrupt controller: requesting and freeing lines, delivery in hardirq context, threaded handlers, the spurious-irq detector.
#include "irq/irq.hpp"

#include <string>

#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "irq/softirq.hpp"
#include "kernel.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"
#include "sched/scheduler.hpp"
#include "trace/tracer.hpp"

#include "linux/gfp.h"
#include "linux/errno.h"
#include "linux/interrupt.h"
#include "linux/sched.h"

extern "C" {
// The primary handler of a request with handler == NULL: wake the thread.
// Hardirq context.
irqreturn_t irq_default_primary_handler(int irq, void *dev_id)
{
    (void)irq;
    (void)dev_id;
    return IRQ_WAKE_THREAD;
}
}

namespace kshim {

namespace {
constexpr unsigned long kTriggerMask = IRQF_TRIGGER_HIGH | IRQF_TRIGGER_LOW | IRQF_TRIGGER_RISING | IRQF_TRIGGER_FALLING;
constexpr int kSchedFifo = 1;
constexpr const char *kManageC = "kernel/irq/manage.c";   // where 6.1's WARNs are
}  // namespace

Irqs::Irqs(Kernel &k) : k_(k), descs_(kNrIrqs), cpus_(k.options().cpus)
{
    for (unsigned i = 0; i < kNrIrqs; ++i)
        descs_[i].irq = i;
}

Irqs::~Irqs()
{
    for (Periodic &p : periodic_)
        k_.timers().del(&p.timer);
}

// The checks of request_threaded_irq and __setup_irq, in 6.1's order. Process context.
int Irqs::check_request(unsigned irq, IrqDesc &d, const IrqAction &a)
{
    const unsigned long f = a.flags;
    if (!d.actions.empty()) {
        const IrqAction &old = *d.actions.front();
        if (!((old.flags & f) & IRQF_SHARED) || d.trigger != (f & kTriggerMask) ||
            ((old.flags ^ f) & IRQF_ONESHOT) || ((old.flags ^ f) & IRQF_PERCPU)) {
            if (!(f & IRQF_PROBE_SHARED))
                k_.log().print(KERN_ERR "genirq: Flags mismatch irq %u. %08lx (%s) vs. %08lx (%s)\n", irq, f,
                               a.name, old.flags, old.name);
            return -EBUSY;
        }
    }
    if (!(f & IRQF_ONESHOT) && a.handler == irq_default_primary_handler) {
        k_.log().print(KERN_ERR "genirq: Threaded irq requested with handler=NULL and !ONESHOT for %s (irq %u)\n",
                       a.name, irq);
        return -EINVAL;
    }
    return 0;
}

int Irqs::request(unsigned irq, irq_handler_t handler, irq_handler_t thread_fn, unsigned long flags,
                  const char *name, void *dev_id, uintptr_t caller)
{
    if (((flags & IRQF_SHARED) && !dev_id) || ((flags & IRQF_SHARED) && (flags & IRQF_NO_AUTOEN)) ||
        (!(flags & IRQF_SHARED) && (flags & IRQF_COND_SUSPEND)) ||
        ((flags & IRQF_NO_SUSPEND) && (flags & IRQF_COND_SUSPEND)))
        return -EINVAL;
    if (irq >= kNrIrqs || (!handler && !thread_fn))
        return -EINVAL;
    if (caller && k_.faults().should_fail(FaultCall::RequestIrq, sizeof(IrqAction), GFP_KERNEL, caller))
        return -ENOMEM;
    auto a = std::make_unique<IrqAction>();
    a->handler = handler ? handler : irq_default_primary_handler;
    a->thread_fn = thread_fn;
    a->flags = flags;
    a->name = name;
    a->dev_id = dev_id;
    IrqDesc &d = descs_[irq];
    if (int err = check_request(irq, d, *a))
        return err;
    if (flags & IRQF_ONESHOT) {
        unsigned long used = 0;
        for (auto &o : d.actions)
            used |= o->thread_mask;
        if (used == ~0ul)
            return -EBUSY;
        a->thread_mask = 1ul << __builtin_ctzl(~used);
    }
    if (d.actions.empty()) {
        d.trigger = flags & kTriggerMask;
        d.depth = (flags & IRQF_NO_AUTOEN) ? 1 : 0;
        d.spurious_disabled = false;
        d.irq_count = d.irqs_unhandled = 0;
    }
    if (thread_fn)
        start_thread(d, *a);
    d.actions.push_back(std::move(a));
    return 0;
}

// irq/N-name: a SCHED_FIFO kthread on the line's CPU that sleeps until its primary handler
// returns IRQ_WAKE_THREAD. Process context.
void Irqs::start_thread(IrqDesc &d, IrqAction &a)
{
    std::string name = "irq/" + std::to_string(d.irq) + "-" + (a.name ? a.name : "");
    Scheduler &s = k_.sched();
    Task *t = s.create(TaskKind::Kthread, name, [this, &d, &a] {
        thread_loop(d, a);
        return 0L;
    });
    t->cpu = t->ts.cpu = d.cpu;
    s.set_policy(t, kSchedFifo);
    t->ts.prio = t->ts.normal_prio = MAX_RT_PRIO - 1 - MAX_RT_PRIO / 2;
    a.thread = t;
    s.wake(t, TASK_NORMAL);
}

// The body of irq/N-name: one run of thread_fn per wake-up, until free_irq stops it (a run
// already requested still happens, as irq_wait_for_interrupt does). Runs in its own task.
void Irqs::thread_loop(IrqDesc &d, IrqAction &a)
{
    Scheduler &s = k_.sched();
    Task *self = s.running();
    for (;;) {
        while (!a.run_thread && !a.stop) {
            self->idle_daemon = true;
            self->ts.__state = TASK_INTERRUPTIBLE;
            s.schedule();
            self->idle_daemon = false;
        }
        if (!a.run_thread)
            return;
        a.run_thread = false;
        ++d.threads_running;
        a.thread_fn((int)d.irq, a.dev_id);
        --d.threads_running;
        finish_thread(d, a);
    }
}

// After a threaded handler: a ONESHOT line is unmasked once its last woken thread is done
// (irq_finalize_oneshot), and synchronize_irq waiters are let go. Called in irq/N-name.
void Irqs::finish_thread(IrqDesc &d, IrqAction &a)
{
    if (a.thread_mask && (d.threads_active & a.thread_mask)) {
        d.threads_active &= ~a.thread_mask;
        if (!d.threads_active)
            open_line(d);
    }
    wake_sync_waiters(d);
}

// kthread_stop of irq/N-name: waits until it has exited. Process context, may sleep.
void Irqs::stop_thread(IrqAction &a)
{
    Scheduler &s = k_.sched();
    a.stop = true;
    s.wake(a.thread, TASK_NORMAL);
    Task *cur = s.running();
    while (cur && a.thread->alive()) {
        a.thread->exit_waiters.push_back(cur);
        cur->ts.__state = TASK_UNINTERRUPTIBLE;
        s.schedule();
    }
}

const void *Irqs::free(unsigned irq, void *dev_id)
{
    if (irq >= kNrIrqs)
        return nullptr;
    IrqDesc &d = descs_[irq];
    const uintptr_t ip = (uintptr_t)__builtin_return_address(0);
    if (k_.sched().current_or_boot().preempt_count & (HARDIRQ_MASK | SOFTIRQ_MASK | NMI_MASK))
        k_.reports().warn(kManageC, 1870, ip, strprintf("Trying to free IRQ %u from IRQ context!", irq));
    auto it = d.actions.begin();
    while (it != d.actions.end() && (*it)->dev_id != dev_id)
        ++it;
    if (it == d.actions.end()) {
        k_.reports().warn(kManageC, 1887, ip, strprintf("Trying to free already-free IRQ %u", irq));
        return nullptr;
    }
    std::unique_ptr<IrqAction> a = std::move(*it);
    d.actions.erase(it);
    d.threads_active &= ~a->thread_mask;
    if (d.actions.empty()) {   // irq_shutdown: the line closes; nothing is replayed
        d.depth = 1;
        d.pending = false;
        d.trigger = 0;
    }
    synchronize(irq);
    if (a->thread)
        stop_thread(*a);
    return a->name;
}

void Irqs::disable_nosync(unsigned irq)
{
    if (irq < kNrIrqs)
        ++descs_[irq].depth;
}

void Irqs::enable(unsigned irq)
{
    if (irq >= kNrIrqs)
        return;
    IrqDesc &d = descs_[irq];
    if (d.depth == 0) {
        k_.reports().warn(kManageC, 781, (uintptr_t)__builtin_return_address(0),
                          strprintf("Unbalanced enable for IRQ %u", irq));
        return;
    }
    if (--d.depth == 0)
        open_line(d);
}

void Irqs::synchronize(unsigned irq)
{
    if (irq >= kNrIrqs)
        return;
    IrqDesc &d = descs_[irq];
    Scheduler &s = k_.sched();
    Task *cur = s.running();
    auto busy = [&d] {
        if (d.in_progress || d.threads_running)
            return true;
        for (auto &a : d.actions)
            if (a->run_thread)
                return true;
        return false;
    };
    while (cur && busy()) {
        d.sync_waiters.push_back(cur);
        cur->ts.__state = TASK_UNINTERRUPTIBLE;
        s.schedule();
    }
}

bool Irqs::synchronize_hard(unsigned irq)
{
    if (irq >= kNrIrqs)
        return true;
    IrqDesc &d = descs_[irq];
    Scheduler &s = k_.sched();
    Task *cur = s.running();
    while (cur && d.in_progress) {
        d.sync_waiters.push_back(cur);
        cur->ts.__state = TASK_UNINTERRUPTIBLE;
        s.schedule();
    }
    return !d.threads_running && !d.threads_active;
}

bool Irqs::disable_hard(unsigned irq)
{
    disable_nosync(irq);
    return synchronize_hard(irq);
}

int Irqs::set_type(unsigned irq, unsigned type)
{
    if (irq >= kNrIrqs)
        return -EINVAL;
    descs_[irq].trigger = type & kTriggerMask;
    return 0;
}

int Irqs::set_wake(unsigned irq, unsigned on)
{
    (void)on;
    return irq < kNrIrqs ? 0 : -EINVAL;
}

void Irqs::wake_sync_waiters(IrqDesc &d)
{
    std::vector<Task *> w;
    w.swap(d.sync_waiters);
    for (Task *t : w)
        k_.sched().wake(t, TASK_NORMAL);
}

int Irqs::set_affinity(unsigned irq, const struct cpumask *mask)
{
    if (irq >= kNrIrqs || !mask)
        return -EINVAL;
    for (unsigned c = 0; c < cpus_.size(); ++c) {
        if (!cpumask_test_cpu((int)c, mask))
            continue;
        IrqDesc &d = descs_[irq];
        d.cpu = c;
        for (auto &a : d.actions)   // the thread follows at its next run, as irq_thread_check_affinity
            if (a->thread && a->thread->alive())
                a->thread->cpu = a->thread->ts.cpu = c;
        return 0;
    }
    return -EINVAL;
}

unsigned long Irqs::trigger_of(unsigned irq) const { return irq < kNrIrqs ? descs_[irq].trigger : 0; }

// check_irq_resend: an interrupt that arrived while the line was disabled or masked is taken
// once it opens. Atomic-safe.
void Irqs::open_line(IrqDesc &d)
{
    if (d.pending && d.depth == 0 && !d.threads_active && !d.actions.empty()) {
        d.pending = false;
        raise(d.irq);
    }
}

void Irqs::raise(unsigned irq)
{
    if (irq >= kNrIrqs || descs_[irq].actions.empty())
        return;   // no handler: the line is shut down and the edge is lost
    deliver(descs_[irq].cpu, irq);
}

void Irqs::raise_vector(unsigned cpu, unsigned vec) { deliver(cpu < cpus_.size() ? cpu : 0, vec); }

void Irqs::set_vector_handler(unsigned vec, VectorHandler fn, void *ctx)
{
    Vector &v = vec == kTimerVector ? timer_ : ipi_;
    v.fn = fn;
    v.ctx = ctx;
}

// Takes vec on cpu now if the running task is there with irqs on; otherwise queues it for
// that CPU: the end of the hardirq it is in, or swapper/N, takes it. Any context.
void Irqs::deliver(unsigned cpu, unsigned vec)
{
    Task *cur = k_.sched().running();
    if (cur && cur->cpu == cpu && cur->irqs_off == 0) {
        take(*cur, cpu, vec);
        drain(*cur, cpu);
        return;
    }
    if (!cur && take_on_host(cpu, vec))
        return;
    cpus_[cpu].queue.push_back(vec);
    if (cur && cur->cpu == cpu && (cur->preempt_count & HARDIRQ_MASK))
        return;   // its irq exit takes it
    cpus_[cpu].busy = true;
    k_.sched().wake(idle_task(cpu), TASK_NORMAL);
}

// One interrupt on t (the task it interrupts, on cpu): irq_enter, the flow handler, irq_exit
// (softirqs raised meanwhile run here unless t was in softirq or bh-disabled).
void Irqs::take(Task &t, unsigned cpu, unsigned vec)
{
    const int saved_irqs = t.irqs_off;
    t.irqs_off = 1;
    t.preempt_count += HARDIRQ_OFFSET;
    if (vec < kNrIrqs)
        handle(descs_[vec]);
    else
        handle_vector(cpu, vec);
    t.preempt_count -= HARDIRQ_OFFSET;
    k_.softirq().irq_exit(cpu, &t);
    t.irqs_off = saved_irqs;
}

// The fast path of an idle CPU: a per-CPU vector (the local timer, the irq_work IPI) that comes
// while no task runs is taken at once on the host thread as swapper/N (the same task, context
// and accounting as in its fiber), unless the CPU is held or has interrupts waiting. A device
// line always goes through swapper/N's fiber, so that a handler that sleeps (a bug) is reported
// and survives. Host thread.
bool Irqs::take_on_host(unsigned cpu, unsigned vec)
{
    Cpu &c = cpus_[cpu];
    if (vec < kNrIrqs || c.busy || c.on_host || !c.queue.empty())
        return false;
    struct Call {
        Irqs *self;
        Task *idle;
        unsigned cpu, vec;
    } call{this, idle_task(cpu), cpu, vec};
    c.on_host = true;   // what comes meanwhile queues for swapper/N's fiber
    bool taken = k_.sched().call_on_host_as(*call.idle, [](void *p) {
        auto *a = static_cast<Call *>(p);
        a->self->take(*a->idle, a->cpu, a->vec);
    }, &call);
    c.on_host = false;
    return taken;
}

// Interrupts queued for cpu while its irqs were off: taken one after another. Atomic-safe.
void Irqs::drain(Task &t, unsigned cpu)
{
    std::deque<unsigned> &q = cpus_[cpu].queue;
    while (!q.empty() && !(t.preempt_count & HARDIRQ_MASK)) {
        unsigned v = q.front();
        q.pop_front();
        take(t, cpu, v);
    }
}

// The flow handler: every action in request order; a masked or disabled line keeps the edge
// pending. Hardirq context.
void Irqs::handle(IrqDesc &d)
{
    if (d.actions.empty())
        return;
    if (d.depth || d.threads_active || d.in_progress) {   // in progress: a handler slept or spins
        d.pending = true;
        return;
    }
    ++d.in_progress;
    ++d.count;
    unsigned ret = IRQ_NONE;
    for (size_t i = 0; i < d.actions.size(); ++i) {
        IrqAction &a = *d.actions[i];
        Tracer &tr = k_.trace();
        if (tr.on()) [[unlikely]]
            tr.irq_handler_entry((int)d.irq, a.name);
        irqreturn_t r = a.handler((int)d.irq, a.dev_id);
        if (tr.on()) [[unlikely]]
            tr.irq_handler_exit((int)d.irq, r != IRQ_NONE);
        if ((r & IRQ_WAKE_THREAD) && a.thread) {
            a.run_thread = true;
            d.threads_active |= a.thread_mask;
            k_.sched().wake(a.thread, TASK_NORMAL);
        }
        ret |= r;
    }
    --d.in_progress;
    note_interrupt(d, ret);
    if (!d.in_progress) {
        wake_sync_waiters(d);
        open_line(d);   // an edge that came while it ran (handle_edge_irq's replay)
    }
}

// A per-CPU vector: its handler (irq_work_run, hrtimer_interrupt). Hardirq context.
void Irqs::handle_vector(unsigned cpu, unsigned vec)
{
    const Vector &v = vec == kTimerVector ? timer_ : ipi_;
    if (v.fn)
        v.fn(v.ctx, cpu);
}

// 6.1's note_interrupt: more than 99900 of a window of 100000 unhandled (each within HZ/10 of
// the last) and the line is reported and disabled. Hardirq context.
void Irqs::note_interrupt(IrqDesc &d, unsigned ret)
{
    if (ret > (IRQ_HANDLED | IRQ_WAKE_THREAD)) {
        k_.log().print(KERN_ERR "irq event %u: bogus return value %x\n", d.irq, ret);
        report_bad(d);
        return;
    }
    if (ret == IRQ_NONE) {
        unsigned long j = k_.clock().jiffies();
        if ((long)(j - (d.last_unhandled + kHz / 10)) > 0)
            d.irqs_unhandled = 1;
        else
            ++d.irqs_unhandled;
        d.last_unhandled = j;
    }
    if (!d.irqs_unhandled || ++d.irq_count < 100000)
        return;
    d.irq_count = 0;
    if (d.irqs_unhandled > 99900) {
        k_.log().print(KERN_ERR "irq %u: nobody cared (try booting with the \"irqpoll\" option)\n", d.irq);
        report_bad(d);
        k_.log().print(KERN_EMERG "Disabling IRQ #%u\n", d.irq);
        d.spurious_disabled = true;
        ++d.depth;
    }
    d.irqs_unhandled = 0;
}

// __report_bad_irq after its first line: the stack and the line's handlers. Hardirq context.
void Irqs::report_bad(IrqDesc &d)
{
    Printk &log = k_.log();
    k_.reports().dump_stack(4, 1);
    log.print(KERN_ERR "handlers:\n");
    for (auto &a : d.actions) {
        log.print(KERN_ERR "[<%p>] %ps", (void *)a->handler, (void *)a->handler);
        if (a->thread_fn)
            log.print(KERN_CONT " threaded [<%p>] %ps", (void *)a->thread_fn, (void *)a->thread_fn);
        log.print(KERN_CONT "\n");
    }
}

unsigned Irqs::module_gone(const ModuleSpan &m)
{
    unsigned n = 0;
    for (IrqDesc &d : descs_) {
        for (size_t i = 0; i < d.actions.size();) {
            IrqAction &a = *d.actions[i];
            if (!m.contains((const void *)a.handler) && !m.contains((const void *)a.thread_fn)) {
                ++i;
                continue;
            }
            const std::string fn = k_.symbols().text((uintptr_t)(a.thread_fn ? a.thread_fn : a.handler), 's');
            k_.log().emit(3, strprintf("kshim: irq %u (%s, %s) is still requested after module_exit of %s; a real "
                                       "kernel would oops at its next interrupt", d.irq, a.name ? a.name : "",
                                       fn.c_str(), m.name));
            k_.reports().count_bug(ReportKind::UnloadLeftover);
            if (a.thread)
                k_.sched().kill(a.thread);
            d.threads_active &= ~a.thread_mask;
            d.actions.erase(d.actions.begin() + (long)i);
            ++n;
        }
        if (d.actions.empty()) {
            d.depth = 1;
            d.pending = false;
            d.trigger = 0;
        }
    }
    return n;
}

bool Irqs::settled() const
{
    for (const Cpu &c : cpus_)
        if (!c.queue.empty() || c.busy)
            return false;
    for (const IrqDesc &d : descs_)
        if (d.in_progress)
            return false;
    return true;
}

// swapper/N: the context of an interrupt that finds its CPU idle (pid 0, as Linux's idle task),
// created on first use. Atomic-safe.
Task *Irqs::idle_task(unsigned cpu)
{
    Cpu &c = cpus_[cpu];
    if (!c.idle) {
        Task *t = k_.sched().create(TaskKind::Worker, "swapper/" + std::to_string(cpu),
                                    [this, cpu] { idle_loop(cpu); return 0L; });
        t->ts.pid = 0;
        t->cpu = t->ts.cpu = cpu;
        t->bound = true;
        t->prio_class = 0;
        c.idle = t;
    }
    return c.idle;
}

// The body of swapper/N: takes the CPU's queued interrupts, then sleeps until the next one.
void Irqs::idle_loop(unsigned cpu)
{
    Scheduler &s = k_.sched();
    Task *self = s.running();
    for (;;) {
        drain(*self, cpu);
        cpus_[cpu].busy = false;
        self->idle_daemon = true;
        self->ts.__state = TASK_INTERRUPTIBLE;
        s.schedule();
        self->idle_daemon = false;
    }
}

void Irqs::raise_every(unsigned irq, uint64_t period_ns, uint64_t count)
{
    Periodic &p = periodic_.emplace_back();
    p.self = this;
    p.irq = irq;
    p.period = period_ns;
    p.left = count;
    p.timer.fn = &Irqs::periodic_fire;
    p.timer.owner = &p;
    k_.timers().add(&p.timer, k_.clock().now() + period_ns);
}

// The TimerQueue callback of --irq: one raise, then the next period unless the count is done.
void Irqs::periodic_fire(Timer *t)
{
    Periodic *p = static_cast<Periodic *>(t->owner);
    uint64_t at = t->expires;
    p->self->raise(p->irq);
    if (p->left && --p->left == 0)
        return;
    p->self->k_.timers().add(&p->timer, at + p->period);
}

}  // namespace kshim
