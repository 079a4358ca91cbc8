// Kernel threads: the kthread() trampoline, kthread_stop's -EINTR rule, parking.
#include "kthread/kthread.hpp"
#include "debug/report.hpp"
#include "kernel.hpp"
#include "module/address_map.hpp"
#include "sched/scheduler.hpp"

#include "linux/err.h"
#include "linux/errno.h"
#include "linux/gfp.h"
#include "linux/sched.h"

// Named like the kernel's own trampoline so call traces end in "kthread+0x..".
extern "C" __attribute__((noinline)) long kthread(kshim::Task *t)
{
    // Stopped before it ever ran: the thread function is never called (Linux returns -EINTR).
    if (t->should_stop)
        return -EINTR;
    long r = t->threadfn(t->data);
    __asm__ volatile("" ::: "memory");  // keep this frame in call traces
    return r;
}

namespace kshim {

Task *Kthreads::create(int (*fn)(void *), void *data, std::string name, int cpu, uintptr_t caller)
{
    if (caller && k_.faults().should_fail(FaultCall::KthreadCreate, 0, GFP_KERNEL, caller))
        return nullptr;
    Task *t = k_.sched().create(TaskKind::Kthread, std::move(name), {});
    t->body = [t] { return kthread(t); };
    t->threadfn = fn;
    t->data = data;
    t->is_kthread = true;
    t->owner = k_.module_map().find((uintptr_t)fn);
    if (cpu >= 0)
        bind(t, (unsigned)cpu);
    return t;
}

task_struct *Kthreads::create_task(int (*fn)(void *), void *data, std::string name, int cpu, uintptr_t caller)
{
    Task *t = create(fn, data, std::move(name), cpu, caller);
    return t ? &t->ts : static_cast<task_struct *>(ERR_PTR(-ENOMEM));
}

void Kthreads::bind(Task *t, unsigned cpu)
{
    t->cpu = cpu % k_.sched().cpus();
    t->ts.cpu = t->cpu;
    t->bound = true;
    t->ts.flags |= PF_NO_SETAFFINITY;
}

void Kthreads::set_per_cpu(Task *t, int cpu)
{
    if (cpu >= 0)
        bind(t, (unsigned)cpu);
}

int Kthreads::stop(Task *t)
{
    Task *self = k_.sched().running();
    if (!self)
        k_.reports().fatal_outside_task("kthread_stop");
    t->should_stop = true;
    if (t->parked)
        unpark(t);
    k_.sched().wake(t, TASK_NORMAL | TASK_PARKED);
    WaitingOn note(*self, WaitKind::KthreadStop, t, t);
    while (t->alive()) {
        t->exit_waiters.push_back(self);
        self->ts.__state = TASK_UNINTERRUPTIBLE;
        k_.sched().schedule();
    }
    return (int)t->result;
}

bool Kthreads::should_stop() const
{
    Task *t = k_.sched().running();
    return t && t->should_stop;
}

bool Kthreads::freezable_should_stop(bool *was_frozen) const
{
    if (was_frozen)
        *was_frozen = false;
    return should_stop();
}

bool Kthreads::should_park() const
{
    Task *t = k_.sched().running();
    return t && t->should_park;
}

int Kthreads::park(Task *t)
{
    if (!t->alive())
        return -ENOSYS;
    t->should_park = true;
    if (t == k_.sched().running())
        return 0;
    k_.sched().wake(t, TASK_NORMAL);
    Task *self = k_.sched().running();
    WaitingOn note(*self, WaitKind::KthreadPark, t, t);
    while (!t->parked && t->alive()) {
        t->park_waiter = self;
        self->ts.__state = TASK_UNINTERRUPTIBLE;
        k_.sched().schedule();
    }
    return 0;
}

void Kthreads::unpark(Task *t)
{
    t->should_park = false;
    if (t->parked) {
        t->parked = false;
        k_.sched().wake(t, TASK_PARKED);
    }
}

void Kthreads::parkme()
{
    Task *t = k_.sched().running();
    while (t->should_park) {
        t->ts.__state = TASK_PARKED;
        if (!t->parked) {
            t->parked = true;
            if (t->park_waiter) {
                k_.sched().wake(t->park_waiter, TASK_NORMAL);
                t->park_waiter = nullptr;
            }
        }
        k_.sched().schedule();
    }
    t->ts.__state = TASK_RUNNING;
}

void Kthreads::exit(long result) { k_.sched().exit_current(result); }

}  // namespace kshim
