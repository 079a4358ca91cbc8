// C API bridges for workqueues (linux/workqueue.h) and kshim's workqueue extensions.
#include "debug/debugobjects.hpp"
#include "debug/onstack.hpp"
#include "kernel.hpp"
#include "printk/strprintf.hpp"
#include "workqueue/workqueue.hpp"

#include "kshim/workqueue_ext.h"
#include "linux/workqueue.h"

using kshim::Kernel;

namespace {
kshim::Workqueues &wqs() { return Kernel::get().workqueues(); }
}

extern "C" {

struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags, int max_active, ...)
{
    va_list ap;
    va_start(ap, max_active);
    std::string name = kshim::vstrprintf(fmt, ap);
    va_end(ap);
    return wqs().create(std::move(name), flags, max_active, (uintptr_t)__builtin_return_address(0));
}

void destroy_workqueue(struct workqueue_struct *wq) { wqs().destroy(wq); }
void workqueue_set_max_active(struct workqueue_struct *wq, int max_active) { wqs().set_max_active(wq, max_active); }
bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work) { return wqs().queue(cpu, wq, work); }
bool queue_work_node(int node, struct workqueue_struct *wq, struct work_struct *work)
{
    (void)node;
    return wqs().queue(WORK_CPU_UNBOUND, wq, work);
}
bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork, unsigned long delay)
{
    return wqs().queue_delayed(cpu, wq, dwork, delay);
}
bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork, unsigned long delay)
{
    return wqs().mod_delayed(cpu, wq, dwork, delay);
}
bool queue_rcu_work(struct workqueue_struct *wq, struct rcu_work *rwork) { return wqs().queue_rcu(wq, rwork); }
void delayed_work_timer_fn(struct timer_list *t) { wqs().delayed_timer_fired(t); }
void __flush_workqueue(struct workqueue_struct *wq) { wqs().flush(wq, _THIS_IP_); }
void drain_workqueue(struct workqueue_struct *wq) { wqs().drain(wq, _THIS_IP_); }
bool flush_work(struct work_struct *work) { return wqs().flush_work(work, _THIS_IP_); }
bool cancel_work(struct work_struct *work) { return wqs().cancel(work, false, false); }
bool cancel_work_sync(struct work_struct *work) { return wqs().cancel(work, false, true, _THIS_IP_); }
bool flush_delayed_work(struct delayed_work *dwork) { return wqs().flush_delayed(dwork, _THIS_IP_); }
bool cancel_delayed_work(struct delayed_work *dwork) { return wqs().cancel(&dwork->work, true, false); }
bool cancel_delayed_work_sync(struct delayed_work *dwork) { return wqs().cancel(&dwork->work, true, true, _THIS_IP_); }
bool flush_rcu_work(struct rcu_work *rwork) { return wqs().flush_rcu(rwork, _THIS_IP_); }
int schedule_on_each_cpu(work_func_t func) { return wqs().on_each_cpu(func); }
unsigned int work_busy(struct work_struct *work) { return wqs().busy(work); }
struct work_struct *current_work(void) { return wqs().current_work(); }
bool current_is_workqueue_rescuer(void) { return false; }
bool workqueue_congested(int cpu, struct workqueue_struct *wq) { return wqs().congested(cpu, wq); }

void kshim_workqueue_set_max_pending(struct workqueue_struct *wq, unsigned int max_pending) { wq->max_pending = max_pending; }
void kshim_workqueue_get_stats(struct workqueue_struct *wq, struct kshim_wq_stats *stats) { *stats = wq->stats; }
const char *kshim_workqueue_name(struct workqueue_struct *wq) { return wq->name.c_str(); }

void destroy_work_on_stack(struct work_struct *work)
{
    Kernel::get().destroy_on_stack({work, work + 1, (uintptr_t)__builtin_return_address(0)});
}
void destroy_delayed_work_on_stack(struct delayed_work *work)
{
    Kernel::get().destroy_on_stack({work, work + 1, (uintptr_t)__builtin_return_address(0)});
}
void kshim_delayed_work_onstack(struct delayed_work *work)
{
    Kernel::get().onstack().widen(work, sizeof *work, kshim::OnStackKind::DelayedWork);
}

// INIT_WORK also runs with no kernel (benchmarks' floors, C library checks): nothing is queued then.
void __init_work(struct work_struct *work, int onstack)
{
    if (!Kernel::active())
        return;
    wqs().init_check(work, onstack != 0, (uintptr_t)__builtin_return_address(0));
}
}  // extern "C"
