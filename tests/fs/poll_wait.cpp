// PollWaiters (shim/src/fs/poll_wait.cpp): poll_wait entries that call back on each wake-up until cleared; registration stops after the first pass.
#include <catch2/catch.hpp>

#include "fs/poll_wait.hpp"
#include "kshim/testing.hpp"

#include "linux/poll.h"
#include "linux/wait.h"

TEST_CASE("A poll_wait through PollWaiters calls back on every wake of the queue until cleared", "[fs]")
{
    kshim::testing::TestKernel k;
    long r = k.run_task([] {
        wait_queue_head_t q;
        init_waitqueue_head(&q);
        int woken = 0;
        kshim::PollWaiters pw([&] { ++woken; });
        poll_wait(nullptr, &q, pw.table());
        long bad = !waitqueue_active(&q);
        wake_up(&q);
        wake_up_interruptible(&q);
        bad += woken != 2;
        pw.clear();
        bad += waitqueue_active(&q);
        wake_up(&q);
        bad += woken != 2;
        pw.stop_registering();
        poll_wait(nullptr, &q, pw.table());   // a later pass of do_poll registers nothing
        bad += waitqueue_active(&q);
        return bad;
    });
    CHECK(r == 0);
}

TEST_CASE("PollWaiters leave the queues when they go, and carry the events asked for", "[fs]")
{
    kshim::testing::TestKernel k;
    long r = k.run_task([] {
        wait_queue_head_t q;
        init_waitqueue_head(&q);
        long bad = 0;
        {
            kshim::PollWaiters pw([] {});
            pw.set_events(EPOLLIN);
            bad += poll_requested_events(pw.table()) != EPOLLIN;
            poll_wait(nullptr, &q, pw.table());
            poll_wait(nullptr, &q, pw.table());
            bad += !waitqueue_active(&q);
        }
        bad += waitqueue_active(&q);
        return bad;
    });
    CHECK(r == 0);
}
