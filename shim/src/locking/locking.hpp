// The locking subsystem of one kernel: lockdep-lite, spinning-lock debug checks, sleeping locks, RCU.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "debug/report_kinds.hpp"

#include "linux/types.h"

struct lockdep_map;
struct lock_class_key;
struct raw_spinlock;
struct mutex;
struct semaphore;
struct rw_semaphore;
struct completion;
struct wait_queue_head;
struct wait_queue_entry;
struct swait_queue_head;
struct swait_queue;
struct callback_head;
struct srcu_struct;

namespace kshim {

struct ModuleSpan;

class Kernel;
struct Task;

// One lock acquisition on a task's held-lock stack (lockdep's struct held_lock).
struct HeldLock {
    lockdep_map *map = nullptr;   // the instance; printed as the lock's address
    int cls = -1;                 // index into Lockdep's classes, -1: not validated
    uintptr_t ip = 0;             // the call site that took it ("at: ...")
    int read = 0;                 // 0 exclusive, 1 shared, 2 recursive shared
    bool trylock = false;
    bool check = true;
    unsigned char irq_context = 0;  // 2: hardirq, 1: softirq, 0: task; dependencies stay within one
};

// Lock classes, the lock-order graph and per-task held-lock stacks. Single host thread; every
// member is atomic-safe (never sleeps, takes no lock) and may be called from any context.
class Lockdep {
public:
    explicit Lockdep(Kernel &k) : k_(k) {}

    // lockdep_init_map_type: names the map and sets its class key and wait type. Atomic-safe.
    static void init_map(lockdep_map *m, const char *name, lock_class_key *key, unsigned char inner);
    // Records that the current task takes m; reports recursion and AB-BA orders. Atomic-safe.
    void acquire(lockdep_map *m, unsigned subclass, bool trylock, int read, bool check, uintptr_t ip);
    // Removes the topmost hold of m by the current task; if it held none, reports a bad unlock
    // balance (taken at ip) and returns false. Atomic-safe.
    bool release(lockdep_map *m, uintptr_t ip);
    // downgrade_write: the current task's hold of m becomes shared. Atomic-safe.
    void downgrade(lockdep_map *m);
    // -1: any hold, 0: exclusive, 1: shared (as lock_is_held_type). Atomic-safe.
    bool held(const lockdep_map *m, int read) const;
    // Locks held by t, or by the current task (kshim_lockdep_depth). Atomic-safe.
    int depth(const Task *t) const;
    int current_depth() const;
    // debug_show_held_locks(t) / debug_show_all_locks(): printk only. Atomic-safe.
    void print_held_locks(const Task *t);
    void print_all_held_locks();
    // Whether any live task holds a lock (hung-task reports list them then). Atomic-safe.
    bool any_held() const;
    // debug_check_no_locks_held: warns if the current task holds any lock. Atomic-safe.
    void check_no_locks_held();
    // The current task t ends (do_exit, or a syscall task returning to user space): reports the
    // locks it still holds, then forgets them. Atomic-safe.
    void task_exit(const Task &t, bool to_user);
    // lockdep_assert*() failed at file:line (ip): the WARNING of its WARN_ON. Atomic-safe.
    void assert_failed(const char *file, int line, uintptr_t ip);
    // Forgets the classes whose keys lie in [lo, hi) (a module's data going away). Atomic-safe.
    void free_key_range(uintptr_t lo, uintptr_t hi);
    // Hardirqs are about to be enabled in a task (local_irq_enable, local_irq_restore or an
    // unlock's irq half turning them back on): every lock the task holds is now held with them
    // on, and with softirqs on too if those are (lockdep_hardirqs_on_prepare). Atomic-safe.
    void hardirqs_on();
    // Softirqs were just enabled again (local_bh_enable) with hardirqs on: the same for the
    // softirq usage (what 6.1 marks in local_bh_enable's closing local_irq_enable). Atomic-safe.
    void softirqs_on();
    // lockdep_off/on (and debug_locks_off): stops or resumes validation. Atomic-safe.
    void set_off(bool off) { off_ = off; }

private:
    struct Edge {
        int to;
        unsigned char dep;              // lockdep's DEP_*_MASK bits: SR 1, ER 2, SN 4, EN 8
        std::vector<uintptr_t> trace;   // where `to` was taken while the other was held
    };
    // One class reached by a strong-path search (lockdep's lock_list in __bfs): the node it
    // was reached from (-1 at the root), the edge's dep bits as seen in the search's
    // direction, and whether only -(*R)-> edges led here.
    struct BfsNode {
        int cls;
        int parent;
        unsigned char dep;
        bool only_xr;
    };
    struct Class {
        const void *key;
        unsigned subclass;
        std::string name;
        unsigned wait_type;
        unsigned usage = 0;
        std::vector<uintptr_t> usage_trace[10];  // where each usage bit was first set (8: used)
        std::vector<Edge> after;        // classes taken while this one was held
        std::vector<int> before;        // classes with an edge to this one, oldest first
    };

