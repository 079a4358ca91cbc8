// C API bridges for tasks, scheduling, CPUs and context (linux/sched.h, smp.h, preempt.h).
#include <cstring>
#include "kernel.hpp"
#include "sched/scheduler.hpp"
#include "sched/switch_tail.hpp"

#include "asm/processor.h"
#include "kshim/internal/preempt_point.h"
#include "linux/bitmap.h"
#include "linux/cpumask.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "linux/smp.h"

using kshim::Kernel;
using kshim::Task;

namespace {
Task &cur_or_boot() { return Kernel::get().sched().current_or_boot(); }
// wake_up_state through the task's own scheduler (Task::sched, the current kernel's): one load
// where Kernel::get() takes three.
int wake_task(task_struct *tsk, unsigned state)
{
    Task *t = Task::of(tsk);
    return t->sched->wake_up_task(t, state);
}
constexpr int kSchedFifo = 1;  // SCHED_FIFO
}  // namespace

extern "C" {

const struct cpumask *cpumask_of(unsigned int cpu)
{
    static struct cpumask masks[NR_CPUS];
    cpumask_clear(&masks[cpu]);
    cpumask_set_cpu(cpu, &masks[cpu]);
    return &masks[cpu];
}

void schedule(void) { Kernel::get().sched().schedule(); }
// Not module API: the landing of sched/switch_x86_64.S, on a task resumed for a stack dump.
void kshim_switch_landed(void) { Kernel::get().sched().landed(); }
void io_schedule(void) { Kernel::get().sched().schedule(); }
void schedule_preempt_disabled(void) { Kernel::get().sched().schedule(); }
long schedule_timeout(long timeout) { return Kernel::get().sched().schedule_timeout(timeout); }
long io_schedule_timeout(long timeout) { return Kernel::get().sched().schedule_timeout(timeout); }

long schedule_timeout_interruptible(long timeout)
{
    __set_current_state(TASK_INTERRUPTIBLE);
    return schedule_timeout(timeout);
}

long schedule_timeout_killable(long timeout)
{
    __set_current_state(TASK_KILLABLE);
    return schedule_timeout(timeout);
}

long schedule_timeout_uninterruptible(long timeout)
{
    __set_current_state(TASK_UNINTERRUPTIBLE);
    return schedule_timeout(timeout);
}

long schedule_timeout_idle(long timeout)
{
    __set_current_state(TASK_IDLE);
    return schedule_timeout(timeout);
}

void yield(void) { Kernel::get().sched().voluntary_point(true); }

int _cond_resched(void)
{
    Kernel::get().sched().voluntary_point(false);
    return 0;
}

void kshim_cpu_relax(void) { Kernel::get().sched().voluntary_point(false, true); }

int need_resched(void) { return Kernel::get().sched().runnable() > 0; }
int wake_up_process(struct task_struct *tsk) { return wake_task(tsk, TASK_NORMAL); }
int wake_up_state(struct task_struct *tsk, unsigned int state) { return wake_task(tsk, state); }
void kshim_preempt_point(unsigned int kind) { Kernel::get().sched().preempt_point(kind); }

void set_user_nice(struct task_struct *p, long nice) { Kernel::get().sched().set_nice(Task::of(p), nice); }

int kshim_sched_setscheduler(struct task_struct *p, int policy, const void *param)
{
    (void)param;
    Kernel::get().sched().set_policy(Task::of(p), policy);
    return 0;
}

void sched_set_fifo(struct task_struct *p) { Kernel::get().sched().set_policy(Task::of(p), kSchedFifo); }
void sched_set_fifo_low(struct task_struct *p) { Kernel::get().sched().set_policy(Task::of(p), kSchedFifo); }
void sched_set_normal(struct task_struct *p, int nice) { Kernel::get().sched().set_normal(Task::of(p), nice); }

char *__get_task_comm(char *to, size_t len, struct task_struct *tsk)
{
    std::strncpy(to, tsk->comm, len);
    to[len - 1] = '\0';
    return to;
}

void set_task_comm(struct task_struct *tsk, const char *from)
{
    std::strncpy(tsk->comm, from, TASK_COMM_LEN - 1);
    tsk->comm[TASK_COMM_LEN - 1] = '\0';
}

unsigned int task_cpu(const struct task_struct *p) { return p->cpu; }
struct task_struct *find_task_by_vpid(pid_t nr)
{
    Task *t = Kernel::get().sched().find_by_pid(nr);
    if (!t)
        return nullptr;
    return &t->ts;
}
struct task_struct *get_task_struct(struct task_struct *t) { return t; }
void put_task_struct(struct task_struct *t) { (void)t; }

unsigned int kshim_smp_processor_id(void) { return cur_or_boot().cpu; }
int kshim_preempt_count(void) { return cur_or_boot().preempt_count; }
void kshim_preempt_count_add(int val) { cur_or_boot().preempt_count += val; }
void kshim_preempt_count_sub(int val) { cur_or_boot().preempt_count -= val; }

unsigned long kshim_local_irq_save(void) { return Kernel::get().sched().irq_save(); }
void kshim_local_irq_restore(unsigned long flags) { Kernel::get().sched().irq_restore(flags); }

void kshim_local_irq_disable(void) { cur_or_boot().irqs_off = 1; }
void kshim_local_irq_enable(void) { Kernel::get().sched().irq_enable(); }
int kshim_irqs_disabled(void) { return cur_or_boot().irqs_off > 0; }

// Divergence: runs func on the caller's task once per virtual CPU, with preemption disabled.
void on_each_cpu(smp_call_func_t func, void *info, int wait)
{
    (void)wait;
    Kernel::get().sched().call_on_each_cpu(func, info);
}

int smp_call_function_single(int cpuid, smp_call_func_t func, void *info, int wait)
{
    (void)wait;
    Kernel::get().sched().call_on_cpu((unsigned)cpuid, func, info);
    return 0;
}

}  // extern "C"
