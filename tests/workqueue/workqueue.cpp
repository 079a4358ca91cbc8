// Tests of shim/src/workqueue/workqueue.cpp: queueing, CPUs, max_active, ordering, delayed and RCU work, cancel, the state table.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "kshim/workqueue_ext.h"
#include "support/oracle.hpp"
#include "workqueue/wq_support.hpp"

#include "linux/kthread.h"
#include "linux/slab.h"
#include "linux/timer.h"

using namespace wqtest;
using namespace kshim_test;

TEST_CASE("queue_work returns false while pending, true while running, and never runs an item twice at once", "[workqueue]")
{
    rec = {};
    rec.sleep_ms = 10;
    TestKernel k;
    static Item a{1, {}, {}};
    k.run_task([] {
        workqueue_struct *wq = alloc_workqueue("reent", 0, 0);
        INIT_WORK(&a.work, item_fn);
        CHECK(work_busy(&a.work) == 0);
        CHECK(queue_work_on(0, wq, &a.work));
        CHECK_FALSE(queue_work_on(0, wq, &a.work));
        CHECK(work_pending(&a.work));
        CHECK(work_busy(&a.work) == WORK_BUSY_PENDING);
        msleep(1);  // the item is now running (sleeping inside msleep)
        CHECK_FALSE(work_pending(&a.work));
        CHECK(work_busy(&a.work) == WORK_BUSY_RUNNING);
        // Re-queueing a running item is allowed, even onto another CPU.
        CHECK(queue_work_on(1, wq, &a.work));
        CHECK(work_busy(&a.work) == (WORK_BUSY_PENDING | WORK_BUSY_RUNNING));
        CHECK(flush_work(&a.work));
        CHECK(rec.runs.size() == 2);
        CHECK_FALSE(flush_work(&a.work));
        destroy_workqueue(wq);
        return 0L;
    });
    REQUIRE(rec.runs.size() == 2);
    CHECK(rec.max_inside == 1);
    // Non-reentrancy: the second run waits for the first, on the pool still running it.
    CHECK(rec.runs[1].start >= rec.runs[0].end);
    CHECK(rec.runs[1].cpu == 0);
    CHECK(k.warnings() == 0);
}

TEST_CASE("bound work runs on the CPU that queued it or the CPU named, unbound work on any CPU", "[workqueue]")
{
    rec = {};
    TestKernel k;
    static Item a{1, {}, {}}, b{2, {}, {}}, c{3, {}, {}}, u{4, {}, {}};
    static int chained_cpu;
    chained_cpu = -1;
    k.run_task([] {
        INIT_WORK(&a.work, [](work_struct *) {
            // Queued from CPU 1 without naming a CPU: it stays on CPU 1.
            chained_cpu = (int)smp_processor_id();
            CHECK(schedule_work(&b.work));
        });
        INIT_WORK(&b.work, item_fn);
        INIT_WORK(&c.work, item_fn);
        INIT_WORK(&u.work, item_fn);
        CHECK(schedule_work_on(1, &a.work));
        flush_scheduled_work();
        CHECK(queue_work_on(0, system_wq, &c.work));
        CHECK(queue_work(system_unbound_wq, &u.work));
        flush_workqueue(system_wq);
        flush_workqueue(system_unbound_wq);
        return 0L;
    });
    CHECK(chained_cpu == 1);
    REQUIRE(rec.runs.size() == 3);
    CHECK(rec.runs[0].id == 2);
    CHECK(rec.runs[0].cpu == 1);
    CHECK(rec.runs[1].id == 3);
    CHECK(rec.runs[1].cpu == 0);
    CHECK(rec.runs[2].id == 4);
    // Deterministic: the unbound kworker was created from the test task, on CPU 0.
    CHECK(rec.runs[2].cpu == 0);
}

TEST_CASE("max_active limits the items in flight per CPU pool, and workqueue_set_max_active raises it", "[workqueue]")
{
    rec = {};
    rec.sleep_ms = 10;
    TestKernel k;
    static Item it[6];
    static int max_with_1, max_cpu_with_1;
    k.run_task([] {
        workqueue_struct *wq = alloc_workqueue("lim%d", WQ_SYSFS, 1, 1);
        CHECK(std::string(kshim_workqueue_name(wq)) == "lim1");
        for (int i = 0; i < 6; ++i) {
            it[i].id = i;
            INIT_WORK(&it[i].work, item_fn);
        }
        for (int i = 0; i < 4; ++i)
            queue_work_on(i % 2, wq, &it[i].work);
        CHECK(workqueue_congested(0, wq));
        flush_workqueue(wq);
        max_with_1 = rec.max_inside;
        max_cpu_with_1 = rec.max_inside_cpu;
        rec = {};
        rec.sleep_ms = 10;
        workqueue_set_max_active(wq, 3);
        for (int i = 0; i < 6; ++i)
            queue_work_on(0, wq, &it[i].work);
        flush_workqueue(wq);
        destroy_workqueue(wq);
        return 0L;
    });
    CHECK(max_cpu_with_1 == 1);
    CHECK(max_with_1 == 2);  // one per CPU
    CHECK(rec.max_inside_cpu == 3);
    CHECK(rec.runs.size() == 6);
}

