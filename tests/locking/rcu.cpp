// Tests for shim/src/locking/rcu.cpp: RCU read-side sections, synchronize_rcu, call_rcu and kfree_rcu.
#include <cstddef>

#include "kshim/testing.hpp"

#include "linux/jiffies.h"
#include "linux/lockdep.h"
#include "linux/preempt.h"
#include "linux/rcupdate.h"
#include "linux/slab.h"

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
