// Tests of shim/src/workqueue/flush.cpp: flush colors, flush_work, draining, flushes lockdep or the dependency check reports.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "kshim/workqueue_ext.h"
#include "workqueue/wq_support.hpp"

#include "linux/kthread.h"
#include "linux/mutex.h"
#include "linux/slab.h"
#include "linux/timer.h"

using namespace wqtest;

TEST_CASE("flush_delayed_work fires a pending timer at once and waits; idle it returns false", "[workqueue]")
{
    rec = {};
    TestKernel k;
    static Item a{1, {}, {}};
    static unsigned long j0, j1;
    static bool r1, r2;
    k.run_task([] {
        INIT_DELAYED_WORK(&a.dwork, ditem_fn);
        queue_delayed_work_on(1, system_freezable_wq, &a.dwork, 1000);
        j0 = jiffies;
        r1 = flush_delayed_work(&a.dwork);
        j1 = jiffies;
        r2 = flush_delayed_work(&a.dwork);
        msleep(5000);
        return 0L;
    });
    CHECK(r1);
    CHECK_FALSE(r2);
    CHECK(j1 - j0 == 0);  // virtual time: the flush runs the item within the same jiffy
    REQUIRE(rec.runs.size() == 1);  // the timer is gone: no second run
    CHECK(rec.runs[0].cpu == 1);
}

TEST_CASE("flush_workqueue waits only for the work queued before it", "[workqueue]")
{
    rec = {};
    rec.sleep_ms = 20;
    TestKernel k;
    static Item a{1, {}, {}}, b{2, {}, {}};
    static uint64_t flushed_at;
    static workqueue_struct *wq;
    k.run_task([] {
        wq = alloc_workqueue("flushq", 0, 0);
        INIT_WORK(&a.work, item_fn);
        INIT_WORK(&b.work, [](work_struct *w) {
            size_t idx = rec.runs.size();
            note_start(2);
            msleep(200);
            note_end(idx);
            (void)w;
        });
        queue_work_on(0, wq, &a.work);
        task_struct *t = kthread_run([](void *) {
            flush_workqueue(wq);
            flushed_at = ktime_get_ns();
            return 0;
        }, nullptr, "flusher");
        CHECK_FALSE(IS_ERR(t));
        msleep(1);  // the flusher is waiting now
        queue_work_on(1, wq, &b.work);
        msleep(300);
        destroy_workqueue(wq);
        return 0L;
    });
    REQUIRE(rec.runs.size() == 2);
    CHECK(flushed_at >= rec.runs[0].end);
    CHECK(flushed_at < rec.runs[1].end);
}

TEST_CASE("drain_workqueue waits for chained re-queues and refuses outside work with a warning", "[workqueue]")
{
    rec = {};
    TestKernel k;
    static work_struct w, outsider;
    static bool outsider_ran;
    static bool queued_outside;
    static workqueue_struct *wq;
    outsider_ran = false;
    k.run_task([] {
        wq = alloc_workqueue("drainq", 0, 0);
        requeue_wq = wq;
        rec.requeue_left = 5;
        INIT_WORK(&w, requeue_fn);
        INIT_WORK(&outsider, [](work_struct *) { outsider_ran = true; });
        queue_work(wq, &w);
        kthread_run([](void *) {
            msleep(3);
            queued_outside = queue_work(wq, &outsider);
            return 0;
        }, nullptr, "outsider");
        drain_workqueue(wq);
        CHECK(rec.runs.size() == 6);
        CHECK(rec.requeue_left == 0);
        return 0L;
    });
    CHECK(queued_outside);  // the pending bit was taken, as in Linux, but it never runs
    CHECK_FALSE(outsider_ran);
    CHECK(k.warnings() == 1);
    // Once the drain is over the workqueue takes work again; destroy drains it.
    k.run_task([] {
        static Item later{7, {}, {}};   // item_fn reads the Item around the work
        INIT_WORK(&later.work, item_fn);
        CHECK(queue_work(wq, &later.work));
        destroy_workqueue(wq);
        CHECK(rec.runs.size() == 7);
        return 0L;
    });
}