    int class_of(lockdep_map *m, unsigned subclass);
    // acquire()'s checks of a lock about to be held exclusively or shared: a class already
    // held (recursive locking), then new lock-order edges from the held ones (a cycle is
    // circular locking). Each reports at most once. Atomic-safe.
    void validate(const std::vector<HeldLock> &stack, const HeldLock &next);
    void add_dependencies(const std::vector<HeldLock> &stack, const HeldLock &next);
    // The irq usage of a lock about to be held (lockdep's mark_usage); false when it conflicts
    // with an earlier usage (reported as an inconsistent lock state).
    bool mark_usage(const HeldLock &h);
    bool mark(const HeldLock &h, unsigned bit);
    void report_usage(const HeldLock &h, unsigned prev_bit, unsigned new_bit);
    // lockdep's usage_str[bit]: "IN-HARDIRQ-W" ... "INITIAL READ USE". Atomic-safe.
    static const char *usage_str(unsigned bit);
    // "[HC0[0]:SC0[0]:HE1:SE1]": the current task's irq state as lockdep prints it. Atomic-safe.
    std::string irq_state() const;

    // --- irq-safe vs irq-unsafe dependencies (lockdep_irq.cpp) ---
    // Breadth-first from `from`, along the edges or against them, until a class for which
    // match() is true: that class, or -1. parent[] gets each reached class's predecessor
    // (-1 at `from`, -2 unreached). Atomic-safe.
    // Only strong paths are followed: no -(*R)-> edge into a class followed by an -(S*)-> edge
    // out of it (lockdep's __bfs). root_only_xr: the root was reached by -(*R)-> (taken as a
    // recursive read, or searching backwards from a read). match(cls, only_xr) sees each class
    // once, the root too. Returns the matching node's index in nodes, or -1. Atomic-safe.
    int search(int root, bool root_only_xr, bool forwards, const std::function<bool(int, bool)> &match,
               std::vector<BfsNode> &nodes) const;
    // The classes from the root to nodes[at], root first.
    static std::vector<int> search_path(const std::vector<BfsNode> &nodes, int at);
    // check_irq_usage: a new dependency prev -> next must not connect a lock used in an irq
    // context (or one that reaches prev) with one taken with that irq enabled (or one next
    // reaches). False after reporting it. Atomic-safe.
    bool check_irq_usage(const HeldLock &prev, const HeldLock &next);
    // mark_lock_irq's graph half: h's class just got usage bit `bit`; no lock it depends on
    // (bit an ENABLED one) or that depends on it (a USED_IN one) may have the opposite usage.
    // False after reporting the inversion. Atomic-safe.
    bool check_usage_graph(const HeldLock &h, unsigned bit);
    void report_bad_irq_dependency(const HeldLock &prev, const HeldLock &next, const std::vector<int> &back,
                                   const std::vector<int> &fwd, unsigned safe_bit, unsigned unsafe_bit);
    void report_irq_inversion(const HeldLock &h, const std::vector<int> &path, bool forwards, unsigned bit);
    void print_irq_scenario(int safe, int unsafe, int prev, int next);
    void print_class_header(int cls, unsigned depth);
    // The classes of a chain path[0] -> ... -> path.back(), printed leaf first as lockdep's
    // print_shortest_lock_dependencies (forwards) or its _backwards form.
    void print_chain(const std::vector<int> &path, bool backwards);
    const std::vector<uintptr_t> *edge_trace(int from, int to) const;

