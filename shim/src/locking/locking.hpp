// The locking subsystem of one kernel: lockdep-lite, spinning-lock debug checks, sleeping locks, RCU.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

struct lockdep_map;
struct lock_class_key;
struct raw_spinlock;
struct mutex;
struct semaphore;
struct rw_semaphore;
struct completion;
struct wait_queue_head;
struct wait_queue_entry;
struct callback_head;

namespace kshim {

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
};

// Lock classes, the lock-order graph and per-task held-lock stacks. Single host thread; every
// member is atomic-safe (never sleeps).
class Lockdep {
public:
    explicit Lockdep(Kernel &k) : k_(k) {}

    void acquire(lockdep_map *m, unsigned subclass, bool trylock, int read, bool check, uintptr_t ip);
    // Removes the topmost hold of m by the current task; false if it held none.
    bool release(lockdep_map *m);
    void downgrade(lockdep_map *m);
    // -1: any hold, 0: exclusive, 1: shared (as lock_is_held_type).
    bool held(const lockdep_map *m, int read) const;
    int depth(const Task *t) const;
    void print_held_locks(const Task *t);
    void check_no_locks_held();
    void free_key_range(uintptr_t lo, uintptr_t hi);
    void set_off(bool off) { off_ = off; }

private:
    struct Edge {
        int to;
        std::vector<uintptr_t> trace;   // where `to` was taken while the other was held
    };
    struct Class {
        const void *key;
        unsigned subclass;
        std::string name;
        unsigned wait_type;
        unsigned usage = 0;
        std::vector<Edge> after;        // classes taken while this one was held
    };

    int class_of(lockdep_map *m, unsigned subclass);
    void mark_usage(Class &c, int read);
    std::string lock_name(int cls) const;
    std::string class_desc(int cls) const;      // "(name){+.+.}-{3:3}"
    std::string held_line(const HeldLock &h) const;
    bool find_path(int from, int to, std::vector<int> &path) const;
    void print_trace(const std::vector<uintptr_t> &frames);
    const Task *begin_report(const char *title, const HeldLock &next, const HeldLock &prev);
    void report_recursive(const HeldLock &next, const HeldLock &prev);
    void report_circular(const HeldLock &next, const HeldLock &prev, const std::vector<int> &path);
    void header(const char *title);

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
    void enter(uintptr_t ip);
    void exit(uintptr_t ip);
    int nesting() const;
    void synchronize();                       // may sleep
    void queue(callback_head *head, void (*fn)(callback_head *), void *obj);   // atomic-safe
    void wait_callbacks();                         // may sleep

private:
    struct Callback {
        callback_head *head;
        void (*fn)(callback_head *);
        void *obj;                            // kvfree(obj) instead of fn, when set
    };
    void wait_for_readers();
    long thread_main();

    Kernel &k_;
    std::unordered_map<const Task *, int> nesting_;
    int readers_ = 0;                         // tasks inside a read-side section
    std::vector<Task *> gp_waiters_;
    std::deque<Callback> pending_;
    uint64_t queued_ = 0, done_ = 0;
    std::vector<Task *> barrier_waiters_;
    Task *thread_ = nullptr;
};

// Everything the locking API of one kernel needs.
class Locking {
public:
    explicit Locking(Kernel &k) : k_(k), dep(k), rcu(k) {}

    // The current kernel's locking state (created on first use).
    static Locking &get();

    // The spinning locks (atomic-safe). Entering disables preemption, plus bottom halves or
    // irqs per mode (Save returns the irq flags to give back to the unlock).
    enum class Mode { Plain, Bh, Irq, Save };
    unsigned long spin_lock(raw_spinlock *l, Mode mode, unsigned subclass, uintptr_t ip);
    bool spin_trylock(raw_spinlock *l, Mode mode, uintptr_t ip);
    void spin_unlock(raw_spinlock *l, Mode mode, unsigned long flags, uintptr_t ip);
    // rwlock_t: l is a rwlock_t.
    unsigned long rw_lock(void *l, bool write, Mode mode, unsigned subclass, uintptr_t ip);
    bool rw_trylock(void *l, bool write, Mode mode, uintptr_t ip);
    void rw_unlock(void *l, bool write, Mode mode, unsigned long flags, uintptr_t ip);

    void mutex_lock(mutex *m, unsigned subclass, unsigned state, lockdep_map *nest, uintptr_t ip);
    bool mutex_trylock(mutex *m, uintptr_t ip);
    void mutex_unlock(mutex *m, uintptr_t ip);

    int down(semaphore *s, unsigned state, long timeout);
    bool down_trylock(semaphore *s);
    void up(semaphore *s);

    void rwsem_down(rw_semaphore *s, bool write, unsigned subclass, unsigned state, uintptr_t ip);
    bool rwsem_trylock(rw_semaphore *s, bool write, uintptr_t ip);
    void rwsem_up(rw_semaphore *s, bool write, uintptr_t ip);
    void rwsem_downgrade(rw_semaphore *s);

    long wait_for_completion(completion *x, long timeout, unsigned state);
    void complete(completion *x, bool all);

    void wake_queue(wait_queue_head *q, unsigned mode, int nr, void *key);

    // debug_locks_off(): true the first time (the caller then reports).
    bool debug_locks_off();
    // "BUG: spinlock <msg> on CPU#.." / "BUG: rwlock <msg> ..." (each gated by debug_locks).
    void spin_bug(raw_spinlock *l, const char *msg, bool ungated = false);
    void rwlock_bug(void *l, const char *msg, bool ungated = false);
    // DEBUG_LOCKS_WARN_ON(cond): a WARNING naming the condition, the first time only.
    void debug_locks_warn(const char *cond, const char *file, int line, uintptr_t ip);

    Kernel &kernel() { return k_; }

private:
    unsigned long enter(Mode mode);
    void leave(Mode mode, unsigned long flags);
    bool raw_lock(raw_spinlock *l, unsigned subclass, bool trylock_only, uintptr_t ip);
    void raw_unlock(raw_spinlock *l);
    bool rw_raw_lock(void *l, bool write, unsigned subclass, bool trylock_only, uintptr_t ip);
    void rw_raw_unlock(void *l, bool write);
    // Waits (TASK_UNINTERRUPTIBLE, preemption count kept aside) until the lock is released.
    void wait_for_spinning_lock(const void *l);
    void wake_spinners(const void *l);

    Kernel &k_;
    std::unordered_map<const void *, std::vector<Task *>> spinners_;

public:
    Lockdep dep;
    Rcu rcu;
};

// Helpers shared by the locking sources.
Task &current_task();
// Sleeps in `state` until woken (schedule()). May sleep.
void sleep_in(unsigned state);

}  // namespace kshim
