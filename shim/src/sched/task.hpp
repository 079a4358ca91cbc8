// A kernel execution context (insmod/rmmod, kthread, worker) running on its own fiber.
#pragma once

#include <boost/context/fiber.hpp>
#include <boost/context/stack_context.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "debug/crash.hpp"
#include "time/timer_queue.hpp"

#include "kshim/internal/task_struct.h"

namespace kshim {

class Module;
class Scheduler;

// User: a process context (fs/user_task.hpp) with an mm, taking every signal.
enum class TaskKind : uint8_t { Boot, Insmod, Rmmod, Kthread, Worker, Test, User };

// A task's life. The kernel-visible sleep state is ts.__state; Life is where the task is.
//   Created  -> Queued    first wake-up (a new kthread sleeps until woken, as in Linux)
//   Queued   -> Running   picked by the scheduler
//   Running  -> Queued    preempted at a voluntary point, or schedule() with TASK_RUNNING
//   Running  -> Sleeping  schedule() with a sleep state set, or a busy-wait (udelay)
//   Sleeping -> Queued    woken by wake_up_process or a timer
//   Running  -> Exited    its function returned, or kthread_exit()
//   any      -> Killed    abandoned: its module was unloaded under it, or it oopsed
enum class Life : uint8_t { Created, Queued, Running, Sleeping, Exited, Killed };

struct Task;

// What a blocked task waits for, noted by the blocking primitive around its sleep so that the
// deadlock report can say it (and follow mutex owners, kthread_stop targets and flushed work to
// the task they wait for). obj is the primitive's address; target the task it waits on, if known.
enum class WaitKind : uint8_t { None, Mutex, Completion, WaitQueue, Semaphore, RwSem, KthreadStop, KthreadPark,
                                Work, Workqueue };
struct WaitNote {
    WaitKind kind = WaitKind::None;
    const void *obj = nullptr;
    Task *target = nullptr;
};

// What the scheduler tells the owner of a task carrying PF_WQ_WORKER (Linux's
// wq_worker_sleeping / wq_worker_running): the workqueue installs it on its kworkers, so that
// sched needs no knowledge of workqueues. Both are called on the task itself, from schedule().
class SleepHook {
public:
    // The task is about to block in schedule() (not for a TASK_RUNNING reschedule).
    virtual void sleeping(Task *t) = 0;
    // The task is back from schedule(), whether it slept or not.
    virtual void running(Task *t) = 0;

protected:
    ~SleepHook() = default;
};

// A detector above sched that wants the clock stopped at its next check when nothing else
// happens sooner (the workqueue watchdog); the scheduler asks it whenever it idles. Both are
// called on the host thread with no task running.
class IdleWatch {
public:
    // The time of the next check that would report something, or UINT64_MAX.
    virtual uint64_t next_check() = 0;
    // The check at `now` (the clock is there).
    virtual void check(uint64_t now) = 0;

protected:
    ~IdleWatch() = default;
};

struct Task {
    Task() { ts.pending.list.next = ts.pending.list.prev = &ts.pending.list; }   // no siginfo queued
    Task(const Task &) = delete;
    Task &operator=(const Task &) = delete;

    task_struct ts{};
    Life life = Life::Created;
    TaskKind kind = TaskKind::Kthread;
    std::function<long()> body;   // what the task runs; its result becomes the exit code
    long result = 0;
    Module *owner = nullptr;      // module whose code the task runs; nullptr for the kernel's own

    // kthread protocol
    int (*threadfn)(void *) = nullptr;
    void *data = nullptr;
    bool is_kthread = false;
    bool should_stop = false;
    bool should_park = false;
    bool parked = false;
    bool started = false;         // has run at least once
    std::vector<Task *> exit_waiters;   // tasks in kthread_stop
    Task *park_waiter = nullptr;

    // placement and context
    unsigned cpu = 0;
    bool bound = false;
    int prio_class = 1;           // 0 high (nice < 0), 1 normal, 2 low (nice > 0)
    int preempt_count = 0;
    int irqs_off = 0;
    int locks_held = 0;           // lockdep's held-lock depth, kept in step by lockdep
    bool need_resched = false;    // a task woke on this CPU: switch at the next voluntary point
    bool busy_wait = false;       // "sleeping" in udelay: still TASK_RUNNING to the kernel
    // signals (kthreads: every signal ignored until allow_signal), bit sig-1 each; the pending
    // set lives in the task_struct (ts.pending.signal), where module code reads it too
    uint64_t sig_allowed = 0;
    unsigned long &sig_pending() { return ts.pending.signal.sig[0]; }
    unsigned long sig_pending() const { return ts.pending.signal.sig[0]; }
    bool idle_daemon = false;     // a kernel worker waiting for work: not a reason to keep running
    void *wq_worker = nullptr;    // the kworker this task is (workqueue concurrency management)
    SleepHook *sleep_hook = nullptr;   // called around schedule() while ts.flags has PF_WQ_WORKER
    uint64_t slice_start = 0;
    uint64_t blocked_since = 0;
    bool hung_reported = false;
    uint64_t lockup_since = 0;    // last sleep or schedule(): the soft-lockup watchdog's touch
    WaitNote waits;               // what it blocks on now (deadlock reports)
    Timer timer;                  // sleeps, busy-waits
    Scheduler *sched = nullptr;   // whose run queue it is on (its timer's wake-up, wake_up_process)

    unsigned onstack_objects = 0; // debugobjects' on-stack objects registered on its stack
    uint64_t explore_prio = 0;    // PCT's priority (sched/policy.cpp); higher runs first

    // fiber: while the task is suspended, its context (empty while it runs)
    boost::context::fiber *fiber = nullptr;
    boost::context::stack_context stack{};
    Task *rq_next = nullptr;

    // diagnostics: a stack dump taken on request while the task sleeps (hung-task reports)
    bool dump_request = false;
    std::vector<uintptr_t> dump;

    const char *comm() const { return ts.comm; }
    int pid() const { return ts.pid; }
    bool alive() const { return life != Life::Exited && life != Life::Killed; }
    // A bad task_struct from module code (NULL, or an unchecked ERR_PTR from kthread_create)
    // faults where reading its kshim field would, as the kernel faults on it.
    static Task *of(task_struct *t)
    {
        if (!t || (uintptr_t)t % alignof(task_struct)) [[unlikely]]
            bad_pointer_read((uintptr_t)t + offsetof(task_struct, kshim));
        return static_cast<Task *>(t->kshim);
    }
};

// Notes what the task waits for while the scope lasts (nesting restores the outer note).
// Atomic-safe.
class WaitingOn {
public:
    WaitingOn(Task &t, WaitKind kind, const void *obj, Task *target = nullptr) : t_(t), saved_(t.waits)
    {
        t.waits = {kind, obj, target};
    }
    ~WaitingOn() { t_.waits = saved_; }
    WaitingOn(const WaitingOn &) = delete;
    WaitingOn &operator=(const WaitingOn &) = delete;

private:
    Task &t_;
    WaitNote saved_;
};

}  // namespace kshim
