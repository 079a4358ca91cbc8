// Tests for percpu_counter (shim/src/mm/percpu_counter.cpp): 6.1's batch folding, sums, compare, set, destroy.
#include <catch2/catch.hpp>

#include "kshim/testing.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/percpu_counter.h"

using kshim::testing::Config;
using kshim::testing::TestKernel;

namespace {
void on_cpu(int cpu, void (*fn)(void *), void *info) { smp_call_function_single(cpu, fn, info, 1); }
}  // namespace

TEST_CASE("percpu_counter_batch is max(32, 2 * CPUs) as 6.1 computes it", "[mm][percpu]")
{
    {
        TestKernel k;
        CHECK(percpu_counter_batch == 32);
    }
    TestKernel k(Config{.cpus = 20});
    CHECK(percpu_counter_batch == 40);
}

TEST_CASE("percpu_counter_add keeps a CPU's delta below the batch and folds it into count when it reaches it", "[mm][percpu]")
{
    TestKernel k;
    k.run_task([] {
        struct percpu_counter c;
        REQUIRE(percpu_counter_init(&c, 5, GFP_KERNEL) == 0);
        CHECK(percpu_counter_initialized(&c));
        on_cpu(0, [](void *p) { percpu_counter_add((percpu_counter *)p, 31); }, &c);
        CHECK(percpu_counter_read(&c) == 5);       // 31 < 32: still in CPU 0's delta
        CHECK(percpu_counter_sum(&c) == 36);
        on_cpu(1, [](void *p) { percpu_counter_add((percpu_counter *)p, -20); }, &c);
        CHECK(percpu_counter_sum(&c) == 16);
        on_cpu(0, [](void *p) { percpu_counter_inc((percpu_counter *)p); }, &c);
        CHECK(percpu_counter_read(&c) == 37);      // |31 + 1| >= 32: folded, CPU 0's delta is 0
        CHECK(*per_cpu_ptr(c.counters, 0) == 0);
        CHECK(*per_cpu_ptr(c.counters, 1) == -20);
        CHECK(percpu_counter_sum(&c) == 17);
        on_cpu(1, [](void *p) { percpu_counter_sub((percpu_counter *)p, 12); }, &c);
        CHECK(percpu_counter_read(&c) == 5);       // |-20 - 12| >= 32: folded
        on_cpu(1, [](void *p) { percpu_counter_add_batch((percpu_counter *)p, 3, 3); }, &c);
        CHECK(percpu_counter_read(&c) == 8);
        percpu_counter_destroy(&c);
        CHECK_FALSE(percpu_counter_initialized(&c));
        percpu_counter_destroy(&c);               // a second destroy does nothing
        return 0L;
    });
    CHECK(k.live_allocations() == 0);
    CHECK(k.bugs() == 0);
}

TEST_CASE("percpu_counter read_positive and sum_positive give 0 for a negative count; set clears every delta", "[mm][percpu]")
{
    TestKernel k;
    k.run_task([] {
        struct percpu_counter c;
        REQUIRE(percpu_counter_init(&c, -3, GFP_KERNEL) == 0);
        CHECK(percpu_counter_read(&c) == -3);
        CHECK(percpu_counter_read_positive(&c) == 0);
        percpu_counter_dec(&c);
        CHECK(percpu_counter_sum(&c) == -4);
        CHECK(percpu_counter_sum_positive(&c) == 0);
        on_cpu(1, [](void *p) { percpu_counter_add((percpu_counter *)p, 9); }, &c);
        percpu_counter_set(&c, 100);
        CHECK(percpu_counter_sum(&c) == 100);
        CHECK(percpu_counter_read_positive(&c) == 100);
        percpu_counter_add_local(&c, 1000);        // batch INT_MAX: stays local
        CHECK(percpu_counter_read(&c) == 100);
        CHECK(percpu_counter_sum(&c) == 1100);
        percpu_counter_sync(&c);                   // folds this CPU's delta
        CHECK(percpu_counter_read(&c) == 1100);
        percpu_counter_destroy(&c);
        return 0L;
    });
    CHECK(k.live_allocations() == 0);
}

TEST_CASE("percpu_counter_compare trusts the rough count only when it is further than batch * CPUs from rhs", "[mm][percpu]")
{
    TestKernel k;
    k.run_task([] {
        struct percpu_counter c;
        REQUIRE(percpu_counter_init(&c, 0, GFP_KERNEL) == 0);
        on_cpu(0, [](void *p) { percpu_counter_add((percpu_counter *)p, 20); }, &c);
        CHECK(percpu_counter_read(&c) == 0);
        CHECK(percpu_counter_compare(&c, 20) == 0);    // exact sum: 20
        CHECK(percpu_counter_compare(&c, 19) == 1);
        CHECK(percpu_counter_compare(&c, 21) == -1);
        CHECK(percpu_counter_compare(&c, -100) == 1);  // far below: count alone decides
        c.count = 1000;                                // a stale rough count shows which path ran
        CHECK(__percpu_counter_compare(&c, 1030, 10) == -1);   // |1000-1030| > 10*2: rough
        CHECK(__percpu_counter_compare(&c, 1015, 10) == 1);    // close: exact sum 1020
        percpu_counter_destroy(&c);
        return 0L;
    });
}
