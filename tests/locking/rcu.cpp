// Tests for shim/src/locking/rcu.cpp: RCU read-side sections, synchronize_rcu, call_rcu and kfree_rcu.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "kshim/testing.hpp"

#include "linux/bottom_half.h"
#include "linux/jiffies.h"
#include "linux/lockdep.h"
#include "linux/preempt.h"
#include "linux/rcupdate.h"
#include "linux/slab.h"
#include "linux/timekeeping.h"

// Catch2 has its own WARN.
#undef WARN
#include <catch2/catch.hpp>

using kshim::testing::TestKernel;

TEST_CASE("rcu_read_lock disables preemption and synchronize_rcu waits at least a tick", "[locking]")
{
    TestKernel k;
    k.run_task([] {
        rcu_read_lock();
        CHECK(preempt_count() == 1);
        CHECK(rcu_read_lock_held());
        CHECK(kshim_lockdep_depth() == 1);
        rcu_read_unlock();
        CHECK(preempt_count() == 0);
        CHECK_FALSE(rcu_read_lock_held());
        unsigned long t0 = jiffies;
        synchronize_rcu();
        CHECK(jiffies - t0 == 2);
        return 0L;
    });
    CHECK(k.bugs() == 0);
}

TEST_CASE("call_rcu callbacks run after a grace period in softirq context, and kfree_rcu frees", "[locking]")
{
    TestKernel k;
    static int ran;
    static bool in_softirq_ctx;
    ran = 0;
    struct obj {
        int v;
        struct rcu_head rcu;
    };
    size_t before = k.live_allocations();
    k.run_task([] {
        static struct rcu_head head;
        call_rcu(&head, [](struct rcu_head *) {
            ++ran;
            in_softirq_ctx = in_serving_softirq();
        });
        CHECK(ran == 0);
        auto *o = static_cast<obj *>(kmalloc(sizeof(obj), GFP_KERNEL));
        kfree_rcu(o, rcu);
        rcu_barrier();
        CHECK(ran == 1);
        return 0L;
    });
    CHECK(in_softirq_ctx);
    k.run_until_idle();
    CHECK(k.live_allocations() == before);
}


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
