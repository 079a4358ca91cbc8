// C API bridges for kernel threads (linux/kthread.h).
#include "kernel.hpp"
#include "kthread/kthread.hpp"
#include "printk/strprintf.hpp"
#include "sched/scheduler.hpp"

#include "linux/kthread.h"

using kshim::Kernel;
using kshim::Task;

extern "C" {

struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data, int node,
                                           const char namefmt[], ...)
{
    (void)node;
    va_list ap;
    va_start(ap, namefmt);
    std::string name = kshim::vstrprintf(namefmt, ap);
    va_end(ap);
    return Kernel::get().kthreads().create_task(threadfn, data, std::move(name), -1, _RET_IP_);
}

struct task_struct *kthread_create_on_cpu(int (*threadfn)(void *data), void *data, unsigned int cpu,
                                          const char *namefmt)
{
    std::string name = kshim::strprintf(namefmt, cpu);
    return Kernel::get().kthreads().create_task(threadfn, data, std::move(name), (int)cpu, _RET_IP_);
}

void kthread_bind(struct task_struct *k, unsigned int cpu) { Kernel::get().kthreads().bind(Task::of(k), cpu); }
void kthread_bind_mask(struct task_struct *k, const struct cpumask *mask)
{
    Kernel::get().kthreads().bind(Task::of(k), cpumask_first(mask));
}
int kthread_stop(struct task_struct *k) { return Kernel::get().kthreads().stop(Task::of(k)); }
bool kthread_should_stop(void) { return Kernel::get().kthreads().should_stop(); }
bool kthread_should_park(void) { return Kernel::get().kthreads().should_park(); }
bool kthread_freezable_should_stop(bool *was_frozen) { return Kernel::get().kthreads().freezable_should_stop(was_frozen); }
int kthread_park(struct task_struct *k) { return Kernel::get().kthreads().park(Task::of(k)); }
void kthread_unpark(struct task_struct *k) { Kernel::get().kthreads().unpark(Task::of(k)); }
void kthread_parkme(void) { Kernel::get().kthreads().parkme(); }
void *kthread_data(struct task_struct *k) { return Task::of(k)->data; }
void *kthread_func(struct task_struct *k) { return (void *)Task::of(k)->threadfn; }
void kthread_exit(long result) { Kernel::get().kthreads().exit(result); }
void kthread_set_per_cpu(struct task_struct *k, int cpu) { Kernel::get().kthreads().set_per_cpu(Task::of(k), cpu); }
bool kthread_is_per_cpu(struct task_struct *k) { return Task::of(k)->bound; }

}  // extern "C"
