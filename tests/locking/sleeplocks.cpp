// Tests for shim/src/locking/sleeplocks.cpp: mutexes, completions, semaphores and rw_semaphores.
#include <climits>
#include <string>
#include <vector>

#include "kshim/testing.hpp"
#include "support/kthread_fn.hpp"

#include "linux/atomic.h"
#include "linux/completion.h"
#include "linux/delay.h"
#include "linux/lockdep.h"
#include "linux/mutex.h"
#include "linux/rwsem.h"
#include "linux/sched/signal.h"
#include "linux/semaphore.h"
#include "linux/signal.h"

// Catch2 has its own WARN.
#undef WARN
#include <catch2/catch.hpp>

using kshim::testing::TestKernel;
using kshim_test::start;
using kshim_test::Thread;

TEST_CASE("a contended mutex hands over to its sleepers in FIFO order", "[locking]")
{
    TestKernel k;
    static DEFINE_MUTEX(m);
    std::vector<int> order;
    k.run_task([&] {
        mutex_init(&m);
        mutex_lock(&m);
        Thread th[3];
        for (int i = 0; i < 3; ++i) {
            th[i].fn = [&order, i] {
                mutex_lock(&m);
                order.push_back(i);
                msleep(1);
                mutex_unlock(&m);
            };
            start(th[i], "locker");
        }
        msleep(20);   // every locker is now asleep on the mutex
        CHECK(order.empty());
        CHECK(mutex_is_locked(&m));
        mutex_unlock(&m);
        msleep(100);
        return 0L;
    });
    CHECK(order == std::vector<int>{0, 1, 2});
    CHECK(k.bugs() == 0);
    CHECK(k.warnings() == 0);
}

TEST_CASE("mutex_trylock returns 1 on success and 0 when the mutex is held", "[locking]")
{
    TestKernel k;
    k.run_task([] {
        struct mutex m;
        mutex_init(&m);
        CHECK_FALSE(mutex_is_locked(&m));
        CHECK(mutex_trylock(&m) == 1);
        CHECK(mutex_is_locked(&m));
        CHECK(kshim_lockdep_depth() == 1);
        lockdep_assert_held(&m);
        mutex_unlock(&m);
        CHECK(kshim_lockdep_depth() == 0);
        CHECK(mutex_lock_interruptible(&m) == 0);
        Thread other;
        int got = -1;
        other.fn = [&] { got = mutex_trylock(&m); };
        start(other, "other");
        msleep(5);
        CHECK(got == 0);
        mutex_unlock(&m);
        mutex_destroy(&m);
        return 0L;
    });
    CHECK(k.warnings() == 0);
}

TEST_CASE("unlocking a mutex that is not locked gives the DEBUG_LOCKS_WARN_ON warning when lockdep's report is silenced", "[locking]")
{
    // With lockdep's report on, "bad unlock balance" comes first and turns this check off.
    kshim::testing::Config cfg;
    cfg.no_detectors = {"bad-unlock-balance"};
    TestKernel k(cfg);
    k.run_task([] {
        struct mutex m;
        mutex_init(&m);
        mutex_unlock(&m);
        return 0L;
    });
    CHECK(k.warnings() == 1);
    CHECK(k.log_contains("DEBUG_LOCKS_WARN_ON(__owner_task(owner) != current)"));
    CHECK(k.log_contains("WARNING: CPU: 0 PID: 100 at kernel/locking/mutex.c:941 mutex_unlock+"));
}

TEST_CASE("complete before wait_for_completion lets the wait return at once", "[locking]")
{
    TestKernel k;
    k.run_task([&] {
        DECLARE_COMPLETION_ONSTACK(c);
        complete(&c);
        CHECK(completion_done(&c));
        unsigned long t0 = jiffies;
        wait_for_completion(&c);
        CHECK(jiffies == t0);
        CHECK_FALSE(completion_done(&c));
        CHECK_FALSE(try_wait_for_completion(&c));
        complete(&c);
        complete(&c);
        CHECK(try_wait_for_completion(&c));
        CHECK(wait_for_completion_timeout(&c, 10) == 10);
        CHECK_FALSE(try_wait_for_completion(&c));
        return 0L;
    });
}

