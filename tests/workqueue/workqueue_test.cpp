// Tests of the CMWQ workqueue engine (shim/src/workqueue): queueing, concurrency, ordering, delayed work, flush, cancel.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "kshim/testing.hpp"
#include "kshim/workqueue_ext.h"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/delay.h"
#include "linux/jiffies.h"
#include "linux/kthread.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "linux/smp.h"
#include "linux/timekeeping.h"
#include "linux/timer.h"
#include "linux/workqueue.h"

using kshim::testing::TestKernel;

namespace {

// What the work functions saw: each run's start/end (ns), CPU and order, and the overlap.
struct Run {
    int id;
    uint64_t start;
    uint64_t end;
    int cpu;
    unsigned long jif;
};

struct Rec {
    std::vector<Run> runs;
    int inside = 0;
    int max_inside = 0;
    int inside_cpu[8] = {};
    int max_inside_cpu = 0;
    int sleep_ms = 0;      // how long each item msleeps
    int busy_ms = 0;       // how long each item busy-waits (mdelay)
    int requeue_left = 0;  // self-requeueing items: how many more times
    bool hide_worker = false;  // items clear PF_WQ_WORKER while they sleep
};
Rec rec;

// A work item that knows its own id.
struct Item {
    int id;
    work_struct work;
    delayed_work dwork;
};

void note_start(int id)
{
    int cpu = (int)smp_processor_id();
    rec.runs.push_back({id, ktime_get_ns(), 0, cpu, jiffies});
    ++rec.inside;
    rec.max_inside = std::max(rec.max_inside, rec.inside);
    ++rec.inside_cpu[cpu];
    rec.max_inside_cpu = std::max(rec.max_inside_cpu, rec.inside_cpu[cpu]);
}

void note_end(size_t idx)
{
    --rec.inside;
    --rec.inside_cpu[rec.runs[idx].cpu];
    rec.runs[idx].end = ktime_get_ns();
}

void item_fn(work_struct *w)
{
    Item *it = container_of(w, Item, work);
    size_t idx = rec.runs.size();
    note_start(it->id);
    if (rec.hide_worker)
        get_current()->flags &= ~PF_WQ_WORKER;
    if (rec.sleep_ms)
        msleep(rec.sleep_ms);
    if (rec.hide_worker)
        get_current()->flags |= PF_WQ_WORKER;
    if (rec.busy_ms)
        mdelay(rec.busy_ms);
    note_end(idx);
}

void ditem_fn(work_struct *w)
{
    Item *it = container_of(to_delayed_work(w), Item, dwork);
    size_t idx = rec.runs.size();
    note_start(it->id);
    if (rec.sleep_ms)
        msleep(rec.sleep_ms);
    note_end(idx);
}

// Re-queues itself rec.requeue_left more times onto the workqueue it ran from.
workqueue_struct *requeue_wq;
void requeue_fn(work_struct *w)
{
    size_t idx = rec.runs.size();
    note_start(0);
    msleep(2);
    note_end(idx);
    if (rec.requeue_left > 0) {
        --rec.requeue_left;
        queue_work(requeue_wq, w);
    }
}

void drequeue_fn(work_struct *w)
{
    size_t idx = rec.runs.size();
    note_start(0);
    msleep(2);
    note_end(idx);
    if (rec.requeue_left > 0) {
        --rec.requeue_left;
        queue_delayed_work(requeue_wq, to_delayed_work(w), 1);
    }
}

std::vector<int> ids()
{
    std::vector<int> out;
    for (const Run &r : rec.runs)
        out.push_back(r.id);
    return out;
}

size_t count_lines(const TestKernel &k, const std::string &needle)
{
    size_t n = 0;
    for (const auto &t : k.log_texts())
        if (t.find(needle) != std::string::npos)
            ++n;
    return n;
}

const uint64_t kMs = 1000000;

}  // namespace

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
    CHECK(rec.runs[2].cpu >= 0);
    CHECK(rec.runs[2].cpu < 2);
}

TEST_CASE("a work function that sleeps lets the next item on its CPU start (concurrency management)", "[workqueue]")
{
    rec = {};
    rec.sleep_ms = 20;
    TestKernel k;
    static Item a{1, {}, {}}, b{2, {}, {}};
    k.run_task([] {
        INIT_WORK(&a.work, item_fn);
        INIT_WORK(&b.work, item_fn);
        queue_work_on(0, system_wq, &a.work);
        queue_work_on(0, system_wq, &b.work);
        flush_work(&a.work);
        flush_work(&b.work);
        return 0L;
    });
    REQUIRE(rec.runs.size() == 2);
    CHECK(rec.runs[1].start < rec.runs[0].end);
    CHECK(rec.max_inside_cpu == 2);
}

