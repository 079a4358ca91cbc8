// Tests for the RCU helpers moved out of the bridges (shim/src/locking/rcu.cpp): headless kvfree_rcu, the _bh/_sched held checks.
#include <cstdint>
#include <vector>

#include "kshim/testing.hpp"

#include "linux/bottom_half.h"
#include "linux/preempt.h"
#include "linux/rcupdate.h"
#include "linux/slab.h"
#include "linux/timekeeping.h"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include <catch2/catch.hpp>

using kshim::testing::TestKernel;

TEST_CASE("kfree_rcu without a head waits for the grace period itself and frees", "[locking]")
{
    TestKernel k;
    size_t before = k.live_allocations();
    int64_t took = -1;
    k.run_task([&] {
        void *p = kmalloc(32, GFP_KERNEL);
        uint64_t t0 = ktime_get_ns();
        kfree_rcu(p);                       // the one-argument form: may sleep
        took = (int64_t)(ktime_get_ns() - t0);
        return 0L;
    });
    CHECK(took > 0);                        // at least to the next tick
    CHECK(k.live_allocations() == before);
}

TEST_CASE("rcu_read_lock_bh_held and rcu_read_lock_sched_held count bh-off and preempt-off sections", "[locking]")
{
    TestKernel k;
    std::vector<int> held;
    k.run_task([&] {
        held.push_back(rcu_read_lock_held());
        held.push_back(rcu_read_lock_bh_held());
        held.push_back(rcu_read_lock_sched_held());
        local_bh_disable();
        held.push_back(rcu_read_lock_bh_held());
        local_bh_enable();
        preempt_disable();
        held.push_back(rcu_read_lock_sched_held());
        held.push_back(rcu_read_lock_bh_held());
        preempt_enable();
        rcu_read_lock();
        held.push_back(rcu_read_lock_held() && rcu_read_lock_bh_held() && rcu_read_lock_any_held());
        rcu_read_unlock();
        return 0L;
    });
    CHECK(held == std::vector<int>{0, 0, 0, 1, 1, 0, 1});
}
