// The locking state's home and the spinning locks (spinlock_t, raw_spinlock_t, rwlock_t) with spinlock_debug checks.
#include <memory>

#include "locking/locking.hpp"
#include "debug/report.hpp"
#include "debug/symbolizer.hpp"
#include "kernel.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"
#include "sched/scheduler.hpp"

#include "linux/lockdep.h"
#include "linux/preempt.h"
#include "linux/sched.h"
#include "linux/spinlock.h"

extern "C" int debug_locks;

namespace kshim {

Task &current_task(Kernel &k) { return k.sched().current_or_boot(); }

void sleep_in(Kernel &k, unsigned state)
{
    k.sched().running()->ts.__state = state;
    k.sched().schedule();
}

void Locking::init_spinlock(raw_spinlock *l, const char *name, lock_class_key *key, short inner)
{
    l->raw_lock.val = 0;
    l->magic = SPINLOCK_MAGIC;
    l->owner = SPINLOCK_OWNER_INIT;
    l->owner_cpu = (unsigned)-1;
    Lockdep::init_map(&l->dep_map, name, key, (unsigned char)inner);
}

void Locking::init_rwlock(void *lock, const char *name, lock_class_key *key)
{
    auto *l = static_cast<rwlock_t *>(lock);
    l->raw_lock.readers = 0;
    l->raw_lock.writer = 0;
    l->magic = RWLOCK_MAGIC;
    l->owner = SPINLOCK_OWNER_INIT;
    l->owner_cpu = (unsigned)-1;
    Lockdep::init_map(&l->dep_map, name, key, LD_WAIT_CONFIG);
}

bool Locking::debug_locks_off()
{
    if (!debug_locks)
        return false;
    debug_locks = 0;
    dep.set_off(true);
    return true;
}

void Locking::debug_locks_warn(const char *cond, const char *file, int line, uintptr_t ip)
{
    if (!debug_locks_off())
        return;
    k_.reports().warn(file, line, ip, strprintf("DEBUG_LOCKS_WARN_ON(%s)", cond), ReportKind::DebugLocksWarn);
}

void Locking::spin_bug(raw_spinlock *l, const char *msg, bool ungated)
{
    if (!ungated && !debug_locks_off())
        return;
    Task &t = current_task(k_);
    // The lock may sit in freed or corrupted memory: its owner is named only if it is a task
    // that exists (never dereferenced blindly).
    const task_struct *owner = nullptr;
    for (auto &tp : k_.sched().tasks())
        if (&tp->ts == l->owner)
            owner = &tp->ts;
    const std::string head = strprintf("BUG: spinlock %s on CPU#%u, %s/%d", msg, t.cpu, t.ts.comm, t.ts.pid);
    if (!k_.reports().record(ReportKind::SpinlockBug, head))
        return;
    Printk &log = k_.log();
    log.emit(0, head);
    log.emit(0, strprintf(" lock: %s, .magic: %08x, .owner: %s/%d, .owner_cpu: %d",
                          k_.symbols().text((uintptr_t)l, 'S').c_str(), l->magic,
                          owner ? owner->comm : "<none>", owner ? owner->pid : -1,
                          (int)l->owner_cpu));
    k_.reports().dump_stack(4, 2);
}

void Locking::rwlock_bug(void *lock, const char *msg, bool ungated)
{
    if (!ungated && !debug_locks_off())
        return;
    Task &t = current_task(k_);
    const std::string head = strprintf("BUG: rwlock %s on CPU#%u, %s/%d, %px", msg, t.cpu, t.ts.comm, t.ts.pid, lock);
    if (!k_.reports().record(ReportKind::SpinlockBug, head))
        return;
    k_.log().emit(0, head);
    k_.reports().dump_stack(4, 2);
}

void Locking::wait_for_spinning_lock(const void *l)
{
    // Divergence: a CPU would spin (and the holder, having slept, would eventually release
    // it). A fiber cannot spin without starving the holder, so the spinner sleeps in
    // TASK_UNINTERRUPTIBLE until the unlock; a lock never released shows up as a hung task.
    Task &t = current_task(k_);
    if (k_.sched().running() != &t)
        k_.reports().fatal_outside_task("a contended spinlock");
    int saved_preempt = t.preempt_count, saved_irqs = t.irqs_off;
    spinners_[l].push_back(&t);
    t.preempt_count = 0;
    t.irqs_off = 0;
    sleep_in(k_, TASK_UNINTERRUPTIBLE);
    t.preempt_count = saved_preempt;
    t.irqs_off = saved_irqs;
}

void Locking::wake_spinners(const void *l)
{
    if (spinners_.empty())
        return;
    auto it = spinners_.find(l);
    if (it == spinners_.end())
        return;
    std::vector<Task *> waiters = std::move(it->second);
    spinners_.erase(it);
    for (Task *w : waiters)
        k_.sched().wake(w, TASK_UNINTERRUPTIBLE);
}

unsigned long Locking::enter(Mode mode)
{
    unsigned long flags = 0;
    switch (mode) {
    case Mode::Save: flags = kshim_local_irq_save(); break;
    case Mode::Irq: kshim_local_irq_disable(); break;
    case Mode::Bh: local_bh_disable(); break;
    case Mode::Plain: break;
    }
    kshim_preempt_count_add(1);
    return flags;
}

void Locking::leave(Mode mode, unsigned long flags)
{
    switch (mode) {
    case Mode::Save: kshim_local_irq_restore(flags); break;
    case Mode::Irq: kshim_local_irq_enable(); break;
    case Mode::Bh: local_bh_enable(); break;
    case Mode::Plain: break;
    }
    // Divergence: the count never goes below 0 (an unbalanced unlock is reported instead).
    if (kshim_preempt_count() & PREEMPT_MASK)
        kshim_preempt_count_sub(1);
}

unsigned long Locking::spin_lock(raw_spinlock *l, Mode mode, unsigned subclass, uintptr_t ip)
{
    unsigned long flags = enter(mode);
    raw_lock(l, subclass, false, ip);
    return flags;
}

bool Locking::spin_trylock(raw_spinlock *l, Mode mode, uintptr_t ip)
{
    unsigned long flags = enter(mode);
    if (raw_lock(l, 0, true, ip))
        return true;
    leave(mode, flags);
    return false;
}

void Locking::spin_unlock(raw_spinlock *l, Mode mode, unsigned long flags, uintptr_t ip)
{
    raw_unlock(l, ip);
    leave(mode, flags);
    k_.sched().preempt_point(kPointUnlock);
}

unsigned long Locking::rw_lock(void *l, bool write, Mode mode, unsigned subclass, uintptr_t ip)
{
    unsigned long flags = enter(mode);
    rw_raw_lock(l, write, subclass, false, ip);
    return flags;
}

bool Locking::rw_trylock(void *l, bool write, Mode mode, uintptr_t ip)
{
    unsigned long flags = enter(mode);
    if (rw_raw_lock(l, write, 0, true, ip))
        return true;
    leave(mode, flags);
    return false;
}

void Locking::rw_unlock(void *l, bool write, Mode mode, unsigned long flags, uintptr_t ip)
{
    rw_raw_unlock(l, write, ip);
    leave(mode, flags);
    k_.sched().preempt_point(kPointUnlock);
}

bool Locking::raw_lock(raw_spinlock *l, unsigned subclass, bool trylock_only, uintptr_t ip)
{
    Task &t = current_task(k_);
    task_struct *me = &t.ts;
    if (trylock_only) {
        if (l->raw_lock.val)
            return false;
    } else {
        // The checks of spinlock_debug.c before taking the lock.
        if (l->magic != SPINLOCK_MAGIC)
            spin_bug(l, "bad magic");
        else if (l->owner == me)
            spin_bug(l, "recursion");
        else if (l->owner_cpu == t.cpu && l->raw_lock.val)
            spin_bug(l, "cpu recursion");
    }
    dep.acquire(&l->dep_map, subclass, trylock_only, 0, true, ip);
    if (l->raw_lock.val) {
        // The holder slept with the lock held (or it is us): the kernel would spin here.
        spin_bug(l, "lockup suspected", true);
        while (l->raw_lock.val)
            wait_for_spinning_lock(l);
    }
    l->raw_lock.val = 1;
    l->owner = me;
    l->owner_cpu = t.cpu;
    return true;
}

void Locking::raw_unlock(raw_spinlock *l, uintptr_t ip)
{
    Task &t = current_task(k_);
    dep.release(&l->dep_map, ip);   // first, as spin_release: its report turns the checks below off
    if (l->magic != SPINLOCK_MAGIC)
        spin_bug(l, "bad magic");
    else if (!l->raw_lock.val)
        spin_bug(l, "already unlocked");
    else if (l->owner != &t.ts)
        spin_bug(l, "wrong owner");
    else if (l->owner_cpu != t.cpu)
        spin_bug(l, "wrong CPU");
    l->owner = SPINLOCK_OWNER_INIT;
    l->owner_cpu = (unsigned)-1;
    l->raw_lock.val = 0;
    wake_spinners(l);
}

bool Locking::rw_raw_lock(void *lock, bool write, unsigned subclass, bool trylock_only, uintptr_t ip)
{
    auto *l = static_cast<rwlock_t *>(lock);
    Task &t = current_task(k_);
    auto busy = [l, write] { return l->raw_lock.writer || (write && l->raw_lock.readers > 0); };
    if (trylock_only) {
        if (busy())
            return false;
    } else if (l->magic != RWLOCK_MAGIC) {
        rwlock_bug(l, "bad magic");
    } else if (write && l->owner == &t.ts) {
        rwlock_bug(l, "recursion");
    } else if (write && l->owner_cpu == t.cpu && l->raw_lock.writer) {
        rwlock_bug(l, "cpu recursion");
    }
    // read_lock is a recursive read only in interrupt context (bh-disabled sections included):
    // elsewhere a queued rwlock's reader waits behind a waiting writer (read_lock_is_recursive).
    const bool recursive = (t.preempt_count & (HARDIRQ_MASK | SOFTIRQ_MASK | NMI_MASK)) != 0;
    dep.acquire(&l->dep_map, subclass, trylock_only, write ? 0 : recursive ? 2 : 1, true, ip);
    if (busy()) {
        rwlock_bug(l, "lockup suspected", true);
        while (busy())
            wait_for_spinning_lock(l);
    }
    if (write) {
        l->raw_lock.writer = 1;
        l->owner = &t.ts;
        l->owner_cpu = t.cpu;
    } else {
        ++l->raw_lock.readers;
    }
    return true;
}

void Locking::rw_raw_unlock(void *lock, bool write, uintptr_t ip)
{
    auto *l = static_cast<rwlock_t *>(lock);
    Task &t = current_task(k_);
    dep.release(&l->dep_map, ip);
    if (l->magic != RWLOCK_MAGIC)
        rwlock_bug(l, "bad magic");
    else if (write && l->owner != &t.ts)
        rwlock_bug(l, "wrong owner");
    else if (write && l->owner_cpu != t.cpu)
        rwlock_bug(l, "wrong CPU");
    if (write) {
        l->raw_lock.writer = 0;
        l->owner = SPINLOCK_OWNER_INIT;
        l->owner_cpu = (unsigned)-1;
    } else if (l->raw_lock.readers > 0) {
        --l->raw_lock.readers;
    }
    wake_spinners(l);
}

}  // namespace kshim
