// Tests for shim/src/locking/srcu.cpp: SRCU readers that sleep, grace periods that wait only for earlier readers, serialised grace periods.
#include <cstdint>
#include <string>
#include <vector>

#include "kshim/testing.hpp"

#include "linux/delay.h"
#include "linux/jiffies.h"
#include "linux/kthread.h"
#include "linux/srcu.h"

#undef WARN
#include <catch2/catch.hpp>

using kshim::testing::TestKernel;

namespace {

DEFINE_STATIC_SRCU(test_srcu);
std::vector<std::string> events;

// A reader that enters, sleeps ms milliseconds inside its section and leaves.
int sleepy_reader(void *ms)
{
    int idx = srcu_read_lock(&test_srcu);
    events.push_back("reader in");
    msleep((unsigned)(uintptr_t)ms);
    events.push_back("reader out");
    srcu_read_unlock(&test_srcu, idx);
    return 0;
}

}  // namespace

TEST_CASE("synchronize_srcu waits for a reader sleeping inside its section, and no longer", "[locking]")
{
    TestKernel k;
    events.clear();
    k.run_task([] {
        kthread_run(sleepy_reader, (void *)(uintptr_t)50, "srcu_reader");
        msleep(1);
        unsigned long t0 = jiffies;
        synchronize_srcu(&test_srcu);
        events.push_back("grace period over");
        CHECK(jiffies - t0 >= msecs_to_jiffies(40));
        CHECK(jiffies - t0 <= msecs_to_jiffies(60));
        return 0L;
    });
    CHECK(events == std::vector<std::string>{"reader in", "reader out", "grace period over"});
    CHECK(k.bugs() == 0);
}

TEST_CASE("A reader that enters after a grace period began does not hold it back", "[locking]")
{
    TestKernel k;
    events.clear();
    k.run_task([] {
        kthread_run(sleepy_reader, (void *)(uintptr_t)20, "early_reader");
        msleep(1);
        // The updater starts waiting; a reader entering now sleeps 200 ms but is not waited for.
        kthread_run([](void *) -> int {
            synchronize_srcu(&test_srcu);
            events.push_back("grace period over");
            return 0;
        }, nullptr, "updater");
        msleep(1);
        kthread_run(sleepy_reader, (void *)(uintptr_t)200, "late_reader");
        msleep(300);
        return 0L;
    });
    CHECK(events == std::vector<std::string>{"reader in", "reader in", "reader out", "grace period over", "reader out"});
}

TEST_CASE("srcu_read_lock_held follows the section, and sleeping inside is allowed", "[locking]")
{
    TestKernel k;
    k.run_task([] {
        struct srcu_struct s;
        CHECK(init_srcu_struct(&s) == 0);
        CHECK_FALSE(srcu_read_lock_held(&s));
        int idx = srcu_read_lock(&s);
        CHECK(srcu_read_lock_held(&s));
        msleep(5);
        srcu_read_unlock(&s, idx);
        CHECK_FALSE(srcu_read_lock_held(&s));
        synchronize_srcu(&s);
        cleanup_srcu_struct(&s);
        return 0L;
    });
    CHECK(k.bugs() == 0);
    CHECK(k.warnings() == 0);
}

TEST_CASE("cleanup_srcu_struct with a reader still inside warns as 6.1 does", "[locking]")
{
    TestKernel k;
    k.run_task([] {
        static struct srcu_struct s;
        init_srcu_struct(&s);
        int idx = srcu_read_lock(&s);
        cleanup_srcu_struct(&s);
        srcu_read_unlock(&s, idx);
        return 0L;
    });
    CHECK(k.warnings() == 1);
    CHECK(k.log_contains("at kernel/rcu/srcutree.c:600"));
}
