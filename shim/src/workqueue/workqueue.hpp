// Concurrency-managed workqueues (Linux 6.1 CMWQ): pools of kworkers, pool_workqueues, flushing.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "debug/debugobjects.hpp"
#include "sched/task.hpp"

#include "kshim/workqueue_ext.h"
#include "linux/list.h"
#include "linux/lockdep.h"
#include "linux/types.h"

struct work_struct;
struct delayed_work;
struct rcu_work;
struct workqueue_struct;
struct timer_list;

namespace kshim {

class Kernel;
class Workqueues;
class Module;
struct ModuleSpan;
struct Task;
struct Pool;
struct Pwq;
struct OnStackObject;
enum class WorkState : uint8_t;

// A kworker's state. Idle -> Busy when its pool needs it (worker_main), Busy -> Sleeping when
// it blocks inside a work function (the SleepHook; concurrency management then wakes another
// worker), Sleeping -> Busy when it runs again, Busy -> Idle when the pool has no work for it.
enum class WorkerState : uint8_t { Idle, Busy, Sleeping };

// A kworker: its task, its pool and the item it runs.
struct Worker {
    Task *task = nullptr;
    Pool *pool = nullptr;
    WorkerState state = WorkerState::Idle;
    work_struct *current_work = nullptr;
    void (*current_func)(work_struct *) = nullptr;
    Pwq *current_pwq = nullptr;
    unsigned current_color = 0;
    bool intensive = false;             // runs a WQ_CPU_INTENSIVE item outside concurrency management
    struct lockdep_map current_map{};   // a copy of the item's map: the item may free itself
    workqueue_struct *maps_wq = nullptr; // whose map and current_map lockdep holds (hold_maps)
    std::deque<work_struct *> scheduled;   // items that collided with current_work
};

// A worker pool: one per virtual CPU (normal and high priority) plus two unbound ones.
struct Pool {
    int id = 0;
    int cpu = -1;                     // -1: unbound
    bool highpri = false;
    list_head worklist;               // pending items, in execution order (work->entry)
    std::vector<std::unique_ptr<Worker>> workers;
    std::vector<Worker *> idle;       // LIFO, as the kernel picks the first idle worker
    int nr_running = 0;               // busy, non-sleeping workers (bound pools only)
    int next_id = 0;
    uint64_t watchdog_ns = 0;         // last progress: an item started, or work came to an empty list
    bool lockup_reported = false;     // the workqueue watchdog reported this stall already
};

// The link between a workqueue and a pool: max_active accounting and the inactive list.
struct alignas(256) Pwq {
    workqueue_struct *wq = nullptr;
    Pool *pool = nullptr;
    int nr_active = 0;
    list_head inactive;
    std::deque<std::pair<uint64_t, uint32_t>> queued_at;   // runs of (queue time, items), oldest first
};

}  // namespace kshim

// The C API's workqueue handle.
struct workqueue_struct {
    std::string name;
    unsigned flags = 0;
    int max_active = 1;
    std::vector<kshim::Pwq *> pwqs;   // per CPU when bound; one when unbound
    int inflight[16] = {};            // queued-or-running items per flush color
    unsigned work_color = 0;
    unsigned pending = 0;             // items queued and not yet started
    unsigned max_pending = 0;         // kshim bounded-queue extension (0: unbounded)
    bool destroyed = false;
    kshim::Module *owner = nullptr;
    kshim_wq_stats stats{};
    // "(wq_completion)" + name, one class per workqueue (Linux's wq->key): held while its items
    // run, taken by flush_workqueue, so lockdep sees a flush from one of its own items.
    lock_class_key key{};
    std::string lock_name;
    struct lockdep_map lockdep_map{};
};

// The frame under every work function, as in Linux's traces; the lockdep maps are taken here,
// so lockdep reports them "at: process_one_work". May sleep (inside the work function).
extern "C" void process_one_work(kshim::Workqueues *wqs, kshim::Worker *w, work_struct *work);

namespace kshim {

// The per-item steps of queue_work and of a kworker are hidden: only libkshim calls them, so
// they bind locally and the compiler may inline them within their source file, which it may
// not do with an interposable symbol of a -fPIC library.
#define KSHIM_WQ_LOCAL __attribute__((visibility("hidden")))

// Every kworker's task carries this object as its SleepHook (concurrency management).
class Workqueues final : private SleepHook, private IdleWatch {
public:
    explicit Workqueues(Kernel &k);
    ~Workqueues();