TEST_CASE("ordered workqueues run one item at a time, in queue order", "[workqueue]")
{
    rec = {};
    TestKernel k;
    static Item it[6];
    k.run_task([] {
        workqueue_struct *ord = alloc_ordered_workqueue("ord-%s", WQ_MEM_RECLAIM, "x");
        workqueue_struct *single = create_singlethread_workqueue("single");
        CHECK(std::string(kshim_workqueue_name(ord)) == "ord-x");
        rec.sleep_ms = 3;
        for (int i = 0; i < 6; ++i) {
            it[i].id = i;
            INIT_WORK(&it[i].work, item_fn);
            queue_work_on(i % 2, i < 3 ? ord : single, &it[i].work);
        }
        flush_workqueue(ord);
        flush_workqueue(single);
        destroy_workqueue(ord);
        destroy_workqueue(single);
        return 0L;
    });
    REQUIRE(rec.runs.size() == 6);
    std::vector<int> first, second;
    for (const Run &r : rec.runs)
        (r.id < 3 ? first : second).push_back(r.id);
    CHECK(first == std::vector<int>{0, 1, 2});
    CHECK(second == std::vector<int>{3, 4, 5});
    // Within one ordered queue, each item starts after the previous one ended.
    for (int q = 0; q < 2; ++q) {
        const Run *prev = nullptr;
        for (const Run &r : rec.runs) {
            if ((r.id < 3) != (q == 0))
                continue;
            if (prev)
                CHECK(r.start >= prev->end);
            prev = &r;
        }
    }
}

TEST_CASE("delayed work fires d+1 jiffies later for short delays, rounded up for long ones, and at once for 0", "[workqueue]")
{
    rec = {};
    TestKernel k;
    static Item a{1, {}, {}}, b{2, {}, {}}, c{3, {}, {}};
    static unsigned long j0;
    k.run_task([] {
        INIT_DELAYED_WORK(&a.dwork, ditem_fn);
        INIT_DELAYED_WORK(&b.dwork, ditem_fn);
        INIT_DEFERRABLE_WORK(&c.dwork, ditem_fn);
        j0 = jiffies;
        CHECK(queue_delayed_work(system_wq, &a.dwork, 10));
        CHECK_FALSE(queue_delayed_work(system_wq, &a.dwork, 3));
        CHECK(delayed_work_pending(&a.dwork));
        CHECK(timer_pending(&a.dwork.timer));
        CHECK(schedule_delayed_work(&b.dwork, 100));
        CHECK(schedule_delayed_work_on(1, &c.dwork, 0));  // delay 0: queued at once, no timer
        CHECK(work_pending(&c.dwork.work));
        CHECK_FALSE(timer_pending(&c.dwork.timer));
        msleep(1000);
        return 0L;
    });
    REQUIRE(rec.runs.size() == 3);
    CHECK(rec.runs[0].id == 3);
    CHECK(rec.runs[0].jif == j0);
    CHECK(rec.runs[0].cpu == 1);
    CHECK(rec.runs[1].id == 1);
    CHECK(rec.runs[1].jif == j0 + 11);
    CHECK(rec.runs[2].id == 2);
    CHECK(rec.runs[2].jif >= j0 + 100);
    CHECK(rec.runs[2].jif <= j0 + 108);  // level 1 of the wheel: 8-jiffy granularity
}

TEST_CASE("mod_delayed_work returns whether the item was pending and re-arms it", "[workqueue]")
{
    rec = {};
    TestKernel k;
    static Item a{1, {}, {}};
    static unsigned long j0;
    k.run_task([] {
        INIT_DELAYED_WORK(&a.dwork, ditem_fn);
        j0 = jiffies;
        CHECK_FALSE(mod_delayed_work(system_wq, &a.dwork, 10));  // idle: false, armed
        CHECK(delayed_work_pending(&a.dwork));
        CHECK(mod_delayed_work_on(1, system_power_efficient_wq, &a.dwork, 20));  // pending: true
        msleep(200);
        CHECK(rec.runs.size() == 1);
        // A queued (timer already fired) item is pending too; mod with 0 runs it now.
        j0 = jiffies;
        CHECK(schedule_delayed_work(&a.dwork, 0));
        CHECK(mod_delayed_work(system_wq, &a.dwork, 0));
        msleep(10);
        return 0L;
    });
    REQUIRE(rec.runs.size() == 2);
    CHECK(rec.runs[0].cpu == 1);
    CHECK(rec.runs[1].jif == j0);
}

