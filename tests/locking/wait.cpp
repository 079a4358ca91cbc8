// Tests for the wait queues moved out of the bridges (shim/src/locking/wait.cpp): exclusive and priority joins, wait_woken, swait.
#include <functional>
#include <string>
#include <vector>

#include "kshim/testing.hpp"

#include "linux/delay.h"
#include "linux/kthread.h"
#include "linux/sched.h"
#include "linux/swait.h"
#include "linux/wait.h"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include <catch2/catch.hpp>

using kshim::testing::TestKernel;

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