TEST_CASE("wait_for_completion_timeout returns 0 after the timeout in jiffies", "[locking]")
{
    TestKernel k;
    k.run_task([] {
        struct completion c;
        init_completion(&c);
        unsigned long t0 = jiffies;
        CHECK(wait_for_completion_timeout(&c, 10) == 0);
        CHECK(jiffies - t0 == 11);   // level-0 timer wheel: one jiffy late
        Thread th;
        th.fn = [&c] {
            msleep(20);
            complete(&c);
        };
        start(th, "completer");
        unsigned long left = wait_for_completion_timeout(&c, 100);
        CHECK(left == 93);   // the completer's msleep(20) takes 7 jiffies
        return 0L;
    });
}

TEST_CASE("complete wakes one waiter in FIFO order and complete_all wakes every waiter", "[locking]")
{
    TestKernel k;
    std::vector<int> woke;
    k.run_task([&] {
        static struct completion c;
        init_completion(&c);
        Thread th[3];
        for (int i = 0; i < 3; ++i) {
            th[i].fn = [&woke, i] {
                wait_for_completion(&c);
                woke.push_back(i);
            };
            start(th[i], "waiter");
        }
        msleep(5);
        complete(&c);
        msleep(5);
        CHECK(woke == std::vector<int>{0});
        complete_all(&c);
        msleep(5);
        CHECK(woke == std::vector<int>{0, 1, 2});
        CHECK(c.done == UINT_MAX);
        wait_for_completion(&c);   // stays complete
        reinit_completion(&c);
        CHECK_FALSE(completion_done(&c));
        return 0L;
    });
}

TEST_CASE("semaphores count: down takes, down_trylock returns 0 on success, up hands over", "[locking]")
{
    TestKernel k;
    std::vector<int> order;
    k.run_task([&] {
        static struct semaphore s;
        sema_init(&s, 2);
        down(&s);
        CHECK(down_trylock(&s) == 0);
        CHECK(s.count == 0);
        CHECK(down_trylock(&s) == 1);
        unsigned long t0 = jiffies;
        CHECK(down_timeout(&s, 5) == -ETIME);
        CHECK(jiffies - t0 == 6);   // as on Linux 6.1 (kernel-oracle)
        Thread th[2];
        for (int i = 0; i < 2; ++i) {
            th[i].fn = [&order, i] {
                CHECK(down_interruptible(&s) == 0);
                order.push_back(i);
            };
            start(th[i], "downer");
        }
        msleep(2);
        CHECK(order.empty());
        up(&s);
        msleep(2);
        CHECK(order == std::vector<int>{0});
        CHECK(s.count == 0);   // handed to the waiter, not counted
        up(&s);
        up(&s);
        msleep(2);
        CHECK(order == std::vector<int>{0, 1});
        CHECK(s.count == 1);
        return 0L;
    });
    CHECK(k.bugs() == 0);
}

TEST_CASE("rw_semaphores share readers, exclude writers and queue readers behind a waiting writer", "[locking]")
{
    TestKernel k;
    std::vector<std::string> events;
    k.run_task([&] {
        static DECLARE_RWSEM(sem);
        down_read(&sem);
        CHECK(down_read_trylock(&sem) == 1);
        up_read(&sem);
        CHECK(down_write_trylock(&sem) == 0);
        Thread writer, reader;
        writer.fn = [&] {
            down_write(&sem);
            events.push_back("writer");
            msleep(1);
            up_write(&sem);
        };
        reader.fn = [&] {
            down_read(&sem);
            events.push_back("reader");
            up_read(&sem);
        };
        start(writer, "writer");
        msleep(1);
        start(reader, "reader");
        msleep(1);
        CHECK(events.empty());
        CHECK(rwsem_is_contended(&sem));
        CHECK(down_read_trylock(&sem) == 0);
        up_read(&sem);
        msleep(5);
        CHECK(events == std::vector<std::string>{"writer", "reader"});
        down_write(&sem);
        downgrade_write(&sem);
        CHECK(down_read_trylock(&sem) == 1);
        up_read(&sem);
        up_read(&sem);
        CHECK_FALSE(rwsem_is_locked(&sem));
        return 0L;
    });
    CHECK(k.warnings() == 0);
}