    // check_wait_context: a lock whose wait type is weaker than the context (a hardirq
    // handler, or a spinning lock held) allows is an invalid wait context. False after
    // reporting it. Atomic-safe.
    bool check_wait_context(const std::vector<HeldLock> &stack, const HeldLock &next);
    void report_unlock_imbalance(lockdep_map *m, uintptr_t ip);
    void report_held_at_exit(const Task &t, bool to_user);
    std::string lock_name(int cls) const;
    std::string class_desc(int cls) const;      // "(name){+.+.}-{3:3}"
    std::string held_line(const HeldLock &h) const;
    // check_noncircular: a strong path from next's class back to prev's that the new edge
    // prev -> next would close into a deadlocking cycle; false after reporting it.
    bool check_noncircular(const HeldLock &prev, const HeldLock &next);
    Edge *find_edge(int from, int to);
    // When hardirqs (hard) or softirqs are about to be enabled: marks each held, checked lock
    // as taken with them enabled (lockdep's mark_held_locks); false after a report.
    bool mark_held_locks(unsigned base_bit);
    void print_trace(const std::vector<uintptr_t> &frames, unsigned indent = 7);
    // Starts a report of `kind` titled `title` (banner, ident, rule; `rule` wide, 0: as wide as
    // the title): false when lock debugging is already off or the kind is silenced. The first
    // report turns lock debugging off.
    bool open_report(ReportKind kind, const std::string &title, uintptr_t ip, size_t rule = 0);
    const Task *begin_report(ReportKind kind, const char *title, const HeldLock &next, const HeldLock &prev);
    void report_recursive(const HeldLock &next, const HeldLock &prev);
    void report_circular(const HeldLock &next, const HeldLock &prev, const std::vector<int> &path);
    void emit(const std::string &line);         // one report line at KERN_WARNING

    Kernel &k_;
    bool off_ = false;
    std::vector<Class> classes_;
    std::map<std::pair<const void *, unsigned>, int> by_key_;
    std::unordered_map<const Task *, std::vector<HeldLock>> held_;
};

// RCU: read-side nesting per task, grace periods and the callback kthread.
class Rcu {
public:
    explicit Rcu(Kernel &k) : k_(k) {}
    // rcu_read_lock/unlock: enter or leave a read-side section (preemption off). Atomic-safe.
    void enter(uintptr_t ip);
    void exit(uintptr_t ip);
    // The current task's read-side nesting depth. Atomic-safe.
    int nesting() const;
    // rcu_read_lock_bh_held / rcu_read_lock_sched_held: inside a section of that flavour
    // (bottom halves, or preemption or irqs, off count too). Atomic-safe.
    bool held_bh() const;
    bool held_sched() const;
    // synchronize_rcu: waits until every read-side section that had begun has ended. May sleep.
    void synchronize();
    // call_rcu: fn(head) (or kvfree(obj) when obj is set) after a grace period. Atomic-safe.
    void queue(callback_head *head, void (*fn)(callback_head *), void *obj);
    // kvfree_rcu: frees obj after a grace period; without a head (the one-argument form) it
    // waits for the grace period itself, so it may sleep; with one it is atomic-safe.
    void kvfree(callback_head *head, void *obj);
    // rcu_barrier: waits until every callback queued so far has run. May sleep.
    void wait_callbacks();
    // At module unload: callbacks (queued or waiting out their grace period) whose function
    // is in m's code are reported and dropped: they would run freed code. Atomic-safe.
    unsigned module_gone(const ModuleSpan &m);

private:
    struct Callback {
        callback_head *head;
        void (*fn)(callback_head *);
        void *obj;                            // kvfree(obj) instead of fn, when set
    };
    void wait_for_readers();                  // may sleep
    long thread_main();                       // the rcu_preempt kthread's body; sleeps
    void wake_all(std::vector<Task *> &tasks);  // atomic-safe

