// Sleepable RCU: readers per srcu_struct half, grace periods that flip the half and wait for the old one to drain.
#include <algorithm>

#include "debug/report.hpp"
#include "kernel.hpp"
#include "locking/locking.hpp"
#include "sched/scheduler.hpp"

#include "linux/sched.h"
#include "linux/srcu.h"

namespace kshim {

namespace {

// The key a task waiting for the grace period to start sleeps on (the struct's second byte;
// the struct itself is the key of a grace period waiting for readers).
const void *gp_key(const srcu_struct *ssp) { return (const char *)ssp + 1; }

}  // namespace

void Srcu::wait_on(const void *key)
{
    waiters_[key].push_back(k_.sched().running());
    sleep_in(k_, TASK_UNINTERRUPTIBLE);
}

void Srcu::wake(const void *key)
{
    auto it = waiters_.find(key);
    if (it == waiters_.end())
        return;
    std::vector<Task *> ws = std::move(it->second);
    waiters_.erase(it);
    for (Task *w : ws)
        k_.sched().wake(w, TASK_UNINTERRUPTIBLE);
}

int Srcu::enter(srcu_struct *ssp, uintptr_t ip)
{
    int idx = ssp->kshim_idx & 1;
    ++ssp->kshim_readers[idx];
    k_.locking().dep.acquire(&ssp->dep_map, 0, false, 2, false, ip);
    return idx;
}

void Srcu::exit(srcu_struct *ssp, int idx, uintptr_t ip)
{
    k_.locking().dep.release(&ssp->dep_map, ip);
    if (--ssp->kshim_readers[idx & 1] == 0)
        wake(ssp);
}

void Srcu::synchronize(srcu_struct *ssp)
{
    k_.reports().check_might_sleep("kernel/rcu/srcutree.c", 1238);
    while (ssp->kshim_gp)
        wait_on(gp_key(ssp));
    ssp->kshim_gp = 1;
    // Readers that entered before the flip are in the old half; new ones go to the other.
    const int old = ssp->kshim_idx & 1;
    ssp->kshim_idx = old ^ 1;
    while (ssp->kshim_readers[old] > 0)
        wait_on(ssp);
    ssp->kshim_gp = 0;
    wake(gp_key(ssp));
}

void Srcu::cleanup(srcu_struct *ssp)
{
    if (ssp->kshim_readers[0] + ssp->kshim_readers[1] > 0)
        k_.reports().warn("kernel/rcu/srcutree.c", 600, (uintptr_t)&cleanup_srcu_struct, "");
}

}  // namespace kshim
