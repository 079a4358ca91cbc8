// timer_list engine: arm/disarm on the timer queue, expiry to per-CPU due lists, the timer softirq.
#include "time/timer.hpp"

#include <cstddef>

#include "debug/debugobjects.hpp"
#include "debug/onstack.hpp"
#include "debug/symbolizer.hpp"
#include "irq/softirq.hpp"
#include "kernel.hpp"
#include "module/address_map.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"
#include "trace/tracer.hpp"

#include "linux/jiffies.h"
#include "linux/timer.h"

namespace kshim {

static_assert(sizeof(Timer) <= sizeof(((timer_list *)nullptr)->__kshim), "timer_list too small");

TimerLists::TimerLists(Kernel &k) : k_(k), due_(k.options().cpus)
{
    k_.softirq().open(TimerSoftirq, &TimerLists::run_softirq, this);
}

int TimerLists::arm(timer_list *t, unsigned long expires, unsigned cpu)
{
    Timer *tm = k_.onstack().entry_of(t);
    int was = tm->pending() || take_due(t);
    unsigned long now = k_.clock().jiffies();
    t->expires = expires;
    tm->fn = &TimerLists::expire;
    tm->owner = this;
    tm->cpu = cpu % (unsigned)due_.size();
    k_.timers().add(tm, Clock::ns_of_jiffy(wheel_fire_jiffy(expires, now)));
    k_.onstack().armed(t, tm);
    armed_.add(t);
    t->entry.pprev = reinterpret_cast<hlist_node **>(&t->entry);
    if (Tracer &tr = k_.trace(); tr.on()) [[unlikely]]
        tr.timer_start(t, (const void *)t->function, expires, (t->flags & ~TIMER_CPUMASK) | tm->cpu);
    return was;
}

int TimerLists::disarm(timer_list *t)
{
    Timer *tm = k_.onstack().entry_of(t);
    if (tm->pending())
        k_.timers().del(tm);
    else if (!take_due(t))
        return 0;
    armed_.remove(t);
    t->entry.pprev = nullptr;
    return 1;
}

int TimerLists::rearm_pending(timer_list *t, unsigned long expires, unsigned cpu)
{
    return timer_pending(t) ? arm(t, expires, cpu) : 0;
}

int TimerLists::reduce(timer_list *t, unsigned long expires, unsigned cpu)
{
    if (timer_pending(t) && !time_before(expires, t->expires))
        return 1;
    return arm(t, expires, cpu);
}

// An expired timer whose callback has not run yet is still pending, as on the kernel's wheel
// until the timer softirq runs it: deleting or re-arming it takes it off the due list.
bool TimerLists::take_due(timer_list *t)
{
    for (auto &q : due_)
        for (auto it = q.begin(); it != q.end(); ++it)
            if (*it == t) {
                q.erase(it);
                return true;
            }
    return false;
}

// TimerQueue callback at expiry: due on its CPU, and that CPU's timer softirq raised.
void TimerLists::expire(Timer *timer)
{
    auto *self = static_cast<TimerLists *>(timer->owner);
    self->due_[timer->cpu].push_back(self->k_.onstack().timer_of<timer_list>(timer));
    self->k_.softirq().raise(TimerSoftirq, timer->cpu);
}

void TimerLists::run_softirq(void *self, unsigned cpu) { static_cast<TimerLists *>(self)->run_due(cpu); }

// The timer softirq on cpu (softirq context, in ksoftirqd/cpu): runs due callbacks in order.
void TimerLists::run_due(unsigned cpu)
{
    while (!due_[cpu].empty()) {
        timer_list *t = due_[cpu].front();
        due_[cpu].pop_front();
        armed_.remove(t);
        t->entry.pprev = nullptr;
        running_ = t;
        Tracer &tr = k_.trace();
        if (tr.on()) [[unlikely]]
            tr.timer_expire_entry(t, (const void *)t->function);
        t->function(t);
        if (tr.on()) [[unlikely]]
            tr.timer_expire_exit(t);
        running_ = nullptr;
    }
}

void TimerLists::init_check(timer_list *t, uintptr_t site)
{
    if (!armed_.has(t))
        return;
    odebug_report(k_, "init", OdebugState::Active, "timer_list", (const void *)t->function, site);
    disarm(t);
}

void TimerLists::init(timer_list *t, void (*fn)(timer_list *), unsigned flags, uintptr_t site)
{
    init_check(t, site);
    kshim_timer_fill(t, fn, flags);
}

std::vector<timer_list *> TimerLists::pending() const
{
    std::vector<timer_list *> out;
    k_.timers().for_each([this, &out](Timer *tm) {
        if (tm->fn == &TimerLists::expire)
            out.push_back(k_.onstack().timer_of<timer_list>(tm));
    });
    for (auto &q : due_)
        out.insert(out.end(), q.begin(), q.end());
    return out;
}

void TimerLists::resolve_callback(void (*callback)(timer_list *), Resolver r) { resolvers_.emplace_back(callback, r); }

const void *TimerLists::code_of(timer_list *t) const
{
    for (const auto &[callback, resolve] : resolvers_)
        if (t->function == callback)
            return resolve(t);
    return (const void *)t->function;
}

unsigned TimerLists::free_active(const FreedRange &r)
{
    const std::vector<timer_list *> freed = armed_.in<timer_list>(r);
    for (timer_list *t : freed) {
        odebug_report(k_, "free", OdebugState::Active, "timer_list", (const void *)t->function, r.site);
        disarm(t);
    }
    return (unsigned)freed.size();
}

void TimerLists::retire_dead(OnStackObject &o)
{
    auto *t = (timer_list *)o.timer();
    const bool armed = k_.timers().del(&o.proxy) || take_due(t);
    armed_.remove(t);
    if (armed && o.report)
        odebug_report(k_, "free", OdebugState::Active, "timer_list", o.timer_fn, o.frame_fn);
}

unsigned TimerLists::module_gone(const ModuleSpan &m)
{
    unsigned n = 0;
    for (timer_list *t : pending()) {
        const void *fn = code_of(t);
        if (!m.contains(fn))
            continue;
        const std::string name = k_.symbols().text((uintptr_t)fn, 's');
        k_.log().emit(3, strprintf("kshim: timer for %s is still pending after module_exit of %s; a real "
                                   "kernel would oops when it fires", name.c_str(), m.name));
        disarm(t);
        ++n;
    }
    return n;
}

}  // namespace kshim