    Kernel &k_;
    std::unordered_map<const Task *, int> nesting_;
    int readers_ = 0;                         // tasks inside a read-side section
    std::vector<Task *> gp_waiters_;
    std::deque<Callback> pending_;
    std::deque<Callback> batch_;              // taken from pending_, waiting for readers or running
    uint64_t queued_ = 0, done_ = 0;
    std::vector<Task *> barrier_waiters_;
    Task *thread_ = nullptr;
};

// Everything the locking API of one kernel needs. Reached through Kernel::locking().
// Sleepable RCU, per srcu_struct: readers counted in the struct's two halves, grace periods
// serialised per struct (linux/srcu.h). Tasks waiting are kept here, keyed by the struct.
class Srcu {
public:
    explicit Srcu(Kernel &k) : k_(k) {}
    // srcu_read_lock/unlock: the reader may sleep inside. Atomic-safe.
    int enter(srcu_struct *ssp, uintptr_t ip);
    void exit(srcu_struct *ssp, int idx, uintptr_t ip);
    // synchronize_srcu: waits until every reader that had entered ssp has left. May sleep.
    void synchronize(srcu_struct *ssp);
    // cleanup_srcu_struct: WARNs when readers are still inside. Atomic-safe.
    void cleanup(srcu_struct *ssp);

private:
    void wait_on(const void *key);            // may sleep
    void wake(const void *key);               // atomic-safe

    Kernel &k_;
    std::unordered_map<const void *, std::vector<Task *>> waiters_;
};

class Locking {
public:
    explicit Locking(Kernel &k) : k_(k), dep(k), rcu(k), srcu(k) {}

    // --- spinning locks (locking.cpp) ---
    // __raw_spin_lock_init / __rwlock_init: an unlocked lock with its debug fields and lockdep
    // map. Atomic-safe.
    static void init_spinlock(raw_spinlock *l, const char *name, lock_class_key *key, short inner);
    static void init_rwlock(void *l, const char *name, lock_class_key *key);
    // The spinning locks (atomic-safe). Entering disables preemption, plus bottom halves or
    // irqs per mode (Save returns the irq flags to give back to the unlock). A contended lock
    // whose holder slept makes the caller sleep until the unlock (see wait_for_spinning_lock).
    enum class Mode { Plain, Bh, Irq, Save };
    unsigned long spin_lock(raw_spinlock *l, Mode mode, unsigned subclass, uintptr_t ip);
    bool spin_trylock(raw_spinlock *l, Mode mode, uintptr_t ip);
    // Called with l held by the current task. Atomic-safe.
    void spin_unlock(raw_spinlock *l, Mode mode, unsigned long flags, uintptr_t ip);
    // rwlock_t: l is a rwlock_t. Same contexts as the spinlocks.
    unsigned long rw_lock(void *l, bool write, Mode mode, unsigned subclass, uintptr_t ip);
    bool rw_trylock(void *l, bool write, Mode mode, uintptr_t ip);
    void rw_unlock(void *l, bool write, Mode mode, unsigned long flags, uintptr_t ip);