TEST_CASE("cancel on pending, idle and running items returns what Linux returns", "[workqueue]")
{
    rec = {};
    rec.sleep_ms = 20;
    TestKernel k;
    static Item a{1, {}, {}}, b{2, {}, {}};
    static std::vector<int> got;
    got.clear();
    k.run_task([] {
        INIT_WORK(&a.work, item_fn);
        INIT_DELAYED_WORK(&b.dwork, ditem_fn);
        got.push_back(cancel_work(&a.work));                  // idle: 0
        got.push_back(cancel_work_sync(&a.work));             // idle: 0
        got.push_back(cancel_delayed_work(&b.dwork));         // idle: 0
        got.push_back(cancel_delayed_work_sync(&b.dwork));    // idle: 0
        queue_work_on(0, system_wq, &a.work);
        got.push_back(cancel_work(&a.work));                  // pending: 1
        queue_work_on(0, system_wq, &a.work);
        got.push_back(cancel_work_sync(&a.work));             // pending: 1
        queue_delayed_work(system_wq, &b.dwork, 50);
        got.push_back(cancel_delayed_work(&b.dwork));         // timer pending: 1
        queue_delayed_work(system_wq, &b.dwork, 0);
        got.push_back(cancel_delayed_work_sync(&b.dwork));    // queued: 1
        got.push_back((int)rec.runs.size());                  // none ran: 0
        // Running: cancel returns 0; the _sync one waits for the function to end.
        queue_delayed_work(system_wq, &b.dwork, 0);
        msleep(1);
        got.push_back(cancel_delayed_work(&b.dwork));         // running: 0
        got.push_back(rec.inside);                            // still running: 1
        got.push_back(cancel_delayed_work_sync(&b.dwork));    // running: 0, waits
        got.push_back(rec.inside);                            // done: 0
        // Running and pending again: the _sync cancel takes the pending instance (1) and waits.
        queue_work_on(0, system_wq, &a.work);
        msleep(1);
        queue_work_on(0, system_wq, &a.work);
        got.push_back(cancel_work_sync(&a.work));             // 1
        got.push_back(rec.inside);                            // 0
        got.push_back(work_pending(&a.work));                 // 0
        return 0L;
    });
    CHECK(got == std::vector<int>{0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 0, 0, 1, 0, 0});
    k.run_for(200 * kMs);
    CHECK(rec.runs.size() == 2);  // b once and a once; the cancelled instances never ran
}

TEST_CASE("cancel_work_sync and cancel_delayed_work_sync stop items that re-queue themselves", "[workqueue]")
{
    rec = {};
    TestKernel k;
    static work_struct w;
    static delayed_work dw;
    static size_t runs_at_cancel;
    k.run_task([] {
        requeue_wq = system_wq;
        rec.requeue_left = 1000;
        INIT_WORK(&w, requeue_fn);
        schedule_work(&w);
        msleep(11);
        cancel_work_sync(&w);
        runs_at_cancel = rec.runs.size();
        CHECK_FALSE(work_pending(&w));
        CHECK(rec.inside == 0);
        msleep(50);
        CHECK(rec.runs.size() == runs_at_cancel);
        rec = {};
        rec.requeue_left = 1000;
        INIT_DELAYED_WORK(&dw, drequeue_fn);
        schedule_delayed_work(&dw, 1);
        msleep(40);
        runs_at_cancel = rec.runs.size();
        CHECK(runs_at_cancel > 0);
        cancel_delayed_work_sync(&dw);
        CHECK_FALSE(delayed_work_pending(&dw));
        CHECK(rec.inside == 0);
        runs_at_cancel = rec.runs.size();
        msleep(100);
        CHECK(rec.runs.size() == runs_at_cancel);
        return 0L;
    });
    CHECK(k.warnings() == 0);
    CHECK(k.bugs() == 0);
}

