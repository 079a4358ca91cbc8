// Softirq: timer_list expiry queues callbacks to ksoftirqd/N, which runs them in softirq context.
#include "irq/softirq.hpp"

#include <cstring>

#include "kernel.hpp"
#include "sched/scheduler.hpp"

#include "linux/preempt.h"
#include "linux/sched.h"
#include "linux/timer.h"

namespace kshim {

static_assert(sizeof(Timer) <= sizeof(((timer_list *)nullptr)->__kshim), "timer_list too small");

Softirq::Softirq(Kernel &k) : k_(k), tasks_(k.options().cpus, nullptr), due_(k.options().cpus) {}

Timer *Softirq::timer_of(timer_list *t) { return reinterpret_cast<Timer *>(t->__kshim); }

timer_list *Softirq::of(Timer *timer)
{
    return reinterpret_cast<timer_list *>(reinterpret_cast<char *>(timer) - offsetof(timer_list, __kshim));
}

int Softirq::arm(timer_list *t, unsigned long expires, unsigned cpu)
{
    Timer *tm = timer_of(t);
    int was = tm->pending() || take_due(t);
    unsigned long now = k_.clock().jiffies();
    t->expires = expires;
    tm->fn = &Softirq::fire;
    tm->owner = t;
    tm->cpu = cpu % k_.sched().cpus();
    k_.timers().add(tm, Clock::ns_of_jiffy(wheel_fire_jiffy(expires, now)));
    t->entry.pprev = reinterpret_cast<hlist_node **>(&t->entry);
    return was;
}

int Softirq::disarm(timer_list *t)
{
    Timer *tm = timer_of(t);
    if (tm->pending())
        k_.timers().del(tm);
    else if (!take_due(t))
        return 0;
    t->entry.pprev = nullptr;
    return 1;
}

// An expired timer whose callback has not run yet is still pending, as on the kernel's wheel
// until the timer softirq runs it: deleting or re-arming it takes it off the due list.
bool Softirq::take_due(timer_list *t)
{
    for (auto &q : due_)
        for (auto it = q.begin(); it != q.end(); ++it)
            if (*it == t) {
                q.erase(it);
                return true;
            }
    return false;
}

bool Softirq::running(const timer_list *t) const { return running_ == t; }

void Softirq::fire(Timer *timer)
{
    Kernel &k = Kernel::get();
    Softirq &s = k.softirq();
    timer_list *t = of(timer);
    unsigned cpu = timer->cpu;
    s.due_[cpu].push_back(t);
    if (!s.tasks_[cpu]) {
        Task *task = k.sched().create(TaskKind::Worker, "ksoftirqd/" + std::to_string(cpu),
                                      [&s, cpu] { s.run_cpu(cpu); return 0L; });
        task->cpu = cpu;
        task->ts.cpu = cpu;
        task->bound = true;
        task->prio_class = 0;
        s.tasks_[cpu] = task;
    }
    k.sched().wake(s.tasks_[cpu], TASK_NORMAL);
}

// ksoftirqd/N: runs due callbacks with the softirq count raised, then sleeps until more are due.
void Softirq::run_cpu(unsigned cpu)
{
    Task *self = k_.sched().running();
    for (;;) {
        while (!due_[cpu].empty()) {
            timer_list *t = due_[cpu].front();
            due_[cpu].pop_front();
            t->entry.pprev = nullptr;
            running_ = t;
            self->preempt_count += SOFTIRQ_OFFSET;
            t->function(t);
            self->preempt_count -= SOFTIRQ_OFFSET;
            running_ = nullptr;
        }
        self->idle_daemon = true;
        self->ts.__state = TASK_INTERRUPTIBLE;
        k_.sched().schedule();
        self->idle_daemon = false;
    }
}

std::vector<timer_list *> Softirq::pending() const
{
    std::vector<timer_list *> out;
    k_.timers().for_each([&out](Timer *tm) {
        if (tm->fn == &Softirq::fire)
            out.push_back(of(tm));
    });
    for (auto &q : due_)
        out.insert(out.end(), q.begin(), q.end());
    return out;
}

}  // namespace kshim