TEST_CASE("atomic_dec_and_mutex_lock takes the mutex only for the last reference", "[locking]")
{
    TestKernel k;
    int first = -1, last = -1;
    bool held_after_last = false, held_after_first = true;
    k.run_task([&] {
        static DEFINE_MUTEX(m);
        atomic_t refs = ATOMIC_INIT(2);
        first = atomic_dec_and_mutex_lock(&refs, &m);
        held_after_first = mutex_is_locked(&m);
        last = atomic_dec_and_mutex_lock(&refs, &m);
        held_after_last = mutex_is_locked(&m);
        CHECK(atomic_read(&refs) == 0);
        mutex_unlock(&m);
        return 0L;
    });
    CHECK(first == 0);
    CHECK_FALSE(held_after_first);
    CHECK(last == 1);
    CHECK(held_after_last);
    CHECK(k.warnings() == 0);
}

TEST_CASE("mutex_destroy of a locked mutex warns as DEBUG_MUTEXES does", "[locking]")
{
    TestKernel k;
    k.run_task([] {
        static DEFINE_MUTEX(quiet);
        mutex_destroy(&quiet);             // unlocked: no warning
        static DEFINE_MUTEX(busy);
        mutex_lock(&busy);
        mutex_destroy(&busy);
        return 0L;
    });
    CHECK(k.warnings() == 1);
    CHECK(k.log_contains("DEBUG_LOCKS_WARN_ON(mutex_is_locked(lock))"));
    CHECK(k.log_contains("kernel/locking/mutex-debug.c:103"));
}

TEST_CASE("a pending signal ends mutex, semaphore and rwsem interruptible waits with -EINTR and the lock stays the holder's", "[locking][signal]")
{
    TestKernel k;
    static DEFINE_MUTEX(m);
    static struct semaphore sem;
    static DECLARE_RWSEM(rw);
    struct Result {
        int mutex_intr = 1, mutex_kill_usr = 1, sem_intr = 1, rwsem_write = 1, rwsem_read_after = 1;
    } r;
    k.run_task([&] {
        sema_init(&sem, 0);
        mutex_lock(&m);
        down_read(&rw);
        Thread waiter;
        waiter.fn = [&r] {
            allow_signal(SIGUSR1);
            allow_signal(SIGKILL);
            r.mutex_intr = mutex_lock_interruptible(&m);
            flush_signals(get_current());
            // A killable wait lets SIGUSR1 pass it by: it sleeps on until the unlock.
            r.mutex_kill_usr = mutex_lock_killable(&m);
            mutex_unlock(&m);
            r.sem_intr = down_interruptible(&sem);
            flush_signals(get_current());
            r.rwsem_write = down_write_killable(&rw);
        };
        task_struct *t = start(waiter, "waiter");
        msleep(5);
        send_sig(SIGUSR1, t, 0);         // ends mutex_lock_interruptible
        msleep(5);
        send_sig(SIGUSR1, t, 0);         // ignored by mutex_lock_killable
        msleep(5);
        CHECK(r.mutex_kill_usr == 1);    // still waiting
        CHECK(mutex_is_locked(&m));
        mutex_unlock(&m);
        msleep(5);
        send_sig(SIGUSR1, t, 0);         // ends down_interruptible
        msleep(5);
        send_sig(SIGKILL, t, 0);         // ends down_write_killable
        msleep(5);
        // The writer gave up: a new reader is not held back behind it.
        r.rwsem_read_after = down_read_trylock(&rw);
        up_read(&rw);
        up_read(&rw);
        return 0L;
    });
    CHECK(r.mutex_intr == -EINTR);
    CHECK(r.mutex_kill_usr == 0);
    CHECK(r.sem_intr == -EINTR);
    CHECK(r.rwsem_write == -EINTR);
    CHECK(r.rwsem_read_after == 1);
    CHECK(k.bugs() == 0);
    CHECK(k.warnings() == 0);
}
