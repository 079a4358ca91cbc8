// Tests of shim/src/workqueue/stats.cpp: per-workqueue statistics, bounded queues, the --wq-stats report.
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

TEST_CASE("workqueue statistics count queued, executed, rejected, depth and the longest wait", "[workqueue]")
{
    rec = {};
    rec.busy_ms = 10;
    TestKernel k;
    static Item it[3];
    static kshim_wq_stats st;
    k.run_task([] {
        workqueue_struct *wq = alloc_workqueue("stats", 0, 0);
        for (int i = 0; i < 3; ++i) {
            it[i].id = i;
            INIT_WORK(&it[i].work, item_fn);
            CHECK(queue_work_on(0, wq, &it[i].work));
        }
        CHECK_FALSE(queue_work_on(0, wq, &it[1].work));
        flush_workqueue(wq);
        kshim_workqueue_get_stats(wq, &st);
        destroy_workqueue(wq);
        return 0L;
    });
    CHECK(st.queued == 3);
    CHECK(st.executed == 3);
    CHECK(st.rejected == 1);
    CHECK(st.dropped == 0);
    CHECK(st.max_depth == 3);
    // The third item waited for two 10 ms busy items on its CPU.
    CHECK(st.longest_wait_ns >= 20 * kMs);
    CHECK(st.longest_wait_ns == 20 * kMs);
}

TEST_CASE("a bounded workqueue refuses items beyond its cap and counts them as dropped", "[workqueue]")
{
    rec = {};
    TestKernel k;
    static Item it[4];
    static kshim_wq_stats st;
    k.run_task([] {
        workqueue_struct *wq = alloc_workqueue("bounded", 0, 0);
        kshim_workqueue_set_max_pending(wq, 2);
        for (int i = 0; i < 4; ++i) {
            it[i].id = i;
            INIT_WORK(&it[i].work, item_fn);
        }
        CHECK(queue_work_on(0, wq, &it[0].work));
        CHECK(queue_work_on(0, wq, &it[1].work));
        CHECK_FALSE(queue_work_on(0, wq, &it[2].work));
        CHECK_FALSE(work_pending(&it[2].work));
        flush_workqueue(wq);
        CHECK(queue_work_on(0, wq, &it[3].work));  // room again once the queue drained
        flush_workqueue(wq);
        kshim_workqueue_get_stats(wq, &st);
        destroy_workqueue(wq);
        return 0L;
    });
    CHECK(ids() == std::vector<int>{0, 1, 3});
    CHECK(st.dropped == 1);
    CHECK(st.queued == 3);
    CHECK(st.executed == 3);
}

TEST_CASE("The runner option --wq-stats makes a runner print each workqueue's statistics at unload", "[workqueue]")
{
    ProcResult r = run_process({test_runner("wq_api"), "--time", "virtual", "--wq-stats", "--no-timestamps"}, 20000);
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 0);
    std::string all = r.out + r.err;
    INFO(all);
    CHECK(all.find("workqueue api_sys_2: queued 1, executed 1, rejected (already pending) 0, dropped 0, max depth 1")
          != std::string::npos);
    // schedule_delayed_work_on() hit system_wq ("events") while the item was pending.
    CHECK(all.find("workqueue events: queued 1, executed 1, rejected (already pending) 1") != std::string::npos);
    CHECK(all.find("workqueue api_legacy: queued 1, executed 1") != std::string::npos);
}