    // --- sleeping locks (sleeplocks.cpp) ---
    // __mutex_init / sema_init / __init_rwsem: an unlocked lock. Atomic-safe.
    static void init_mutex(mutex *m, const char *name, lock_class_key *key);
    static void init_semaphore(semaphore *s, int count);
    static void init_rw_semaphore(rw_semaphore *s, const char *name, lock_class_key *key);
    // Takes m, sleeping in `state` while another task holds it: 0, or -EINTR (m not taken) when
    // a signal that `state` lets through is pending. May sleep.
    int mutex_lock(mutex *m, unsigned subclass, unsigned state, lockdep_map *nest, uintptr_t ip);
    // Atomic-safe (never sleeps).
    bool mutex_trylock(mutex *m, uintptr_t ip);
    // Called with m held by the current task; hands it to the first waiter. Atomic-safe.
    void mutex_unlock(mutex *m, uintptr_t ip);
    // mutex_destroy: warns (at ip) if m is still locked, then poisons its magic. Atomic-safe.
    void mutex_destroy(mutex *m, uintptr_t ip);
    // atomic_dec_and_mutex_lock: decrements cnt; returns true with m held if it reached 0.
    // May sleep.
    bool dec_and_mutex_lock(atomic_t *cnt, mutex *m, uintptr_t ip);

    // down*(): 0, -ETIME when timeout (jiffies) runs out, or -EINTR when a signal that `state`
    // lets through is pending. May sleep.
    int down(semaphore *s, unsigned state, long timeout);
    // Atomic-safe.
    bool down_trylock(semaphore *s);
    void up(semaphore *s);

    // Takes s shared or exclusive, sleeping in `state` meanwhile: 0, or -EINTR (s not taken) on
    // a signal that `state` lets through. May sleep.
    int rwsem_down(rw_semaphore *s, bool write, unsigned subclass, unsigned state, uintptr_t ip);
    // Atomic-safe.
    bool rwsem_trylock(rw_semaphore *s, bool write, uintptr_t ip);
    // Called with s held by the current task (shared or exclusive as `write` says). Atomic-safe.
    void rwsem_up(rw_semaphore *s, bool write, uintptr_t ip);
    // Called with s held for writing; keeps it shared. Atomic-safe.
    void rwsem_downgrade(rw_semaphore *s);

    // --- wait queues and completions (wait.cpp) ---
    // How an entry joins a wait queue: add_wait_queue (Shared, at the head),
    // add_wait_queue_exclusive (Exclusive, at the tail), add_wait_queue_priority (Priority, at
    // the head), or as its flags already say (prepare_to_wait_event).
    enum class Join { Shared, Exclusive, Priority, AsFlagged };
    // __init_waitqueue_head / init_wait_entry (the entry wakes the current task and then
    // leaves the queue). Atomic-safe.
    static void init_waitqueue(wait_queue_head *q, const char *name, lock_class_key *key);
    static void init_wait_queue_entry(wait_queue_entry *e, int flags);
    // add_wait_queue* / remove_wait_queue: under q's lock, taken at ip. Atomic-safe.
    void wait_add(wait_queue_head *q, wait_queue_entry *e, Join how, uintptr_t ip);
    void wait_remove(wait_queue_head *q, wait_queue_entry *e, uintptr_t ip);
    // prepare_to_wait*: queues e unless it is queued already and sets the current task's
    // state; true if q had no waiter before (prepare_to_wait_exclusive). Atomic-safe: the
    // caller sleeps afterwards.
    bool prepare_wait(wait_queue_head *q, wait_queue_entry *e, int state, Join how, uintptr_t ip);
    // prepare_to_wait_event: as prepare_wait (AsFlagged), or, when a pending signal would end a
    // sleep in `state`, leaves the queue and returns -ERESTARTSYS. Atomic-safe.
    long prepare_wait_event(wait_queue_head *q, wait_queue_entry *e, int state, uintptr_t ip);
    // finish_wait: back to TASK_RUNNING, off the queue if still on it. Atomic-safe.
    void finish_wait(wait_queue_head *q, wait_queue_entry *e, uintptr_t ip);
    // wait_woken: sleeps in `mode` unless e was woken since the last call. May sleep.
    long wait_woken(wait_queue_entry *e, unsigned mode, long timeout);
    // The wake functions: default_wake_function (wakes e's task), autoremove_wake_function
    // (and dequeues e if woken), woken_wake_function (and marks e woken). Called with the
    // queue's lock held. Atomic-safe.
    enum class WakeFn { Default, Autoremove, Woken };
    int wake_entry(wait_queue_entry *e, unsigned mode, WakeFn fn);
    // __wake_up: wake_queue under q's lock, taken at ip. Atomic-safe.
    void wake(wait_queue_head *q, unsigned mode, int nr, void *key, uintptr_t ip);
    // Calls the wake function of every non-exclusive entry and of exclusive ones until nr
    // of them woke (0: all). Called with q's lock held. Atomic-safe.
    void wake_queue(wait_queue_head *q, unsigned mode, int nr, void *key);

