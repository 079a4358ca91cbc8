// Tests of shim/src/workqueue/workqueue_api.cpp: the C API from module code returns what Linux 6.1 returns.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>
#include <unistd.h>

#include "kshim/workqueue_ext.h"
#include "support/subprocess.hpp"
#include "workqueue/wq_support.hpp"

#include "linux/kthread.h"
#include "linux/slab.h"
#include "linux/timer.h"

using namespace wqtest;
using namespace kshim_test;

TEST_CASE("the workqueue API from module code returns what Linux 6.1 returns", "[workqueue]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("wq_api")) == 0);
    k.run_until_idle();
    REQUIRE(k.unload("wq_api").error == 0);
    // The real kernel's log of this module (kernel-oracle, Linux 6.1, 2 CPUs).
    std::vector<std::string> want = {
        "queue_work_on: 1",
        "static work ran on CPU 1, current_work matches: 1",
        "flush_work: 0 busy after: 0",
        "queue_delayed_work_on: 1 pending: 1",
        "schedule_delayed_work_on while pending: 0",
        "static delayed work ran on CPU 1 after 11 jiffies, is static_dwork: 1",
        "mod_delayed_work_on idle: 0",
        "mod_delayed_work_on pending: 1",
        "static delayed work ran on CPU 0 after 3 jiffies, is static_dwork: 1",
        "schedule_delayed_work deferrable: 1",
        "cancel_delayed_work_sync deferrable: 1",
        "deferrable work ran",
        "queue_work freezable: 1",
        "static work ran on CPU 0, current_work matches: 1",
        "flushed: pending 0",
        "api done",
    };
    auto texts = k.log_texts();
    long at = -1;
    for (const std::string &w : want) {
        long i = find_line(texts, w);
        INFO("line: " << w);
        CHECK(i > at);
        at = i;
    }
    CHECK(k.warnings() == 0);
    CHECK(k.bugs() == 0);
}
