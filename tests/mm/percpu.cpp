// Tests for per-CPU areas (shim/src/mm/percpu.cpp, percpu_api.cpp): copies per CPU, this_cpu ops, alloc/free, checks, module sections.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kshim/testing.hpp"
#include "support/log_match.hpp"
#include "support/oracle.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/percpu.h"
#include "linux/smp.h"

using kshim::testing::Config;
using kshim::testing::TestKernel;
using namespace kshim_test;

namespace {
struct two_longs {
    long a, b;
};
}  // namespace

TEST_CASE("alloc_percpu gives every possible CPU its own zeroed copy, CPU 0's at the returned address", "[mm][percpu]")
{
    TestKernel k(Config{.cpus = 4});
    k.run_task([] {
        two_longs *p = alloc_percpu(two_longs);
        REQUIRE(p != nullptr);
        CHECK(per_cpu_ptr(p, 0) == p);
        int cpu;
        for_each_possible_cpu(cpu) {
            CHECK(per_cpu_ptr(p, cpu)->a == 0);
            CHECK(per_cpu_ptr(p, cpu)->b == 0);
            per_cpu_ptr(p, cpu)->b = 10 * cpu;
        }
        for_each_possible_cpu(cpu) {
            CHECK(per_cpu_ptr(p, cpu)->b == 10 * cpu);
            CHECK(&per_cpu_ptr(p, cpu)->b == per_cpu_ptr(&p->b, cpu));   // a member's copy is that CPU's member
        }
        CHECK(per_cpu_ptr(p, 1) != per_cpu_ptr(p, 2));
        free_percpu(p);
        free_percpu(nullptr);
        return 0L;
    });
    CHECK(k.live_allocations() == 0);
    CHECK(k.bugs() == 0);
    CHECK(k.warnings() == 0);
}

TEST_CASE("this_cpu ops act on the copy of the CPU the task runs on", "[mm][percpu]")
{
    TestKernel k;
    k.run_task([] {
        long *p = alloc_percpu(long);
        on_each_cpu([](void *info) { this_cpu_add(*(long *)info, smp_processor_id() + 5); }, p, 1);
        CHECK(*per_cpu_ptr(p, 0) == 5);
        CHECK(*per_cpu_ptr(p, 1) == 6);
        int cpu = get_cpu();
        long *mine = per_cpu_ptr(p, cpu);
        CHECK(this_cpu_ptr(p) == mine);
        this_cpu_write(*p, 40);
        this_cpu_inc(*p);
        __this_cpu_sub(*p, 3);
        CHECK(this_cpu_read(*p) == 38);
        CHECK(this_cpu_add_return(*p, 2) == 40);
        CHECK(this_cpu_xchg(*p, 7L) == 40);
        CHECK(this_cpu_cmpxchg(*p, 6L, 1L) == 7);   // no match: unchanged
        CHECK(this_cpu_cmpxchg(*p, 7L, 1L) == 7);
        CHECK(*mine == 1);
        CHECK(*per_cpu_ptr(p, 1 - cpu) == 6 - cpu);   // the other CPU's copy is untouched
        put_cpu();
        free_percpu(p);
        return 0L;
    });
    CHECK(k.bugs() == 0);
}

TEST_CASE("__this_cpu ops and this_cpu_ptr in preemptible code are reported once per call site, as CONFIG_DEBUG_PREEMPT does", "[mm][percpu]")
{
    TestKernel k;
    k.run_task([] {
        int *p = alloc_percpu(int);
        for (int i = 0; i < 3; ++i)
            __this_cpu_add(*p, 1);        // one site, three calls: one report
        (void)this_cpu_ptr(p);
        this_cpu_add(*p, 1);              // preemption-safe: never reported
        (void)raw_cpu_ptr(p);
        preempt_disable();
        __this_cpu_inc(*p);               // preemption off: fine
        preempt_enable();
        free_percpu(p);
        return 0L;
    });
    CHECK(count_lines(k, "BUG: using __this_cpu_add() in preemptible [00000000] code: test/") == 1);
    CHECK(count_lines(k, "BUG: using smp_processor_id() in preemptible [00000000] code: test/") == 1);
    CHECK(count_lines(k, "caller is ") == 2);
    CHECK(count_lines(k, "preemptible") == 2);
    CHECK(k.bugs() == 2);
}

TEST_CASE("__alloc_percpu refuses a size of 0, over 32 KiB or a bad alignment with 6.1's warning, quietly with __GFP_NOWARN", "[mm][percpu]")
{
    TestKernel k;
    k.run_task([] {
        CHECK(__alloc_percpu(0, 4) == nullptr);
        CHECK(__alloc_percpu(PCPU_MIN_UNIT_SIZE + 1, 8) == nullptr);
        CHECK(__alloc_percpu(8, 3) == nullptr);
        CHECK(__alloc_percpu_gfp(0, 4, GFP_KERNEL | __GFP_NOWARN) == nullptr);
        void *p = __alloc_percpu(PCPU_MIN_UNIT_SIZE, 4096);
        CHECK(p != nullptr);
        free_percpu(p);
        return 0L;
    });
    CHECK(count_lines(k, "illegal size (0) or align (4) for percpu allocation") == 1);
    CHECK(count_lines(k, "illegal size (32769) or align (8) for percpu allocation") == 1);
    CHECK(count_lines(k, "illegal size (8) or align (3) for percpu allocation") == 1);
    CHECK(count_lines(k, "at mm/percpu.c:1758 ") == 3);
    CHECK(k.warnings() == 3);
    CHECK(k.live_allocations() == 0);
}

TEST_CASE("per_cpu_ptr of an address that is not per-CPU, or of a CPU beyond nr_cpu_ids, warns and gives the address back", "[mm][percpu]")
{
    TestKernel k;
    k.run_task([] {
        static int plain;
        CHECK(per_cpu_ptr(&plain, 1) == &plain);
        int *p = alloc_percpu(int);
        CHECK(per_cpu_ptr(p, 2) == p);
        free_percpu(p);
        free_percpu(&plain);
        return 0L;
    });
    CHECK(count_lines(k, "kshim: per_cpu_ptr of 0x") == 1);
    CHECK(count_lines(k, "kshim: per_cpu_ptr(cpu 2 >= nr_cpu_ids 2) of 0x") == 1);
    CHECK(count_lines(k, "kshim: free_percpu of 0x") == 1);
    CHECK(k.warnings() == 3);
}

TEST_CASE("a module's DEFINE_PER_CPU variables match the real kernel: one copy per CPU, each with the initialiser", "[mm][percpu]")
{
    OracleRun r = run_against_oracle("percpu_api");
    CHECK(r.exit_code == 0);
    REQUIRE(r.want.size() > 15);
    CHECK(r.got == r.want);
}

TEST_CASE("a reloaded module's per-CPU section starts again from its initialisers on every CPU", "[mm][percpu]")
{
    TestKernel k;
    for (int round = 0; round < 2; ++round) {
        REQUIRE(k.load(test_module("percpu_api")) == 0);
        CHECK(k.unload("percpu_api").leaks == 0);
    }
    CHECK(count_lines(k, "percpu_api: cpu1 init 5 counter 0") == 2);
    CHECK(count_lines(k, "percpu_api: after write cpu0 5 cpu1 7") == 2);
    CHECK(k.bugs() == 0);
}

TEST_CASE("an alloc_percpu block a module never frees is in its leak report", "[mm][percpu]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("percpu_api"), {"leak=1"}) == 0);
    CHECK(k.unload("percpu_api").leaks == 1);
    CHECK(count_lines(k, "unreferenced object 0x") == 1);
}