TEST_CASE("cancel_delayed_work steals an item whose timer has expired but has not run yet", "[workqueue]")
{
    rec = {};
    TestKernel k;
    static Item d{1, {}, {}};
    static work_struct hw;
    static int got = -1;
    k.run_task([] {
        INIT_DELAYED_WORK(&d.dwork, ditem_fn);
        // A high-priority work item wakes at the same tick as the delayed work's timer, but
        // its own timer was armed first, so it runs before the timer softirq.
        INIT_WORK(&hw, [](work_struct *) {
            schedule_timeout_uninterruptible(5);
            got = cancel_delayed_work(&d.dwork);
        });
        queue_work_on(0, system_highpri_wq, &hw);
        cond_resched();
        queue_delayed_work_on(0, system_wq, &d.dwork, 5);
        msleep(100);
        return 0L;
    });
    CHECK(got == 1);
    CHECK(rec.runs.empty());
}

TEST_CASE("destroy_workqueue drains queued work first; queueing onto a destroyed workqueue is reported", "[workqueue]")
{
    rec = {};
    rec.sleep_ms = 5;
    TestKernel k;
    static Item it[3];
    static bool late;
    k.run_task([] {
        workqueue_struct *wq = create_workqueue("doomed");
        for (int i = 0; i < 3; ++i) {
            it[i].id = i;
            INIT_WORK(&it[i].work, item_fn);
            queue_work(wq, &it[i].work);
        }
        destroy_workqueue(wq);
        CHECK(rec.runs.size() == 3);
        CHECK(rec.inside == 0);
        late = queue_work(wq, &it[0].work);
        return 0L;
    });
    CHECK_FALSE(late);
    CHECK(k.warnings() == 1);
}

TEST_CASE("queue_rcu_work waits a grace period before queueing, and flush_rcu_work waits for it", "[workqueue]")
{
    rec = {};
    TestKernel k;
    static rcu_work rw;
    static unsigned long j0;
    static bool ran_early;
    k.run_task([] {
        INIT_RCU_WORK(&rw, [](work_struct *w) {
            CHECK(&to_rcu_work(w)->work == w);
            note_start(9);
            note_end(rec.runs.size() - 1);
        });
        j0 = jiffies;
        CHECK(queue_rcu_work(system_wq, &rw));
        CHECK_FALSE(queue_rcu_work(system_wq, &rw));
        cond_resched();
        ran_early = !rec.runs.empty();
        CHECK(flush_rcu_work(&rw));
        CHECK(rec.runs.size() == 1);
        CHECK(queue_rcu_work(system_unbound_wq, &rw));
        msleep(20);
        return 0L;
    });
    CHECK_FALSE(ran_early);
    REQUIRE(rec.runs.size() == 2);
    CHECK(rec.runs[1].jif > j0);
}

TEST_CASE("queueing a work item whose data word is no valid state is reported as a bad state change", "[workqueue]")
{
    rec = {};
    TestKernel k;
    static Item a{1, {}, {}};
    k.run_task([] {
        INIT_WORK(&a.work, item_fn);
        a.work.data.counter = WORK_OFFQ_CANCELING;  // canceling without the pending bit: scribbled
        CHECK(queue_work_on(0, system_wq, &a.work));
        flush_work(&a.work);
        return 0L;
    });
    // Taking the pending bit and then inserting it: two changes the table does not allow.
    CHECK(k.warnings() == 2);
    CHECK(k.log_contains("invalid -> owned is not a valid state change"));
    CHECK(k.log_contains("canceling -> queued active is not a valid state change"));
    CHECK(ids() == std::vector<int>{1});
}

TEST_CASE("the wq_semantics probe prints the real kernel's lines in the kernel's order", "[workqueue]")
{
    ProcResult r = kshim_test::run_test_module("wq_semantics", "5s");
    REQUIRE_FALSE(r.timed_out);
    REQUIRE(r.exit_code == 0);
    // Compare line by line (strict order) with the kernel's log.
    std::vector<std::string> want;
    for (const std::string &line : lines_of(kshim_test::oracle_log("wq_semantics")))
        if (!line.empty() && line[0] == '[')
            want.push_back(strip_timestamp(line));
    REQUIRE(want.size() == 20);
    std::vector<std::string> got;
    for (const std::string &line : lines_of(r.out + r.err))
        got.push_back(strip_timestamp(line));
    size_t at = 0;
    for (const std::string &w : want) {
        while (at < got.size() && got[at] != w)
            ++at;
        INFO("kernel line missing or out of order: " << w);
        REQUIRE(at < got.size());
        ++at;
    }
    // And with the project's comparison tool, when it and python are there.
    if (kshim_test::compare_tool_available()) {
        ProcResult c = kshim_test::compare_kernel_log(kshim_test::oracle_log_path("wq_semantics"), r.out + r.err,
                                                      {"--strict-order"});
        INFO(c.out << c.err);
        CHECK(c.exit_code == 0);
    }
}
