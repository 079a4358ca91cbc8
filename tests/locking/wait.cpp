// Tests for shim/src/locking/wait.cpp: wait queues, wait_event and the wake-up functions.
#include <functional>
#include <string>
#include <vector>

#include "kshim/testing.hpp"
#include "support/sanitizer.hpp"
#include "support/kthread_fn.hpp"
#include "support/subprocess.hpp"

#include "linux/delay.h"
#include "linux/kthread.h"
#include "linux/sched.h"
#include "linux/swait.h"
#include "linux/wait.h"

// Catch2 has its own WARN.
#undef WARN
#include <catch2/catch.hpp>

using kshim::testing::TestKernel;
using kshim_test::start;
using kshim_test::Thread;
using kshim_test::test_module;

TEST_CASE("wait_event_timeout on a false condition returns 0 after the rounded timeout", "[locking]")
{
    TestKernel k;
    k.run_task([] {
        DECLARE_WAIT_QUEUE_HEAD_ONSTACK(wq);
        unsigned long t0 = jiffies;
        long r = wait_event_timeout(wq, 0, 10);
        CHECK(r == 0);
        CHECK(jiffies - t0 >= 10);
        CHECK(jiffies - t0 == 11);
        CHECK(wait_event_timeout(wq, 1, 10) == 10);
        CHECK(wait_event_timeout(wq, 1, 0) == 1);
        CHECK(wait_event_interruptible_timeout(wq, 0, 3) == 0);
        return 0L;
    });
}

TEST_CASE("wait_event re-checks its condition after every wake-up", "[locking]")
{
    TestKernel k;
    int checks = 0, value = 0;
    bool done = false;
    k.run_task([&] {
        static DECLARE_WAIT_QUEUE_HEAD(wq);
        Thread th;
        th.fn = [&] {
            wait_event(wq, (++checks, value >= 3));
            done = true;
        };
        start(th, "waiter");
        msleep(1);
        CHECK(waitqueue_active(&wq));
        for (int i = 0; i < 3; ++i) {
            ++value;
            wake_up(&wq);
            msleep(1);
        }
        CHECK(done);
        CHECK_FALSE(waitqueue_active(&wq));
        long left = 0;
        Thread t2;
        t2.fn = [&] { left = wait_event_timeout(wq, value >= 4, 100); };
        start(t2, "timed");
        msleep(8);
        value = 4;
        wake_up_all(&wq);
        msleep(1);
        CHECK(left == 96);   // msleep(8) takes 4 jiffies
        return 0L;
    });
    CHECK(checks == 5);   // before queueing, after queueing, after each of 3 wake-ups
}

TEST_CASE("wake_up wakes one exclusive waiter at a time in FIFO order, wake_up_all all of them", "[locking]")
{
    TestKernel k;
    std::vector<int> woke;
    k.run_task([&] {
        static DECLARE_WAIT_QUEUE_HEAD(wq);
        static int tokens;
        tokens = 0;
        Thread th[3];
        for (int i = 0; i < 3; ++i) {
            th[i].fn = [&woke, i] {
                DEFINE_WAIT(w);
                for (;;) {
                    prepare_to_wait_exclusive(&wq, &w, TASK_UNINTERRUPTIBLE);
                    if (tokens > 0)
                        break;
                    schedule();
                }
                finish_wait(&wq, &w);
                --tokens;
                woke.push_back(i);
            };
            start(th[i], "excl");
        }
        msleep(2);
        ++tokens;
        wake_up(&wq);
        msleep(2);
        CHECK(woke == std::vector<int>{0});
        tokens += 2;
        wake_up_nr(&wq, 2);
        msleep(2);
        CHECK(woke == std::vector<int>{0, 1, 2});
        return 0L;
    });
}

TEST_CASE("add_wait_queue with a custom wake function sees every wake-up", "[locking]")
{
    TestKernel k;
    static int calls;
    calls = 0;
    k.run_task([] {
        DECLARE_WAIT_QUEUE_HEAD_ONSTACK(wq);
        struct wait_queue_entry e;
        init_waitqueue_func_entry(&e, [](struct wait_queue_entry *, unsigned, int, void *) {
            ++calls;
            return 0;
        });
        add_wait_queue(&wq, &e);
        CHECK(wq_has_sleeper(&wq));
        wake_up(&wq);
        wake_up_interruptible_all(&wq);
        remove_wait_queue(&wq, &e);
        wake_up(&wq);
        CHECK_FALSE(waitqueue_active(&wq));
        return 0L;
    });
    CHECK(calls == 2);
}

TEST_CASE("a module's wait_event, completion, kthread_complete_and_exit and kfree_rcu work together", "[locking]")
{
    TestKernel k;
    size_t before = k.live_allocations();
    REQUIRE(k.load(test_module("locking_waitq")) == 0);
    CHECK(k.log_contains("locking_waitq: saw 2"));
    CHECK(k.log_contains("locking_waitq: timeout left 0"));
    CHECK(k.log_contains("locking_waitq: producer done"));
    auto r = k.unload("locking_waitq");
    CHECK(r.error == 0);
    k.run_until_idle();
    CHECK(k.live_allocations() == before);
    CHECK(k.bugs() == 0);
    CHECK(k.warnings() == 0);
}


namespace {

std::vector<int> woken;

// A wake function that records which entry it was called for (the entry's flags hold its id).
int record_wake(struct wait_queue_entry *e, unsigned, int, void *)
{
    woken.push_back((int)(e->flags >> 8));
    return 1;
}

void entry(struct wait_queue_entry &e, int id)
{
    init_waitqueue_func_entry(&e, record_wake);
    e.flags = (unsigned)id << 8;
}

}  // namespace

