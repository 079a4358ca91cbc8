// Tests for kthread_worker (shim/src/kthread/kthread_worker.cpp): FIFO order, queue and cancel results, delayed work timing, flush, destroy; and the module against the real kernel.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "kernel.hpp"
#include "kshim/testing.hpp"
#include "support/oracle.hpp"

#include "linux/delay.h"
#include "linux/jiffies.h"
#include "linux/kthread.h"
#include "linux/ktime.h"
#include "linux/preempt.h"
#include "linux/sched.h"
#include "asm/current.h"

// Catch2 has its own WARN.
#undef WARN
#include <catch2/catch.hpp>

using kshim::testing::TestKernel;
using kshim_test::ProcResult;
using kshim_test::run_process;
using kshim_test::test_runner;

namespace {

constexpr uint64_t kMs = 1'000'000;

struct Item {
    kthread_work work;
    int id;
};
struct DItem {
    kthread_delayed_work dwork;
    int id;
};

std::vector<int> ran;
std::vector<uint64_t> ran_at;
kthread_worker *the_worker = nullptr;
int in_task_seen = -1;

void note(kthread_work *w)
{
    ran.push_back(container_of(w, Item, work)->id);
    in_task_seen = in_task() && get_current() == the_worker->task;
}

void note_delayed(kthread_work *w)
{
    ran.push_back(container_of(w, DItem, dwork.work)->id);
    ran_at.push_back((uint64_t)ktime_get());
}

void note_slow(kthread_work *w)
{
    msleep(10);
    ran.push_back(container_of(w, Item, work)->id);
}

void reset()
{
    ran.clear();
    ran_at.clear();
    in_task_seen = -1;
}

}  // namespace

TEST_CASE("A kthread_worker runs its work in FIFO order in its own task, named as kthread_create_worker formats it", "[kthread]")
{
    TestKernel k;
    reset();
    static Item items[4];
    k.run_task([] {
        the_worker = kthread_create_worker(0, "kw/%s-%d", "test", 3);
        REQUIRE_FALSE(IS_ERR(the_worker));
        CHECK(std::string(the_worker->task->comm) == "kw/test-3");
        for (int i = 0; i < 4; ++i) {
            kthread_init_work(&items[i].work, note);
            items[i].id = i;
        }
        CHECK(kthread_queue_work(the_worker, &items[2].work));
        CHECK_FALSE(kthread_queue_work(the_worker, &items[2].work));
        CHECK(kthread_queue_work(the_worker, &items[0].work));
        CHECK(kthread_queue_work(the_worker, &items[3].work));
        kthread_flush_worker(the_worker);
        kthread_destroy_worker(the_worker);
        return 0L;
    });
    CHECK(ran == std::vector<int>{2, 0, 3});
    CHECK(in_task_seen == 1);
    CHECK(k.live_allocations() == 0);
    CHECK(k.warnings() == 0);
}

TEST_CASE("Delayed kthread work runs after its delay; mod_delayed_work moves it and says whether it was pending", "[kthread]")
{
    TestKernel k;
    reset();
    static DItem d;
    uint64_t start = k.now_ns();
    k.run_task([] {
        the_worker = kthread_create_worker_on_cpu(1, 0, "kw_cpu%d", 1);
        kthread_init_delayed_work(&d.dwork, note_delayed);
        d.id = 7;
        CHECK(kthread_queue_delayed_work(the_worker, &d.dwork, 10));
        CHECK_FALSE(kthread_queue_delayed_work(the_worker, &d.dwork, 10));
        CHECK(kthread_mod_delayed_work(the_worker, &d.dwork, 50));
        return 0L;
    });
    k.run_for(1000 * kMs);
    REQUIRE(ran == std::vector<int>{7});
    // 50 jiffies of 4 ms, and the wheel's one-jiffy lateness at level 0 is not applied to 50:
    // it fires within the level-1 granularity after 200 ms.
    CHECK(ran_at[0] >= start + 200 * kMs);
    CHECK(ran_at[0] <= start + 240 * kMs);
    k.run_task([] {
        CHECK_FALSE(kthread_cancel_delayed_work_sync(&d.dwork));
        kthread_destroy_worker(the_worker);
        return 0L;
    });
}

TEST_CASE("kthread_cancel_work_sync waits for a running work and returns whether it was pending", "[kthread]")
{
    TestKernel k;
    reset();
    static Item slow, queued;
    static bool cancel_running = true, cancel_queued = false;
    k.run_task([] {
        the_worker = kthread_create_worker(0, "kw_cancel");
        kthread_init_work(&slow.work, note_slow);
        kthread_init_work(&queued.work, note);
        slow.id = 1;
        queued.id = 2;
        kthread_queue_work(the_worker, &slow.work);
        kthread_queue_work(the_worker, &queued.work);
        msleep(1);   // slow is running now, queued waits behind it
        cancel_queued = kthread_cancel_work_sync(&queued.work);
        cancel_running = kthread_cancel_work_sync(&slow.work);
        CHECK(ran == std::vector<int>{1});   // waited for slow to finish
        kthread_destroy_worker(the_worker);
        return 0L;
    });
    CHECK(cancel_queued);
    CHECK_FALSE(cancel_running);
    CHECK(ran == std::vector<int>{1});
}

TEST_CASE("Queueing one kthread_work on a second worker warns as 6.1 does", "[kthread]")
{
    TestKernel k;
    reset();
    static Item item;
    k.run_task([] {
        kthread_worker *w1 = kthread_create_worker(0, "kw1");
        kthread_worker *w2 = kthread_create_worker(0, "kw2");
        the_worker = w1;
        kthread_init_work(&item.work, note);
        kthread_queue_work(w1, &item.work);
        kthread_flush_worker(w1);
        kthread_queue_work(w2, &item.work);
        kthread_flush_worker(w2);
        kthread_destroy_worker(w1);
        kthread_destroy_worker(w2);
        return 0L;
    });
    CHECK(k.warnings() == 1);
    CHECK(k.log_contains("kernel/kthread.c:975"));
}

TEST_CASE("The kthread_worker_demo module prints the real kernel's lines in the kernel's order", "[kthread]")
{
    ProcResult r;
    ProcResult c = kshim_test::compare_with_oracle("kthread_worker_demo", "1s", r);
    REQUIRE(r.exit_code == 0);
    INFO(r.out << r.err << c.out << c.err);
    CHECK(c.exit_code == 0);
}