TEST_CASE("a worker that clears PF_WQ_WORKER and sleeps still counts as running, so the next item on its CPU waits", "[workqueue]")
{
    for (bool hide : {false, true}) {
        rec = {};
        rec.sleep_ms = 20;
        rec.hide_worker = hide;
        TestKernel k;
        static Item a{1, {}, {}}, b{2, {}, {}};
        k.run_task([] {
            INIT_WORK(&a.work, item_fn);
            INIT_WORK(&b.work, item_fn);
            queue_work_on(0, system_wq, &a.work);
            queue_work_on(0, system_wq, &b.work);
            flush_work(&a.work);
            flush_work(&b.work);
            return 0L;
        });
        REQUIRE(rec.runs.size() == 2);
        if (hide) {
            // The scheduler no longer tells the pool: no other worker is woken, the pool stalls.
            CHECK(rec.runs[1].start == rec.runs[0].end);
            CHECK(rec.max_inside_cpu == 1);
        } else {
            CHECK(rec.runs[1].start == rec.runs[0].start);
            CHECK(rec.max_inside_cpu == 2);
        }
        CHECK(k.warnings() == 0);
    }
}

TEST_CASE("a busy work function holds off the next item on its CPU: one running worker per CPU", "[workqueue]")
{
    rec = {};
    rec.busy_ms = 5;
    TestKernel k;
    static Item a{1, {}, {}}, b{2, {}, {}}, c{3, {}, {}};
    k.run_task([] {
        INIT_WORK(&a.work, item_fn);
        INIT_WORK(&b.work, item_fn);
        INIT_WORK(&c.work, item_fn);
        queue_work_on(0, system_wq, &a.work);
        queue_work_on(0, system_wq, &b.work);
        queue_work_on(1, system_wq, &c.work);  // another CPU's pool is not held off
        flush_workqueue(system_wq);
        return 0L;
    });
    REQUIRE(rec.runs.size() == 3);
    const Run &ra = rec.runs[0];
    auto b_run = std::find_if(rec.runs.begin(), rec.runs.end(), [](const Run &r) { return r.id == 2; });
    auto c_run = std::find_if(rec.runs.begin(), rec.runs.end(), [](const Run &r) { return r.id == 3; });
    CHECK(ra.id == 1);
    CHECK(b_run->start >= ra.end);
    CHECK(c_run->start < ra.end);
    CHECK(rec.max_inside_cpu == 1);
}

TEST_CASE("WQ_CPU_INTENSIVE work does not hold off the next item on its CPU", "[workqueue]")
{
    rec = {};
    rec.busy_ms = 5;
    TestKernel k;
    static Item a{1, {}, {}}, b{2, {}, {}};
    k.run_task([] {
        workqueue_struct *hog = alloc_workqueue("hog", WQ_CPU_INTENSIVE, 0);
        INIT_WORK(&a.work, item_fn);
        INIT_WORK(&b.work, item_fn);
        queue_work_on(0, hog, &a.work);
        queue_work_on(0, system_wq, &b.work);
        flush_work(&a.work);
        flush_work(&b.work);
        destroy_workqueue(hog);
        return 0L;
    });
    REQUIRE(rec.runs.size() == 2);
    CHECK(rec.runs[0].id == 1);
    CHECK(rec.runs[1].start < rec.runs[0].end);
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

TEST_CASE("an unbound workqueue runs sleeping items side by side", "[workqueue]")
{
    rec = {};
    rec.sleep_ms = 10;
    TestKernel k;
    static Item it[3];
    k.run_task([] {
        workqueue_struct *wq = alloc_workqueue("unb", WQ_UNBOUND, 0);
        for (int i = 0; i < 3; ++i) {
            it[i].id = i;
            INIT_WORK(&it[i].work, item_fn);
            CHECK(queue_work_node(0, wq, &it[i].work));
        }
        flush_workqueue(wq);
        destroy_workqueue(wq);
        return 0L;
    });
    REQUIRE(rec.runs.size() == 3);
    CHECK(rec.max_inside == 3);
    for (const Run &r : rec.runs)
        CHECK(r.start < rec.runs[0].end);
}

TEST_CASE("high-priority work on a CPU runs before normal work queued there earlier", "[workqueue]")
{
    rec = {};
    TestKernel k;
    static Item n1{1, {}, {}}, n2{2, {}, {}}, h1{3, {}, {}}, h2{4, {}, {}};
    k.run_task([] {
        workqueue_struct *hi = alloc_workqueue("hi", WQ_HIGHPRI, 0);
        INIT_WORK(&n1.work, item_fn);
        INIT_WORK(&n2.work, item_fn);
        INIT_WORK(&h1.work, item_fn);
        INIT_WORK(&h2.work, item_fn);
        queue_work_on(0, system_wq, &n1.work);
        queue_work_on(0, system_long_wq, &n2.work);
        queue_work_on(0, system_highpri_wq, &h1.work);
        queue_work_on(0, hi, &h2.work);
        msleep(10);
        destroy_workqueue(hi);
        return 0L;
    });
    CHECK(ids() == std::vector<int>{3, 4, 1, 2});
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
    CHECK(j1 - j0 < 2);
    REQUIRE(rec.runs.size() == 1);  // the timer is gone: no second run
    CHECK(rec.runs[0].cpu == 1);
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
        static work_struct later;
        INIT_WORK(&later, item_fn);
        CHECK(queue_work(wq, &later));
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
    CHECK(st.longest_wait_ns < 21 * kMs);
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
    CHECK(k.log_contains("invalid -> canceling is not a valid state change"));
    CHECK(k.log_contains("canceling -> queued active is not a valid state change"));
    CHECK(ids() == std::vector<int>{1});
}
