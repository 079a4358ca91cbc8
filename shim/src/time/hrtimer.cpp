// hrtimer engine: per-CPU clock bases, queueing on the timer queue, hardirq and softirq expiry, forwarding.
#include "time/hrtimer.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <string>

#include "debug/onstack.hpp"
#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "irq/irq.hpp"
#include "irq/softirq.hpp"
#include "kernel.hpp"
#include "module/address_map.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"
#include "sched/scheduler.hpp"
#include "trace/tracer.hpp"

#include "linux/errno.h"
#include "linux/hrtimer.h"
#include "linux/sched.h"
#include "linux/timekeeping.h"

// The sleepers' callback: a bridge (hrtimer_api.cpp) into Hrtimers::wakeup.
extern "C" enum hrtimer_restart kshim_hrtimer_wakeup(struct hrtimer *timer);

namespace kshim {

static_assert(sizeof(Timer) <= sizeof(((hrtimer *)nullptr)->__kshim), "hrtimer too small");

namespace {

constexpr unsigned kHardBases = HRTIMER_MAX_CLOCK_BASES / 2;

// A re-queued timer whose expiry is not after now fires this much later: the time the
// interrupt itself takes on hardware, so that a callback that restarts without forwarding
// does not stop virtual time (Linux keeps re-running it).
constexpr uint64_t kRefireNs = 1000;

// The clock id of each hard base (the soft ones repeat them), in enum hrtimer_base_type order.
constexpr clockid_t kClockOfBase[kHardBases] = {CLOCK_MONOTONIC, CLOCK_REALTIME, CLOCK_BOOTTIME, CLOCK_TAI};

// hrtimer_clockid_to_base: the hard base index of a clock; -1 for an unsupported clock.
int base_of_clock(clockid_t clock_id)
{
    for (unsigned i = 0; i < kHardBases; ++i)
        if (kClockOfBase[i] == clock_id)
            return (int)i;
    return -1;
}

// The base's clock now. TAI is kept equal to REALTIME (no leap-second offset is ever set).
ktime_t (*getter_of(clockid_t clock_id))(void)
{
    switch (clock_id) {
    case CLOCK_REALTIME:
    case CLOCK_TAI: return &ktime_get_real;
    case CLOCK_BOOTTIME: return &ktime_get_boottime;
    default: return &ktime_get;
    }
}

// The monotonic-clock nanosecond of an expiry on base b, clamped at 0.
uint64_t mono_of(const hrtimer_clock_base *b, ktime_t expires)
{
    ktime_t mono = ktime_sub(expires, b->offset);
    return mono > 0 ? (uint64_t)mono : 0;
}

}  // namespace

Hrtimers::Hrtimers(Kernel &k)
    : k_(k), cpus_(k.options().cpus), hard_due_(k.options().cpus), soft_due_(k.options().cpus)
{
    for (unsigned cpu = 0; cpu < cpus_.size(); ++cpu) {
        hrtimer_cpu_base &cb = cpus_[cpu];
        cb.cpu = cpu;
        cb.hres_active = 1;
        for (unsigned i = 0; i < HRTIMER_MAX_CLOCK_BASES; ++i) {
            hrtimer_clock_base &b = cb.clock_base[i];
            b.cpu_base = &cb;
            b.index = i;
            b.clockid = kClockOfBase[i % kHardBases];
            b.get_time = getter_of(b.clockid);
            b.offset = b.get_time == &ktime_get_real ? (ktime_t)k_.clock().real_offset() : 0;
        }
    }
    k_.softirq().open(HrtimerSoftirq, &Hrtimers::run_softirq, this);
    k_.irqs().set_vector_handler(Irqs::kTimerVector, &Hrtimers::run_hardirq, this);
}

Hrtimers::~Hrtimers() { k_.irqs().set_vector_handler(Irqs::kTimerVector, nullptr, nullptr); }

hrtimer_clock_base *Hrtimers::base_on(unsigned cpu, unsigned index) { return &cpus_[cpu].clock_base[index]; }

bool Hrtimers::active(const hrtimer *t) { return t->state != HRTIMER_STATE_INACTIVE || t->base->running == t; }

ktime_t Hrtimers::remaining(const hrtimer *t) { return ktime_sub(t->node.expires, t->base->get_time()); }

void Hrtimers::init(hrtimer *t, int clock_id, unsigned mode)
{
    if (armed_.has(t)) {  // debugobjects: "init active", fixed up by cancelling it
        odebug_report(k_, "init", OdebugState::Active, "hrtimer", (const void *)t->function,
                      (uintptr_t)__builtin_return_address(0));
        dequeue(t);
    }
    std::memset(static_cast<void *>(t), 0, sizeof *t);
    if (clock_id == CLOCK_REALTIME && (mode & HRTIMER_MODE_REL))
        clock_id = CLOCK_MONOTONIC;
    int index = base_of_clock(clock_id);
    if (index < 0) {
        k_.reports().warn("kernel/time/hrtimer.c", 1603, (uintptr_t)__builtin_return_address(0),
                          strprintf("Invalid clockid %d. Using MONOTONIC", clock_id));
        index = 0;
    }
    bool soft = (mode & HRTIMER_MODE_SOFT) != 0;
    t->is_soft = soft;
    t->is_hard = (mode & HRTIMER_MODE_HARD) != 0;
    unsigned cpu = k_.sched().current_or_boot().cpu % (unsigned)cpus_.size();
    t->base = base_on(cpu, (unsigned)index + (soft ? kHardBases : 0));
}

void Hrtimers::start(hrtimer *t, ktime_t tim, uint64_t range_ns, unsigned mode)
{
    if (!(mode & HRTIMER_MODE_SOFT) != !t->is_soft && !warned_mode_) {
        warned_mode_ = true;   // WARN_ON_ONCE
        k_.reports().warn("kernel/time/hrtimer.c", 1343, (uintptr_t)__builtin_return_address(0), "");
    }
    const bool was_armed = dequeue(t);
    // A timer whose callback runs stays on its base; any other moves to the current CPU.
    if (t->base->running != t) {
        unsigned cpu = k_.sched().current_or_boot().cpu % (unsigned)cpus_.size();
        t->base = base_on(cpu, t->base->index);
    }
    if (mode & HRTIMER_MODE_REL)
        tim = ktime_add_safe(tim, t->base->get_time());
    t->is_rel = (mode & HRTIMER_MODE_REL) != 0;
    hrtimer_set_expires_range_ns(t, tim, range_ns);
    enqueue(t);
    if (Tracer &tr = k_.trace(); tr.on()) [[unlikely]]
        tr.hrtimer_start(t, (const void *)t->function, t->node.expires, t->_softexpires, mode, was_armed);
}

// Queues t at its hard expiry. Atomic-safe.
void Hrtimers::enqueue(hrtimer *t)
{
    Timer *e = k_.onstack().entry_of(t);
    e->fn = &Hrtimers::expire;
    e->owner = this;
    e->cpu = t->base->cpu_base->cpu;
    k_.timers().add(e, mono_of(t->base, t->node.expires));
    t->state = HRTIMER_STATE_ENQUEUED;
    armed_.add(t);
    k_.onstack().armed(t, e);
}

// Takes t off the timer queue or its CPU's due list; whether it was queued. Atomic-safe.
bool Hrtimers::dequeue(hrtimer *t)
{
    if (!(t->state & HRTIMER_STATE_ENQUEUED))
        return false;
    if (!k_.timers().del(k_.onstack().entry_of(t)))
        take_due(t);
    t->state = HRTIMER_STATE_INACTIVE;
    armed_.remove(t);
    return true;
}

bool Hrtimers::take_due(hrtimer *t)
{
    for (auto *lists : {&hard_due_, &soft_due_}) {
        for (auto &q : *lists) {
            auto it = std::find(q.begin(), q.end(), t);
            if (it != q.end()) {
                q.erase(it);
                return true;
            }
        }
    }
    return false;
}

int Hrtimers::try_cancel(hrtimer *t)
{
    if (t->base && t->base->running == t)
        return -1;
    return dequeue(t) ? 1 : 0;
}

// Whether t's callback runs in the current task (below us on its stack).
bool Hrtimers::running_here(const hrtimer *t)
{
    Task *self = &k_.sched().current_or_boot();
    return std::any_of(running_.begin(), running_.end(), [&](auto &r) { return r.first == t && r.second == self; });
}

int Hrtimers::cancel(hrtimer *t)
{
    for (;;) {
        int ret = try_cancel(t);
        if (ret >= 0)
            return ret;
        if (running_here(t) || !k_.sched().running()) {
            const std::string fn = k_.symbols().text((uintptr_t)t->function, 's');
            const std::string head = strprintf("kshim: hrtimer_cancel() of the hrtimer whose callback %s is running "
                                               "here; a real kernel would wait for it forever", fn.c_str());
            if (k_.reports().record(ReportKind::HrtimerCancelSelf, head, (uintptr_t)t->function))
                k_.log().emit(3, head);
            return dequeue(t) ? 1 : 0;
        }
        // The callback slept (already reported as a bug) in another task: wait a tick for it.
        k_.sched().sleep_until(k_.clock().now() + kTickNsec, TASK_UNINTERRUPTIBLE);
    }
}

uint64_t Hrtimers::forward(hrtimer *t, ktime_t now, ktime_t interval)
{
    ktime_t delta = ktime_sub(now, hrtimer_get_expires(t));
    if (delta < 0)
        return 0;
    if (t->state & HRTIMER_STATE_ENQUEUED) {
        k_.reports().warn("kernel/time/hrtimer.c", 1061, (uintptr_t)__builtin_return_address(0), "");
        return 0;
    }
    interval = std::max<ktime_t>(interval, hrtimer_resolution);
    uint64_t overruns = 1;
    if (delta >= interval) {
        overruns = (uint64_t)(delta / interval);
        hrtimer_add_expires_ns(t, (uint64_t)interval * overruns);
        if (hrtimer_get_expires_tv64(t) > now)
            return overruns;
        ++overruns;   // landed exactly on now: one more interval
    }
    hrtimer_add_expires(t, interval);
    return overruns;
}

// TimerQueue callback at t's hard expiry (atomic, on the host thread or in a task's voluntary
// point): t goes to its CPU's due list, and a hard one raises the local timer interrupt there
// (once: one interrupt runs every timer due by then), a soft one HRTIMER_SOFTIRQ.
void Hrtimers::expire(Timer *timer)
{
    auto *self = static_cast<Hrtimers *>(timer->owner);
    hrtimer *t = self->k_.onstack().timer_of<hrtimer>(timer);
    unsigned cpu = timer->cpu;
    if (t->is_soft) {
        self->soft_due_[cpu].push_back(t);
        self->k_.softirq().raise(HrtimerSoftirq, cpu);
        return;
    }
    self->hard_due_[cpu].push_back(t);
    if (self->hard_due_[cpu].size() == 1)
        self->k_.irqs().raise_vector(cpu, Irqs::kTimerVector);
}

// hrtimer_interrupt, the local timer interrupt's handler on cpu: runs the due hard timers in
// order; one that falls due meanwhile runs in the same pass. Hardirq context.
void Hrtimers::run_hardirq(void *self, unsigned cpu)
{
    auto *h = static_cast<Hrtimers *>(self);
    while (!h->hard_due_[cpu].empty()) {
        hrtimer *t = h->hard_due_[cpu].front();
        h->hard_due_[cpu].pop_front();
        h->run(t);
    }
}

// HRTIMER_SOFTIRQ on cpu (softirq context, ksoftirqd/cpu): runs the due soft timers in order.
void Hrtimers::run_softirq(void *self, unsigned cpu)
{
    auto *h = static_cast<Hrtimers *>(self);
    while (!h->soft_due_[cpu].empty()) {
        hrtimer *t = h->soft_due_[cpu].front();
        h->soft_due_[cpu].pop_front();
        h->run(t);
    }
}

// __run_hrtimer: t is off the queue; runs its callback with base->running set, then queues it
// again for HRTIMER_RESTART unless the callback restarted it. Hardirq or softirq context.
void Hrtimers::run(hrtimer *t)
{
    hrtimer_clock_base *base = t->base;
    t->state = HRTIMER_STATE_INACTIVE;
    armed_.remove(t);
    base->running = t;
    const std::pair<const hrtimer *, Task *> me{t, &k_.sched().current_or_boot()};
    running_.push_back(me);
    Tracer &tr = k_.trace();
    if (tr.on()) [[unlikely]]
        tr.hrtimer_expire_entry(t, (const void *)t->function, base->get_time());
    enum hrtimer_restart restart = t->function(t);
    if (tr.on()) [[unlikely]]
        tr.hrtimer_expire_exit(t);
    running_.erase(std::find(running_.begin(), running_.end(), me));
    if (restart != HRTIMER_NORESTART && !(t->state & HRTIMER_STATE_ENQUEUED)) {
        enqueue(t);
        Timer *e = k_.onstack().entry_of(t);
        uint64_t now = k_.clock().now();
        if (e->expires <= now)
            k_.timers().add(e, now + kRefireNs);
    }
    base->running = nullptr;
}

void Hrtimers::init_sleeper(hrtimer_sleeper *sl, int clock_id, unsigned mode)
{
    init(&sl->timer, clock_id, mode);
    sl->timer.function = &kshim_hrtimer_wakeup;
    sl->task = &k_.sched().current_or_boot().ts;
}

int Hrtimers::wakeup(hrtimer *t)
{
    auto *sl = reinterpret_cast<hrtimer_sleeper *>(reinterpret_cast<char *>(t) - offsetof(hrtimer_sleeper, timer));
    task_struct *task = sl->task;
    sl->task = nullptr;
    if (task)
        k_.sched().wake(Task::of(task), TASK_NORMAL);
    return HRTIMER_NORESTART;
}

int Hrtimers::sleep(ktime_t *expires, uint64_t delta, unsigned mode, int clock_id)
{
    Task &self = k_.sched().current_or_boot();
    // A zero timeout returns at once, a NULL one sleeps until woken.
    if (expires && *expires == 0) {
        self.ts.__state = TASK_RUNNING;
        return 0;
    }
    if (!expires) {
        k_.sched().schedule();
        return -EINTR;
    }
    hrtimer_sleeper sl;
    init_sleeper(&sl, clock_id, mode);
    start(&sl.timer, *expires, delta, mode);
    if (sl.task)
        k_.sched().schedule();
    cancel(&sl.timer);
    self.ts.__state = TASK_RUNNING;
    return sl.task ? -EINTR : 0;
}

std::vector<hrtimer *> Hrtimers::pending() const
{
    std::vector<hrtimer *> out;
    k_.timers().for_each([this, &out](Timer *e) {
        if (e->fn == &Hrtimers::expire)
            out.push_back(k_.onstack().timer_of<hrtimer>(e));
    });
    for (auto *lists : {&hard_due_, &soft_due_})
        for (auto &q : *lists)
            out.insert(out.end(), q.begin(), q.end());
    return out;
}

unsigned Hrtimers::free_active(const FreedRange &r)
{
    const std::vector<hrtimer *> freed = armed_.in<hrtimer>(r);
    for (hrtimer *t : freed) {
        odebug_report(k_, "free", OdebugState::Active, "hrtimer", (const void *)t->function, r.site);
        dequeue(t);
    }
    return (unsigned)freed.size();
}

void Hrtimers::retire_dead(OnStackObject &o)
{
    auto *t = (hrtimer *)o.timer();
    const bool queued = k_.timers().del(&o.proxy) || take_due(t);
    armed_.remove(t);
    if (queued && o.report)
        odebug_report(k_, "free", OdebugState::Active, "hrtimer", o.timer_fn, o.frame_fn);
}

unsigned Hrtimers::module_gone(const ModuleSpan &m)
{
    unsigned n = 0;
    for (hrtimer *t : pending()) {
        if (!m.contains((const void *)t->function))
            continue;
        const std::string name = k_.symbols().text((uintptr_t)t->function, 's');
        k_.log().emit(3, strprintf("kshim: hrtimer for %s is still pending after module_exit of %s; a real "
                                   "kernel would oops when it fires", name.c_str(), m.name));
        dequeue(t);
        ++n;
    }
    return n;
}

}  // namespace kshim