    // alloc_workqueue and destroy_workqueue; may sleep.
    workqueue_struct *create(std::string name, unsigned flags, int max_active, uintptr_t site);
    void destroy(workqueue_struct *wq);
    void set_max_active(workqueue_struct *wq, int max_active);

    // Atomic-safe queueing; false if the work was already pending (or dropped, or refused).
    KSHIM_WQ_LOCAL bool queue(int cpu, workqueue_struct *wq, work_struct *work);
    bool queue_delayed(int cpu, workqueue_struct *wq, delayed_work *dw, unsigned long delay);
    bool mod_delayed(int cpu, workqueue_struct *wq, delayed_work *dw, unsigned long delay);
    bool queue_rcu(workqueue_struct *wq, rcu_work *rw);
    void delayed_timer_fired(timer_list *t);

    // May sleep. ip: where the caller takes the lockdep maps (lockdep's "at:").
    void flush(workqueue_struct *wq, uintptr_t ip);
    void drain(workqueue_struct *wq, uintptr_t ip);
    bool flush_work(work_struct *work, uintptr_t ip);
    bool flush_delayed(delayed_work *dw, uintptr_t ip);
    bool flush_rcu(rcu_work *rw, uintptr_t ip);
    bool cancel(work_struct *work, bool is_dwork, bool sync, uintptr_t ip = 0);
    int on_each_cpu(void (*func)(work_struct *));

    unsigned busy(work_struct *work);
    work_struct *current_work();
    bool congested(int cpu, workqueue_struct *wq);

