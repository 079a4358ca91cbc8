// kthread_worker: a kthread that runs queued kthread_work items in order, with delayed items on timer_lists.
#pragma once

#include <string>

struct kthread_worker;
struct kthread_work;
struct kthread_delayed_work;
struct timer_list;
struct list_head;

namespace kshim {

class Kernel;

// Linux 6.1's kthread_worker (kernel/kthread.c) over the C structs of linux/kthread.h.
// A work is pending while its node is on the worker's work_list (due) or delayed_work_list
// (its timer armed); work->worker is the worker it was last queued on; current_work is the one
// whose function runs now. No lock is taken: everything runs on one host thread and a task
// switches only where it sleeps, so each member runs to its end unless it says "may sleep".
class KthreadWorkers {
public:
    explicit KthreadWorkers(Kernel &k);
    // kthread_create_worker(_on_cpu): allocates, starts and wakes a worker; cpu < 0 unbound.
    // `caller` is the module code that asked (whose leftovers reports name). May sleep.
    kthread_worker *create(int cpu, unsigned flags, std::string name, const void *caller);
    // __kthread_init_worker. Any context.
    static void init(kthread_worker *w, const char *name, void *key);
    // kthread_worker_fn: the worker's main loop, in its kthread until kthread_stop(). Sleeps.
    int run(kthread_worker *w);
    bool queue(kthread_worker *w, kthread_work *work);                       // atomic-safe
    bool queue_delayed(kthread_worker *w, kthread_delayed_work *dw, unsigned long delay);  // atomic-safe
    bool mod_delayed(kthread_worker *w, kthread_delayed_work *dw, unsigned long delay);    // atomic-safe
    // The delayed work's timer fired: queue the work now. Softirq context.
    void timer_fired(timer_list *t);
    void flush_work(kthread_work *work);        // may sleep
    void flush_worker(kthread_worker *w);       // may sleep
    bool cancel_sync(kthread_work *work, bool delayed);   // may sleep
    void destroy(kthread_worker *w);            // may sleep

private:
    struct Flush;
    static void flush_fn(kthread_work *work);
    void sanity(kthread_worker *w, kthread_work *work);
    void insert(kthread_worker *w, kthread_work *work, list_head *pos);
    void queue_delayed_locked(kthread_worker *w, kthread_delayed_work *dw, unsigned long delay);
    void cancel_timer(kthread_work *work);
    static bool dequeue(kthread_work *work);
    void wait(Flush &f);
    void warn(int line);

    Kernel &k_;
    bool resolver_installed_ = false;
};

}  // namespace kshim
