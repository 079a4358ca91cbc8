// Tests for shim/src/locking/locking.cpp: spinlocks and rwlocks, their preempt/irq/bh effects and their debug reports.
#include <string>

#include "kshim/testing.hpp"
#include "support/kthread_fn.hpp"
#include "support/subprocess.hpp"

#include "linux/delay.h"
#include "linux/preempt.h"
#include "linux/spinlock.h"

// Catch2 has its own WARN.
#undef WARN
#include <catch2/catch.hpp>

using kshim::testing::TestKernel;
using kshim_test::start;
using kshim_test::Thread;
using kshim_test::test_module;

TEST_CASE("sleeping under a spinlock is reported as an invalid context", "[locking]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("locking_spin_sleep")) == 0);
    CHECK(k.log_contains("BUG: sleeping function called from invalid context at kernel/locking/mutex.c:"));
    CHECK(k.log_contains("in_atomic(): 1, irqs_disabled(): 1, non_block: 0, pid: 100, name: insmod"));
    CHECK(k.log_contains("preempt_count: 1, expected: 0"));
    // And, as 6.1 with lockdep, the mutex's acquisition is an invalid wait context.
    CHECK(k.report_count("sleep-in-atomic") == 1);
    CHECK(k.report_count("invalid-wait-context") == 1);
    CHECK(k.bugs() == 2);
}

TEST_CASE("spinlocks raise preempt_count and the irq and bh variants disable irqs and softirqs", "[locking]")
{
    TestKernel k;
    k.run_task([] {
        static DEFINE_SPINLOCK(l);
        CHECK(preempt_count() == 0);
        spin_lock(&l);
        CHECK(preempt_count() == 1);
        CHECK(spin_is_locked(&l));
        assert_spin_locked(&l);
        CHECK(spin_trylock(&l) == 0);
        CHECK(preempt_count() == 1);
        spin_unlock(&l);
        CHECK(preempt_count() == 0);
        CHECK_FALSE(spin_is_locked(&l));

        unsigned long flags;
        spin_lock_irqsave(&l, flags);
        CHECK(irqs_disabled());
        spin_unlock_irqrestore(&l, flags);
        CHECK_FALSE(irqs_disabled());

        spin_lock_irq(&l);
        CHECK(irqs_disabled());
        spin_unlock_irq(&l);
        CHECK_FALSE(irqs_disabled());

        spin_lock_bh(&l);
        CHECK(in_softirq());
        CHECK(softirq_count() == SOFTIRQ_DISABLE_OFFSET);
        spin_unlock_bh(&l);
        CHECK_FALSE(in_softirq());

        local_bh_disable();
        CHECK(softirq_count() == SOFTIRQ_DISABLE_OFFSET);
        local_bh_enable();
        CHECK(preempt_count() == 0);

        CHECK(spin_trylock(&l) == 1);
        spin_unlock(&l);
        return 0L;
    });
    CHECK(k.bugs() == 0);
    CHECK(k.warnings() == 0);
}

TEST_CASE("re-taking a spinlock one holds is a spinlock recursion BUG", "[locking]")
{
    TestKernel k;
    k.run_task([] {
        static DEFINE_SPINLOCK(self_lock);
        spin_lock(&self_lock);
        spin_lock(&self_lock);
        return 0L;
    });
    CHECK(k.log_contains("BUG: spinlock recursion on CPU#0, test/100"));
    CHECK(k.log_contains(", test/100"));
    CHECK(k.log_contains(".magic: dead4ead, .owner: test/100, .owner_cpu: 0"));
    // Not exact: after the recursion BUG kshim also prints a lockup and a hung-task report, where
    // Linux 6.1 has no spinlock lockup detection and its soft-lockup watchdog would fire instead.
    CHECK(k.bugs() >= 1);
}

TEST_CASE("unlocking an unlocked spinlock is reported as already unlocked when lockdep's report is silenced", "[locking]")
{
    // With lockdep's report on, "bad unlock balance" comes first and turns this check off.
    kshim::testing::Config cfg;
    cfg.no_detectors = {"bad-unlock-balance"};
    TestKernel k(cfg);
    k.run_task([] {
        spinlock_t l;
        spin_lock_init(&l);
        spin_unlock(&l);
        CHECK(preempt_count() == 0);
        return 0L;
    });
    CHECK(k.log_contains("BUG: spinlock already unlocked on CPU#0, test/100"));
    CHECK(k.log_contains(".owner: <none>/-1, .owner_cpu: -1"));
}

TEST_CASE("a spinlock held across a sleep makes the next locker report a lockup and wait", "[locking]")
{
    TestKernel k;
    bool second_got_it = false;
    k.run_task([&] {
        static DEFINE_SPINLOCK(l);
        Thread other;
        other.fn = [&] {
            spin_lock(&l);
            second_got_it = true;
            spin_unlock(&l);
        };
        spin_lock(&l);
        start(other, "spinner");
        msleep(10);   // a bug: sleeping with the lock held
        CHECK_FALSE(second_got_it);
        spin_unlock(&l);
        msleep(10);
        return 0L;
    });
    CHECK(second_got_it);
    CHECK(k.log_contains("BUG: scheduling while atomic: test/100/"));
    CHECK(k.log_contains("BUG: spinlock lockup suspected on CPU#"));
}

TEST_CASE("rwlocks share readers and exclude writers", "[locking]")
{
    TestKernel k;
    k.run_task([] {
        static DEFINE_RWLOCK(rw);
        read_lock(&rw);
        CHECK(read_trylock(&rw) == 1);
        CHECK(write_trylock(&rw) == 0);
        read_unlock(&rw);
        read_unlock(&rw);
        unsigned long flags;
        write_lock_irqsave(&rw, flags);
        CHECK(irqs_disabled());
        CHECK(read_trylock(&rw) == 0);
        write_unlock_irqrestore(&rw, flags);
        CHECK(write_trylock(&rw) == 1);
        write_unlock(&rw);
        CHECK(preempt_count() == 0);
        return 0L;
    });
    CHECK(k.bugs() == 0);
    CHECK(k.warnings() == 0);
}