TEST_CASE("wake_up calls shared and priority entries first and one exclusive entry, in queue order", "[locking]")
{
    TestKernel k;
    woken.clear();
    k.run_task([] {
        DECLARE_WAIT_QUEUE_HEAD_ONSTACK(wq);
        struct wait_queue_entry a, b, c, d;
        entry(a, 1);
        entry(b, 2);
        entry(c, 3);
        entry(d, 4);
        add_wait_queue_exclusive(&wq, &a);   // tail
        add_wait_queue(&wq, &b);             // head
        add_wait_queue_exclusive(&wq, &c);   // tail
        add_wait_queue_priority(&wq, &d);    // head, and exclusive
        CHECK((d.flags & (WQ_FLAG_EXCLUSIVE | WQ_FLAG_PRIORITY)) == (WQ_FLAG_EXCLUSIVE | WQ_FLAG_PRIORITY));
        CHECK_FALSE(b.flags & WQ_FLAG_EXCLUSIVE);
        wake_up(&wq);                        // d is exclusive and agrees: it stops the walk
        wake_up_all(&wq);
        remove_wait_queue(&wq, &a);
        remove_wait_queue(&wq, &b);
        remove_wait_queue(&wq, &c);
        remove_wait_queue(&wq, &d);
        return 0L;
    });
    CHECK(woken == std::vector<int>{4, 4, 2, 1, 3});
}

TEST_CASE("prepare_to_wait_exclusive says whether the queue was empty and queues an entry once", "[locking]")
{
    TestKernel k;
    std::vector<bool> empty;
    k.run_task([&] {
        DECLARE_WAIT_QUEUE_HEAD_ONSTACK(wq);
        DEFINE_WAIT(w1);
        DEFINE_WAIT(w2);
        empty.push_back(prepare_to_wait_exclusive(&wq, &w1, TASK_UNINTERRUPTIBLE));
        empty.push_back(prepare_to_wait_exclusive(&wq, &w1, TASK_UNINTERRUPTIBLE));  // already queued
        empty.push_back(prepare_to_wait_exclusive(&wq, &w2, TASK_UNINTERRUPTIBLE));
        CHECK(get_current()->__state == TASK_UNINTERRUPTIBLE);
        finish_wait(&wq, &w1);
        finish_wait(&wq, &w2);
        CHECK(get_current()->__state == TASK_RUNNING);
        CHECK_FALSE(waitqueue_active(&wq));
        return 0L;
    });
    CHECK(empty == std::vector<bool>{true, false, false});
}

TEST_CASE("wait_woken returns at once after woken_wake_function ran and sleeps out its timeout otherwise", "[locking]")
{
    TestKernel k;
    long quick = -1, slow = -1;
    k.run_task([&] {
        DECLARE_WAIT_QUEUE_HEAD_ONSTACK(wq);
        DEFINE_WAIT_FUNC(w, woken_wake_function);
        add_wait_queue(&wq, &w);
        wake_up(&wq);                                          // marks w woken
        quick = wait_woken(&w, TASK_UNINTERRUPTIBLE, 10);      // no sleep, flag consumed
        slow = wait_woken(&w, TASK_UNINTERRUPTIBLE, 10);       // nobody wakes it
        remove_wait_queue(&wq, &w);
        return 0L;
    });
    CHECK(quick == 10);
    CHECK(slow == 0);
}

TEST_CASE("swake_up_one wakes the first swait waiter, swake_up_all the rest", "[locking]")
{
    TestKernel k;
    static struct swait_queue_head q;
    static std::vector<int> order;
    order.clear();
    k.run_task([] {
        init_swait_queue_head(&q);
        auto waiter = [](void *id) -> int {
            struct swait_queue w;
            w.task = get_current();
            INIT_LIST_HEAD(&w.task_list);
            prepare_to_swait_exclusive(&q, &w, TASK_UNINTERRUPTIBLE);
            schedule();
            finish_swait(&q, &w);
            order.push_back((int)(long)id);
            return 0;
        };
        for (long i = 1; i <= 3; ++i)
            kthread_run(waiter, (void *)i, "swaiter%ld", i);
        msleep(1);
        CHECK(swait_active(&q));
        swake_up_one(&q);
        msleep(1);
        CHECK(order == std::vector<int>{1});
        swake_up_all(&q);
        msleep(1);
        CHECK_FALSE(swait_active(&q));
        return 0L;
    });
    CHECK(order == std::vector<int>{1, 2, 3});
}

TEST_CASE("A wait-queue head freed under its waiter is reported as spinlock bad magic and kshim neither crashes nor walks its lists", "[locking]")
{
    KSHIM_SKIP_UNDER_ASAN("the module frees the head its waiter sleeps on: ASan reports the first read of it");
    kshim::testing::Config cfg;
    cfg.kfence_sample_ms = 0;  // SLUB debug's poison is what the report reads (KFENCE: tests/mm/kfence.cpp)
    kshim::testing::TestKernel k(cfg);
    REQUIRE(k.load(kshim_test::test_module("odebug_waitq_free")) == 0);  // init waits up to 1 s
    CHECK(k.log_contains("odebug_waitq_free: woke"));
    CHECK(k.log_contains("BUG: spinlock bad magic on CPU#"));
    CHECK(k.log_contains(".magic: 6b6b6b6b, .owner: <none>/-1"));  // the poison, read but not followed
    CHECK(k.bugs() == 1);
    k.unload("odebug_waitq_free");
}