TEST_CASE("a second test kernel warns again about queueing onto a draining workqueue", "[workqueue]")
{
    // WARN_ON_ONCE state belongs to one kernel, not to the process.
    for (int round = 0; round < 2; ++round) {
        rec = {};
        TestKernel k;
        static work_struct w, outsider;
        static workqueue_struct *wq;
        k.run_task([] {
            wq = alloc_workqueue("drainq", 0, 0);
            requeue_wq = wq;
            rec.requeue_left = 2;
            INIT_WORK(&w, requeue_fn);
            INIT_WORK(&outsider, [](work_struct *) {});
            queue_work(wq, &w);
            kthread_run([](void *) {
                msleep(1);
                queue_work(wq, &outsider);
                return 0;
            }, nullptr, "outsider");
            drain_workqueue(wq);
            return 0L;
        });
        CHECK(k.warnings() == 1);
    }
}

TEST_CASE("flushing a workqueue from its own work item is reported as recursive locking and returns", "[workqueue]")
{
    TestKernel k;
    static workqueue_struct *wq;
    static work_struct w;
    static bool returned;
    returned = false;
    k.run_task([] {
        wq = alloc_workqueue("selfie", 0, 0);
        INIT_WORK(&w, [](work_struct *) {
            flush_workqueue(wq);
            returned = true;
        });
        queue_work(wq, &w);
        flush_work(&w);
        destroy_workqueue(wq);
        return 0L;
    });
    CHECK(returned);
    CHECK(count_lines(k, "WARNING: possible recursive locking detected") == 1);
    CHECK(count_lines(k, "((wq_completion)selfie){+.+.}-{0:0}, at: __flush_workqueue") == 1);
    CHECK(k.warnings() == 1);
    // Lockdep's own report: the maps process_one_work holds, as Linux 6.1 lists them.
    CHECK(count_lines(k, "but task is already holding lock:") == 1);
    CHECK(count_lines(k, "((wq_completion)selfie){+.+.}-{0:0}, at: process_one_work") == 2);
    CHECK(count_lines(k, "2 locks held by kworker/") == 1);
    CHECK(count_lines(k, " #1: ") == 1);
    CHECK(count_lines(k, "((work_completion)(&w)){+.+.}-{0:0}, at: process_one_work") == 1);
}

TEST_CASE("flush_work under a mutex its work item takes is reported by lockdep as a circular dependency", "[workqueue]")
{
    TestKernel k;
    static struct mutex m;
    static work_struct w;
    static bool flushed;
    flushed = true;
    k.run_task([] {
        mutex_init(&m);
        INIT_WORK(&w, [](work_struct *) {
            mutex_lock(&m);
            mutex_unlock(&m);
        });
        queue_work(system_wq, &w);
        flush_work(&w);  // without the mutex: nothing to report
        mutex_lock(&m);
        flushed = flush_work(&w);  // idle now, but it would deadlock if it were not
        mutex_unlock(&m);
        return 0L;
    });
    CHECK_FALSE(flushed);
    CHECK(count_lines(k, "WARNING: possible circular locking dependency detected") == 1);
    CHECK(count_lines(k, "((work_completion)(&w)){+.+.}-{0:0}, at: flush_work") == 1);
    CHECK(k.warnings() == 1);
}

TEST_CASE("a WQ_MEM_RECLAIM work item flushing a !WQ_MEM_RECLAIM workqueue is warned about", "[workqueue]")
{
    TestKernel k;
    static workqueue_struct *reclaim, *plain;
    static work_struct w, t;
    k.run_task([] {
        reclaim = alloc_workqueue("reclaimer", WQ_MEM_RECLAIM, 0);
        plain = alloc_workqueue("plain", 0, 0);
        INIT_WORK(&t, [](work_struct *) {});
        INIT_WORK(&w, [](work_struct *) {
            flush_workqueue(plain);  // nothing to wait for: no warning
            queue_work(plain, &t);
            flush_workqueue(plain);  // warns, naming no function (%ps of NULL)
            queue_work(plain, &t);
            flush_work(&t);          // WARN_ONCE: not again
        });
        queue_work(reclaim, &w);
        flush_workqueue(reclaim);
        destroy_workqueue(reclaim);
        destroy_workqueue(plain);
        return 0L;
    });
    CHECK(count_lines(k, "workqueue: WQ_MEM_RECLAIM reclaimer:") == 1);
    CHECK(count_lines(k, "is flushing !WQ_MEM_RECLAIM plain:0x0") == 1);
    CHECK(k.warnings() == 1);
}

