// Tasklets: scheduling onto the current CPU's list, the tasklet softirq's pass over it, enable/kill/unlock-wait.
#include "irq/tasklet.hpp"

#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "kernel.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"
#include "sched/scheduler.hpp"
#include "trace/tracer.hpp"

#include "linux/interrupt.h"
#include "linux/sched.h"

namespace kshim {

namespace {
// The function a tasklet runs: tasklet_setup's callback or tasklet_init's func. Atomic-safe.
const void *function_of(const tasklet_struct *t)
{
    return t->use_callback ? (const void *)t->callback : (const void *)t->func;
}
}  // namespace

Tasklets::Tasklets(Kernel &k) : k_(k), normal_(k.options().cpus), hi_(k.options().cpus)
{
    k.softirq().open(TaskletSoftirq, &Tasklets::run_normal, this);
    k.softirq().open(HiSoftirq, &Tasklets::run_hi, this);
}

void Tasklets::List::append(tasklet_struct *t)
{
    t->next = nullptr;
    *tail = t;
    tail = &t->next;
}

tasklet_struct *Tasklets::List::take()
{
    tasklet_struct *all = head;
    head = nullptr;
    tail = &head;
    return all;
}

void Tasklets::init(tasklet_struct *t, void (*func)(unsigned long), unsigned long data)
{
    t->next = nullptr;
    t->state = 0;
    atomic_set(&t->count, 0);
    t->func = func;
    t->use_callback = false;
    t->data = data;
}

void Tasklets::setup(tasklet_struct *t, void (*callback)(tasklet_struct *))
{
    t->next = nullptr;
    t->state = 0;
    atomic_set(&t->count, 0);
    t->callback = callback;
    t->use_callback = true;
    t->data = 0;
}

void Tasklets::schedule(tasklet_struct *t, bool hi)
{
    const unsigned cpu = k_.sched().current_or_boot().cpu;
    (hi ? hi_ : normal_)[cpu].append(t);
    k_.softirq().raise(hi ? HiSoftirq : TaskletSoftirq, cpu);
}

void Tasklets::run_normal(void *self, unsigned cpu)
{
    auto *me = static_cast<Tasklets *>(self);
    me->action(me->normal_, TaskletSoftirq, cpu);
}

void Tasklets::run_hi(void *self, unsigned cpu)
{
    auto *me = static_cast<Tasklets *>(self);
    me->action(me->hi_, HiSoftirq, cpu);
}

// tasklet_action_common: takes cpu's list and runs each tasklet that is enabled and not running
// elsewhere; the others go back on the list. Softirq context.
void Tasklets::action(std::vector<List> &lists, SoftirqNr nr, unsigned cpu)
{
    (void)nr;
    tasklet_struct *t = lists[cpu].take();
    bool ran = false;
    while (t) {
        tasklet_struct *next = t->next;
        if (run_one(t)) {
            ran = true;
        } else {
            lists[cpu].append(t);
            ++deferred_;
        }
        t = next;
    }
    // A tasklet's end may let a deferred one (busy elsewhere) run: raise the CPUs that hold some.
    if (ran && deferred_)
        kick();
}

// One tasklet of the pass: false if it stays scheduled (disabled, or running on another CPU).
// Softirq context.
bool Tasklets::run_one(tasklet_struct *t)
{
    // One host thread runs every virtual CPU and nothing switches inside this function, so the
    // plain bit operations are as atomic as the locked ones a module's tasklet_trylock uses.
    if (__test_and_set_bit(TASKLET_STATE_RUN, &t->state))
        return false;
    if (atomic_read(&t->count)) {
        __clear_bit(TASKLET_STATE_RUN, &t->state);
        return false;
    }
    if (!__test_and_clear_bit(TASKLET_STATE_SCHED, &t->state)) {
        const void *fn = function_of(t);
        k_.reports().warn("kernel/softirq.c", 798, (uintptr_t)__builtin_return_address(0),
                          "tasklet SCHED state not set: " + std::string(t->use_callback ? "callback" : "func") +
                              " " + k_.symbols().text((uintptr_t)fn, 'S'));
    } else {
        Tracer &tr = k_.trace();
        const void *fn = function_of(t);
        if (tr.on()) [[unlikely]]
            tr.tasklet_entry(t, fn);
        if (t->use_callback)
            t->callback(t);
        else
            t->func(t->data);
        if (tr.on()) [[unlikely]]
            tr.tasklet_exit(t, fn);
    }
    unlock(t);
    return true;
}

// Raises the tasklet softirqs of every CPU whose list still holds tasklets (they were disabled
// or running elsewhere). Atomic-safe.
void Tasklets::kick()
{
    deferred_ = 0;
    for (unsigned c = 0; c < normal_.size(); ++c) {
        if (normal_[c].head)
            k_.softirq().raise(TaskletSoftirq, c);
        if (hi_[c].head)
            k_.softirq().raise(HiSoftirq, c);
    }
}

void Tasklets::enable(tasklet_struct *t)
{
    if (atomic_dec_return(&t->count) == 0 && test_bit(TASKLET_STATE_SCHED, &t->state))
        kick();
}

void Tasklets::unlock(tasklet_struct *t)
{
    __clear_bit(TASKLET_STATE_RUN, &t->state);   // see run_one
    wake_waiters();
}

void Tasklets::wake_waiters()
{
    if (waiters_.empty())
        return;
    std::vector<Task *> w;
    w.swap(waiters_);
    for (Task *task : w)
        k_.sched().wake(task, TASK_NORMAL);
}

// Sleeps until bit of t's state is clear (wait_var_event on t->state). May sleep.
void Tasklets::wait_until(tasklet_struct *t, unsigned long bit)
{
    Scheduler &s = k_.sched();
    Task *cur = s.running();
    while (cur && test_bit(bit, &t->state)) {
        waiters_.push_back(cur);
        cur->ts.__state = TASK_UNINTERRUPTIBLE;
        s.schedule();
    }
}

void Tasklets::unlock_wait(tasklet_struct *t) { wait_until(t, TASKLET_STATE_RUN); }

void Tasklets::kill(tasklet_struct *t)
{
    if (k_.sched().current_or_boot().preempt_count & (HARDIRQ_MASK | SOFTIRQ_MASK | NMI_MASK))
        k_.log().print(KERN_NOTICE "softirq: Attempt to kill tasklet from interrupt\n");
    while (test_and_set_bit(TASKLET_STATE_SCHED, &t->state))
        wait_until(t, TASKLET_STATE_SCHED);
    unlock_wait(t);
    clear_bit(TASKLET_STATE_SCHED, &t->state);
}

unsigned Tasklets::module_gone(const ModuleSpan &m)
{
    return sweep_all([&](tasklet_struct *t) {
        const void *fn = function_of(t);
        if (!m.contains(fn) && !m.contains(t))
            return false;
        const std::string name = k_.symbols().text((uintptr_t)fn, 's');
        k_.log().emit(3, strprintf("kshim: tasklet %s is still scheduled after module_exit of %s; a real "
                                   "kernel would oops when it runs", name.c_str(), m.name));
        k_.reports().count_bug();
        return true;
    });
}

unsigned Tasklets::free_active(const FreedRange &r)
{
    return sweep_all([&](tasklet_struct *t) {
        if (!r.contains(t))
            return false;
        odebug_report(k_, "free", OdebugState::Active, "tasklet_struct", function_of(t), r.site);
        return true;
    });
}

unsigned Tasklets::sweep_all(const std::function<bool(tasklet_struct *)> &gone)
{
    unsigned n = 0;
    for (unsigned c = 0; c < normal_.size(); ++c)
        n += sweep(normal_[c], gone) + sweep(hi_[c], gone);
    return n;
}

// Rebuilds l without the tasklets gone() reports; those are left unscheduled. Atomic-safe.
unsigned Tasklets::sweep(List &l, const std::function<bool(tasklet_struct *)> &gone)
{
    unsigned n = 0;
    tasklet_struct *t = l.take();
    while (t) {
        tasklet_struct *next = t->next;
        if (gone(t)) {
            t->state = 0;
            ++n;
        } else {
            l.append(t);
        }
        t = next;
    }
    return n;
}

}  // namespace kshim