    // Simple wait queues (swait): init, swake_up_one/all, prepare_to_swait*, finish_swait.
    // The callers hold q's lock as swait.h says. Atomic-safe.
    static void init_swait(swait_queue_head *q, const char *name, lock_class_key *key);
    void swake(swait_queue_head *q, bool all);
    void prepare_swait(swait_queue_head *q, swait_queue *w, int state);
    void finish_swait(swait_queue *w);

    // wait_for_completion*: the jiffies left (at least 1) when done, 0 on timeout. May sleep.
    long wait_for_completion(completion *x, long timeout, unsigned state);
    // try_wait_for_completion: takes one completion if there is one. Atomic-safe.
    bool try_wait_for_completion(completion *x);
    // complete / complete_all: wakes one waiter, or every waiter for good. Atomic-safe.
    void complete(completion *x, bool all);
    // kthread_complete_and_exit: complete(x) if x is set, then ends the current kthread.
    // Called from a kthread; never returns.
    [[noreturn]] void complete_and_exit(completion *x, long code);

    // --- debug_locks (locking.cpp) ---
    // debug_locks_off(): true the first time (the caller then reports). Atomic-safe.
    bool debug_locks_off();
    // "BUG: spinlock <msg> on CPU#.." / "BUG: rwlock <msg> ..." (each gated by debug_locks).
    // Atomic-safe (printk only).
    void spin_bug(raw_spinlock *l, const char *msg, bool ungated = false);
    bool head_corrupt(wait_queue_head *q);
    void rwlock_bug(void *l, const char *msg, bool ungated = false);
    // DEBUG_LOCKS_WARN_ON(cond): a WARNING naming the condition, the first time only.
    // Atomic-safe.
    void debug_locks_warn(const char *cond, const char *file, int line, uintptr_t ip);

    Kernel &kernel() { return k_; }     // atomic-safe

private:
    // Preemption (and bottom halves or irqs, per mode) off and on again. Atomic-safe.
    unsigned long enter(Mode mode);
    void leave(Mode mode, unsigned long flags);
    // The lock word, owner and spinlock_debug checks, called between enter and leave. They
    // sleep only when the holder slept with the lock held (wait_for_spinning_lock).
    bool raw_lock(raw_spinlock *l, unsigned subclass, bool trylock_only, uintptr_t ip);
    void raw_unlock(raw_spinlock *l, uintptr_t ip);
    bool rw_raw_lock(void *l, bool write, unsigned subclass, bool trylock_only, uintptr_t ip);
    void rw_raw_unlock(void *l, bool write, uintptr_t ip);
    // Waits (TASK_UNINTERRUPTIBLE, preemption count kept aside) until the lock is released.
    // Sleeps, though its caller is atomic: the one divergence of the spinning locks.
    void wait_for_spinning_lock(const void *l);
    void wake_spinners(const void *l);        // atomic-safe
    // Hands s to the waiters that can have it now. Called from rwsem_up/downgrade;
    // atomic-safe.
    void rwsem_grant(rw_semaphore *s);

    Kernel &k_;
    std::unordered_map<const void *, std::vector<Task *>> spinners_;

public:
    Lockdep dep;
    Rcu rcu;
    Srcu srcu;
};

// Helpers shared by the locking sources.
// The task the caller runs on (the boot task outside any task). Atomic-safe.
Task &current_task(Kernel &k);
// Sleeps in `state` until woken (schedule()). May sleep.
void sleep_in(Kernel &k, unsigned state);

}  // namespace kshim