TEST_CASE("a legacy create_workqueue (WQ_MEM_RECLAIM | __WQ_LEGACY) may flush any workqueue", "[workqueue]")
{
    TestKernel k;
    static workqueue_struct *legacy, *plain;
    static work_struct w;
    k.run_task([] {
        legacy = create_workqueue("legacy");
        plain = create_freezable_workqueue("plainfrz");
        INIT_WORK(&w, [](work_struct *) { flush_workqueue(plain); });
        queue_work(legacy, &w);
        flush_workqueue(legacy);
        destroy_workqueue(legacy);
        destroy_workqueue(plain);
        return 0L;
    });
    CHECK(k.warnings() == 0);
}

TEST_CASE("schedule_on_each_cpu runs the function once on every CPU and current_work names the item", "[workqueue]")
{
    TestKernel k;
    static std::vector<int> cpus;
    static bool named;
    cpus.clear();
    named = true;
    long r = k.run_task([] {
        CHECK(current_work() == nullptr);
        return (long)schedule_on_each_cpu([](work_struct *w) {
            cpus.push_back((int)smp_processor_id());
            named = named && current_work() == w;
        });
    });
    CHECK(r == 0);
    std::sort(cpus.begin(), cpus.end());
    CHECK(cpus == std::vector<int>{0, 1});
    CHECK(named);
}

TEST_CASE("an on-stack work item is flushed before its frame goes away", "[workqueue]")
{
    rec = {};
    TestKernel k;
    k.run_task([] {
        Item s{5, {}, {}};
        INIT_WORK_ONSTACK(&s.work, item_fn);
        queue_work(system_freezable_power_efficient_wq, &s.work);
        CHECK(flush_work(&s.work));
        destroy_work_on_stack(&s.work);
        INIT_DELAYED_WORK_ONSTACK(&s.dwork, ditem_fn);
        queue_delayed_work(system_wq, &s.dwork, 3);
        CHECK(flush_delayed_work(&s.dwork));
        destroy_delayed_work_on_stack(&s.dwork);
        return 0L;
    });
    CHECK(ids() == std::vector<int>{5, 5});
}

TEST_CASE("a kworker running items of two workqueues back to back holds the maps of the item it runs", "[workqueue]")
{
    TestKernel k;
    static workqueue_struct *first, *second;
    static work_struct a, b;
    k.run_task([] {
        first = alloc_workqueue("first", 0, 0);
        second = alloc_workqueue("second", 0, 0);
        INIT_WORK(&a, [](work_struct *) {});
        INIT_WORK(&b, [](work_struct *) { flush_workqueue(second); });
        queue_work_on(0, first, &a);
        queue_work_on(0, second, &b);
        flush_workqueue(first);
        flush_workqueue(second);
        destroy_workqueue(first);
        destroy_workqueue(second);
        return 0L;
    });
    CHECK(count_lines(k, "WARNING: possible recursive locking detected") == 1);
    CHECK(count_lines(k, "((wq_completion)second){+.+.}-{0:0}, at: __flush_workqueue") == 1);
    CHECK(count_lines(k, "2 locks held by kworker/0:") == 1);
    CHECK(count_lines(k, "((work_completion)(&b)){+.+.}-{0:0}, at: process_one_work") == 1);
    CHECK(count_lines(k, "(wq_completion)first") == 0);
    CHECK(k.warnings() == 1);
}
