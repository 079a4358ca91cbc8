// C API bridges for kthread_worker (linux/kthread.h).
#include <cstdarg>

#include "kernel.hpp"
#include "kthread/kthread.hpp"
#include "printk/strprintf.hpp"

#include "linux/kthread.h"

using kshim::Kernel;

namespace {
kshim::KthreadWorkers &workers() { return Kernel::get().kthreads().workers(); }
}

extern "C" {

struct kthread_worker *kthread_create_worker(unsigned int flags, const char namefmt[], ...)
{
    va_list ap;
    va_start(ap, namefmt);
    std::string name = kshim::vstrprintf(namefmt, ap);
    va_end(ap);
    return workers().create(-1, flags, std::move(name), __builtin_return_address(0));
}

struct kthread_worker *kthread_create_worker_on_cpu(int cpu, unsigned int flags, const char namefmt[], ...)
{
    va_list ap;
    va_start(ap, namefmt);
    std::string name = kshim::vstrprintf(namefmt, ap);
    va_end(ap);
    return workers().create(cpu, flags, std::move(name), __builtin_return_address(0));
}

void __kthread_init_worker(struct kthread_worker *worker, const char *name, struct lock_class_key *key)
{
    kshim::KthreadWorkers::init(worker, name, key);
}
int kthread_worker_fn(void *worker_ptr) { return workers().run(static_cast<struct kthread_worker *>(worker_ptr)); }
void kthread_delayed_work_timer_fn(struct timer_list *t) { workers().timer_fired(t); }
bool kthread_queue_work(struct kthread_worker *worker, struct kthread_work *work) { return workers().queue(worker, work); }
bool kthread_queue_delayed_work(struct kthread_worker *worker, struct kthread_delayed_work *dwork, unsigned long delay)
{
    return workers().queue_delayed(worker, dwork, delay);
}
bool kthread_mod_delayed_work(struct kthread_worker *worker, struct kthread_delayed_work *dwork, unsigned long delay)
{
    return workers().mod_delayed(worker, dwork, delay);
}
void kthread_flush_work(struct kthread_work *work) { workers().flush_work(work); }
void kthread_flush_worker(struct kthread_worker *worker) { workers().flush_worker(worker); }
bool kthread_cancel_work_sync(struct kthread_work *work) { return workers().cancel_sync(work, false); }
bool kthread_cancel_delayed_work_sync(struct kthread_delayed_work *dwork) { return workers().cancel_sync(&dwork->work, true); }
void kthread_destroy_worker(struct kthread_worker *worker) { workers().destroy(worker); }

}  // extern "C"
