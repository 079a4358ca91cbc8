// Tests for the C ABI globals (shim/src/globals.cpp): each kernel starts from their boot values.
#include <catch2/catch.hpp>

#include "kshim/testing.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "asm/current.h"
#include "linux/cpumask.h"
#include "linux/jiffies.h"
#include "linux/kernel.h"
#include "linux/lockdep.h"
#include "linux/printk.h"
#include "linux/workqueue.h"

using kshim::testing::Config;
using kshim::testing::TestKernel;

TEST_CASE("a new kernel resets the C globals the previous one changed", "[globals]")
{
    {
        Config cfg;
        cfg.cpus = 4;
        TestKernel k(cfg);
        CHECK(nr_cpu_ids == 4);
        k.run_for(10 * 4'000'000ull);
        debug_locks = 0;
        system_state = SYSTEM_HALT;
        console_printk[2] = 3;
    }
    CHECK(system_wq == nullptr);
    CHECK(get_current() == nullptr);
    TestKernel k;
    CHECK(jiffies == INITIAL_JIFFIES);
    CHECK(nr_cpu_ids == 2);
    CHECK(cpumask_weight(cpu_online_mask) == 2);
    CHECK(debug_locks == 1);
    CHECK(system_state == SYSTEM_RUNNING);
    CHECK(console_printk[2] == 1);
    CHECK(system_wq != nullptr);
    CHECK(get_current() != nullptr);
}