    // At module unload: what the module left queued or undestroyed (TimerLists sweeps its timers).
    unsigned module_gone(const ModuleSpan &m);
    // debugobjects: every queued work item inside memory being freed is reported ("free
    // active", work_struct) and taken off its queue, as 6.1's work_fixup_free cancels it.
    // Atomic-safe.
    unsigned free_active(const FreedRange &r);
    // debugobjects at INIT_WORK (__init_work): an item on the task's stack but not initialised
    // with INIT_WORK_ONSTACK (or the reverse) is reported; an item still queued is reported
    // ("init active") and taken off its queue, as 6.1's work_fixup_init cancels it; an
    // INIT_WORK_ONSTACK item is registered with its frame (Kernel::register_onstack). Atomic-safe.
    void init_check(work_struct *work, bool onstack, uintptr_t site);
    // The on-stack items among `dead` whose frame has ended (debug/onstack.hpp) that are still
    // queued are reported ("free active", work_struct, at the function whose frame held them)
    // and taken off their lists, reading none of them: each list is walked from its head
    // forward and backward to the live neighbours of the dead node, which are relinked. An
    // item whose function runs is left to its worker, which only compares its address from
    // then on (6.1 deactivates it before the function runs: no report). Atomic-safe.
    void retire_dead(const std::vector<OnStackObject *> &dead);
    void print_stats(workqueue_struct *wq);
    void print_all_stats();
    // Every workqueue created so far, destroyed ones included (the test API's statistics).
    const std::vector<std::unique_ptr<workqueue_struct>> &list() const { return wqs_; }

private:
    // SleepHook, from schedule() on a kworker carrying PF_WQ_WORKER: a busy worker blocks or
    // resumes (concurrency management). Atomic-safe.
    void sleeping(Task *t) override;
    void running(Task *t) override;
    // IdleWatch, the workqueue watchdog (workqueue/watchdog.cpp): its timer ticks every
    // threshold from boot; a pool whose pending work made no progress for more than a
    // threshold at a tick is reported once per stall, with show_all_workqueues. Host context.
    uint64_t next_check() override;
    void check(uint64_t now) override;
    void show_all_workqueues();
    void show_one_workqueue(workqueue_struct *wq);
    void show_pwq(Pwq *pwq);
    void show_one_pool(Pool *p);
    std::string pool_info(const Pool *p) const;
    int display_id(const Pool *p) const;
    Pool *pool_for(unsigned cpu, bool highpri);
    Pool *unbound_pool(bool highpri);
    KSHIM_WQ_LOCAL Pwq *pick_pwq(int &cpu, workqueue_struct *wq);
    KSHIM_WQ_LOCAL void enqueue(int cpu, workqueue_struct *wq, work_struct *work);
    void queue_claimed(int cpu, workqueue_struct *wq, work_struct *work);
    bool may_queue_draining(workqueue_struct *wq, uintptr_t ip);
    bool refuse_destroyed(workqueue_struct *wq, const char *what, uintptr_t ip);
    void insert(workqueue_struct *wq, Pwq *pwq, work_struct *work, unsigned color, bool active);
    void note_queued(Pwq *pwq);
    __attribute__((noinline)) void start_run(Pwq *pwq, uint64_t now);
    KSHIM_WQ_LOCAL void wake_worker(Pool *p);
    Worker *create_worker(Pool *p);
    KSHIM_WQ_LOCAL void worker_main(Worker *w);
    void run_scheduled(Worker *w);
    friend void ::process_one_work(kshim::Workqueues *wqs, kshim::Worker *w, work_struct *work);
    void process_one(Worker *w, work_struct *work);
    void begin_item(Worker *w, work_struct *work);
    void note_wait(Pwq *pwq);
    __attribute__((noinline)) void end_run(Pwq *pwq);
    void call_item(Worker *w, work_struct *work, uintptr_t ip);
    void leave_concurrency(Worker *w);
    void rejoin_concurrency(Worker *w);
    void report_leak(Worker *w);
    void hold_maps(Worker *w, workqueue_struct *wq, work_struct *work, uintptr_t ip);
    void take_maps(Worker *w, const lockdep_map &m, lock_class_key *key, uintptr_t ip);
    void drop_maps(Worker *w);
    void release_maps(Worker *w);
    void end_item(Worker *w, work_struct *work);
    KSHIM_WQ_LOCAL void finish_one(Pwq *pwq, unsigned color);
    void retire(Pwq *pwq, unsigned color);
    void activate_inactive(Pwq *pwq);
    int grab_pending(work_struct *work, bool is_dwork);
    KSHIM_WQ_LOCAL Worker *executing(work_struct *work) const;
    Worker *self_worker() const;
    void check_flush_dependency(workqueue_struct *target, void (*target_func)(work_struct *));
    bool runs_item_of(workqueue_struct *wq) const;
    bool wait_for_work(work_struct *work, bool from_cancel, uintptr_t ip);
    void touch_map(lockdep_map *m, uintptr_t ip);
    void wake_flushers(workqueue_struct *wq);
    void notify_work_waiters(work_struct *work, bool started);
    // A flusher or a flush_work waiter exists: only then does an item's start or end concern
    // anyone beyond its pwq. Atomic-safe.
    bool someone_waits() const { return !flushers_.empty() || !work_waiters_.empty(); }
    void sleep_until(bool &flag, const WaitNote &why);
    // Work is waiting and no worker of the pool runs (bound pools), or any work (unbound); the
    // counts first, as a busy bound worker asks while it runs itself. Atomic-safe.
    static bool need_more_worker(const Pool *p)
    {
        return (p->cpu < 0 || p->nr_running == 0) && !list_empty(&p->worklist);
    }
    static bool needs_wake(const Pool *p);
    // The data word's state changes (work_data.hpp), each checked against the allowed table.
    void set_data(work_struct *w, WorkState to, unsigned long long data);
    void set_offq(work_struct *w, int pool_id, WorkState to);
    bool queue_uninitialised(work_struct *work, uintptr_t site);
    // Takes off their queues (idle again) the queued items gone(wq, item) picks. Atomic-safe.
    unsigned drop_queued(const std::function<bool(workqueue_struct *, work_struct *)> &gone);
    void note_onstack(work_struct *work, Pwq *pwq, unsigned color);
    std::vector<work_struct *> unlink_dead(list_head *head, const std::vector<work_struct *> &dead);
    void account_dead(const OnStackObject &o, Pwq *inactive_on);
    void claim(work_struct *w);
    void bad_transition(work_struct *w, WorkState from, WorkState to);

    struct Flusher {
        workqueue_struct *wq;
        unsigned color;
        Task *task;
        bool done = false;
    };
    struct WorkWaiter {
        work_struct *work;
        bool wait_next_start;
        Task *task;
        bool *done;
    };

    Kernel &k_;
    std::vector<std::unique_ptr<Pool>> pools_;
    std::vector<Pool *> percpu_[2];
    Pool *unbound_[2] = {nullptr, nullptr};
    std::vector<std::unique_ptr<workqueue_struct>> wqs_;   // destroyed ones stay, to catch use
    std::vector<Worker *> busy_;      // kworkers in a busy period (worker_main), running an item or between two
    std::vector<Flusher *> flushers_;
    std::vector<WorkWaiter> work_waiters_;
    std::vector<std::pair<rcu_work *, workqueue_struct *>> rcu_pending_;
    std::unique_ptr<struct RcuTimer> rcu_timer_;
    bool draining_warned_ = false;
    bool reclaim_warned_ = false;     // WARN_ONCE in check_flush_dependency    // WARN_ON_ONCE in __queue_work, once per kernel
};

}  // namespace kshim
