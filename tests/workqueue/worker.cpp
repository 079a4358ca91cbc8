// Tests of shim/src/workqueue/worker.cpp: kworkers, concurrency management, PF_WQ_WORKER, running items (leaks, self-freeing).
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

namespace {

// Two items queued on CPU 0's system_wq pool, each sleeping 20 ms (hiding its PF_WQ_WORKER flag
// meanwhile when asked); flushed from a test task.
void two_sleepers_on_cpu0(TestKernel &k, bool hide_worker)
{
    rec = {};
    rec.sleep_ms = 20;
    rec.hide_worker = hide_worker;
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
}

}  // namespace

TEST_CASE("a work function that sleeps lets the next item on its CPU start (concurrency management)", "[workqueue]")
{
    TestKernel k;
    two_sleepers_on_cpu0(k, false);
    REQUIRE(rec.runs.size() == 2);
    CHECK(rec.runs[1].start < rec.runs[0].end);
    // The flag kept: the pool wakes a second worker as soon as the first sleeps.
    CHECK(rec.runs[1].start == rec.runs[0].start);
    CHECK(rec.max_inside_cpu == 2);
    CHECK(k.warnings() == 0);
}

TEST_CASE("a worker that clears PF_WQ_WORKER and sleeps still counts as running, so the next item on its CPU waits", "[workqueue]")
{
    TestKernel k;
    two_sleepers_on_cpu0(k, true);
    REQUIRE(rec.runs.size() == 2);
    // The scheduler no longer tells the pool: no other worker is woken, the pool stalls.
    CHECK(rec.runs[1].start == rec.runs[0].end);
    CHECK(rec.max_inside_cpu == 1);
    CHECK(k.warnings() == 0);
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

TEST_CASE("work functions may free their own work items, even when the memory is reused at once", "[workqueue]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("wq_free_self"), {"rounds=8"}) == 0);
    REQUIRE(k.run_until_idle());
    auto texts = k.log_texts();
    for (int n = 0; n < 8; ++n)
        CHECK(find_line(texts, "job " + std::to_string(n) + " freed itself") >= 0);
    CHECK(count_lines(k, "refused") == 0);
    auto u = k.unload("wq_free_self");
    CHECK(u.error == 0);
    CHECK(u.leaks == 0);
    CHECK(k.bugs() == 0);
    CHECK(k.warnings() == 0);
}

TEST_CASE("a work function that leaks preemption or a lock is reported with the kernel's BUG text", "[workqueue]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("wq_leak")) == 0);
    k.run_until_idle();
    auto texts = k.log_texts();
    long first = -1, second = -1;
    for (size_t i = 0; i < texts.size(); ++i) {
        if (texts[i].rfind("BUG: workqueue leaked lock or atomic: kworker/0:", 0) == 0 && first < 0)
            first = (long)i;
        if (texts[i].rfind("BUG: workqueue leaked lock or atomic: kworker/1:", 0) == 0)
            second = (long)i;
    }
    REQUIRE(first >= 0);
    REQUIRE(second >= 0);
    // comm/preempt_count/pid, then the function's name.
    CHECK(texts[first].find("/0x00000001/") != std::string::npos);
    CHECK(texts[first + 1] == "     last function: leak_atomic_fn [wq_leak]");
    CHECK(texts[second].find("/0x00000001/") != std::string::npos);
    CHECK(texts[second + 1] == "     last function: leak_lock_fn [wq_leak]");
    CHECK(k.bugs() >= 2);
    // The worker goes on with a clean count afterwards.
    CHECK(find_line(texts, "clean work ran with preempt_count 0") >= 0);
}
