// Tests of the locking subsystem: spinlocks, mutexes, semaphores, rwsems, wait queues, completions, RCU, lockdep.
#include <algorithm>
#include <climits>
#include <functional>
#include <string>
#include <vector>

#include "kshim/testing.hpp"

#include "linux/completion.h"
#include "linux/delay.h"
#include "linux/kthread.h"
#include "linux/lockdep.h"
#include "linux/mutex.h"
#include "linux/rcupdate.h"
#include "linux/rwsem.h"
#include "linux/semaphore.h"
#include "linux/slab.h"
#include "linux/spinlock.h"
#include "linux/wait.h"

// Catch2 has its own WARN.
#undef WARN
#include <catch2/catch.hpp>

using kshim::testing::TestKernel;

namespace {

std::string module_path(const char *name) { return std::string(KSHIM_TEST_MODULES) + "/" + name + ".ko"; }

size_t count_lines(const TestKernel &k, const std::string &needle)
{
    size_t n = 0;
    for (const auto &t : k.log_texts())
        if (t.find(needle) != std::string::npos)
            ++n;
    return n;
}

// A kthread running a C++ function (the tests' lambdas capture their state).
struct Thread {
    std::function<void()> fn;
    static int run(void *p)
    {
        static_cast<Thread *>(p)->fn();
        return 0;
    }
};

task_struct *start(Thread &t, const char *name) { return kthread_run(&Thread::run, &t, "%s", name); }

}  // namespace

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

TEST_CASE("unlocking a mutex that is not locked gives the DEBUG_LOCKS_WARN_ON warning", "[locking]")
{
    TestKernel k;
    k.run_task([] {
        struct mutex m;
        mutex_init(&m);
        mutex_unlock(&m);
        return 0L;
    });
    CHECK(k.warnings() == 1);
    CHECK(k.log_contains("DEBUG_LOCKS_WARN_ON(__owner_task(owner) != current)"));
    CHECK(k.log_contains("WARNING: CPU: "));
}

TEST_CASE("taking a mutex twice is reported as recursive locking and then as a hung task", "[locking]")
{
    TestKernel k;
    k.run_task([] {
        struct mutex m;
        mutex_init(&m);
        mutex_lock(&m);
        mutex_lock(&m);   // never returns
        return 0L;
    });
    CHECK(k.log_contains("WARNING: possible recursive locking detected"));
    CHECK(k.log_contains("test/100 is trying to acquire lock:"));
    CHECK(k.log_contains("(&m){+.+.}-{3:3}, at: "));
    CHECK(k.log_contains("  lock(&m);"));
    CHECK(k.log_contains(" May be due to missing lock nesting notation"));
    CHECK(k.log_contains("1 lock held by test/100:"));
    CHECK(k.log_contains("INFO: task test:100 blocked for more than 120 seconds."));
    CHECK(k.warnings() == 1);
}

TEST_CASE("an AB-BA lock order in a module is reported as a circular dependency", "[locking]")
{
    TestKernel k;
    REQUIRE(k.load(module_path("locking_abba")) == 0);
    CHECK(k.log_contains("locking_abba: done"));
    auto texts = k.log_texts();
    auto at = std::find(texts.begin(), texts.end(), "WARNING: possible circular locking dependency detected");
    REQUIRE(at != texts.end());
    CHECK(*(at - 1) == "======================================================");
    CHECK(k.log_contains("insmod/100 is trying to acquire lock:"));
    CHECK(k.log_contains("(lock_a){+.+.}-{3:3}, at: abba_init+"));
    CHECK(k.log_contains("but task is already holding lock:"));
    CHECK(k.log_contains("(lock_b){+.+.}-{3:3}, at: abba_init+"));
    CHECK(k.log_contains("-> #1 (lock_b){+.+.}-{3:3}:"));
    CHECK(k.log_contains("-> #0 (lock_a){+.+.}-{3:3}:"));
    CHECK(k.log_contains("  lock(lock_b);"));
    CHECK(k.log_contains("                               lock(lock_a);"));
    CHECK(k.log_contains(" *** DEADLOCK ***"));
    CHECK(k.log_contains("1 lock held by insmod/100:"));
    CHECK(k.warnings() == 1);
    CHECK(k.bugs() == 0);
}

TEST_CASE("lockdep reports only the first inversion, as debug_locks turns off", "[locking]")
{
    TestKernel k;
    k.run_task([] {
        static DEFINE_SPINLOCK(x);
        static DEFINE_SPINLOCK(y);
        for (int round = 0; round < 2; ++round) {
            spin_lock(&x);
            spin_lock(&y);
            spin_unlock(&y);
            spin_unlock(&x);
            spin_lock(&y);
            spin_lock(&x);
            spin_unlock(&x);
            spin_unlock(&y);
        }
        return 0L;
    });
    CHECK(count_lines(k, "WARNING: possible circular locking dependency detected") == 1);
    CHECK(k.log_contains("(x){+.+.}-{2:2}"));
    CHECK(k.warnings() == 1);
    CHECK(debug_locks == 0);
}

TEST_CASE("a three-lock cycle prints the chain", "[locking]")
{
    TestKernel k;
    k.run_task([] {
        static DEFINE_MUTEX(a);
        static DEFINE_MUTEX(b);
        static DEFINE_MUTEX(c);
        mutex_lock(&a); mutex_lock(&b); mutex_unlock(&b); mutex_unlock(&a);
        mutex_lock(&b); mutex_lock(&c); mutex_unlock(&c); mutex_unlock(&b);
        mutex_lock(&c); mutex_lock(&a); mutex_unlock(&a); mutex_unlock(&c);
        return 0L;
    });
    CHECK(k.log_contains("Chain exists of:"));
    CHECK(k.log_contains("  a --> b --> c"));
    CHECK(k.log_contains("-> #2 (c){+.+.}-{3:3}:"));
    CHECK(k.warnings() == 1);
}

TEST_CASE("nested locks of one class with mutex_lock_nested are not a recursion", "[locking]")
{
    TestKernel k;
    k.run_task([] {
        struct mutex m1, m2;
        mutex_init(&m1);
        mutex_init(&m2);   // same init site would be one class; these are two sites
        mutex_lock(&m1);
        mutex_lock_nested(&m2, SINGLE_DEPTH_NESTING);
        mutex_unlock(&m2);
        mutex_unlock(&m1);
        return 0L;
    });
    CHECK(k.warnings() == 0);
}

TEST_CASE("sleeping under a spinlock is reported as an invalid context", "[locking]")
{
    TestKernel k;
    REQUIRE(k.load(module_path("locking_spin_sleep")) == 0);
    CHECK(k.log_contains("BUG: sleeping function called from invalid context at kernel/locking/mutex.c:"));
    CHECK(k.log_contains("in_atomic(): 1, irqs_disabled(): 1"));
    CHECK(k.bugs() >= 1);
}

TEST_CASE("spinlocks raise preempt_count and the irq and bh variants disable irqs and softirqs", "[locking]")
{
    TestKernel k;
    k.run_task([] {
        static DEFINE_SPINLOCK(l);
        CHECK(preempt_count() == 0);
        spin_lock(&l);
        CHECK(preempt_count() == 1);
        CHECK(spin_is_locked(&l));
        assert_spin_locked(&l);
        CHECK(spin_trylock(&l) == 0);
        CHECK(preempt_count() == 1);
        spin_unlock(&l);
        CHECK(preempt_count() == 0);
        CHECK_FALSE(spin_is_locked(&l));

        unsigned long flags;
        spin_lock_irqsave(&l, flags);
        CHECK(irqs_disabled());
        spin_unlock_irqrestore(&l, flags);
        CHECK_FALSE(irqs_disabled());

        spin_lock_irq(&l);
        CHECK(irqs_disabled());
        spin_unlock_irq(&l);
        CHECK_FALSE(irqs_disabled());

        spin_lock_bh(&l);
        CHECK(in_softirq());
        CHECK(softirq_count() == SOFTIRQ_DISABLE_OFFSET);
        spin_unlock_bh(&l);
        CHECK_FALSE(in_softirq());

        local_bh_disable();
        CHECK(softirq_count() == SOFTIRQ_DISABLE_OFFSET);
        local_bh_enable();
        CHECK(preempt_count() == 0);

        CHECK(spin_trylock(&l) == 1);
        spin_unlock(&l);
        return 0L;
    });
    CHECK(k.bugs() == 0);
    CHECK(k.warnings() == 0);
}

TEST_CASE("re-taking a spinlock one holds is a spinlock recursion BUG", "[locking]")
{
    TestKernel k;
    k.run_task([] {
        static DEFINE_SPINLOCK(self_lock);
        spin_lock(&self_lock);
        spin_lock(&self_lock);
        return 0L;
    });
    CHECK(k.log_contains("BUG: spinlock recursion on CPU#"));
    CHECK(k.log_contains(", test/100"));
    CHECK(k.log_contains(".magic: dead4ead, .owner: test/100, .owner_cpu: "));
    CHECK(k.bugs() >= 1);
}

TEST_CASE("unlocking an unlocked spinlock is reported as already unlocked", "[locking]")
{
    TestKernel k;
    k.run_task([] {
        spinlock_t l;
        spin_lock_init(&l);
        spin_unlock(&l);
        CHECK(preempt_count() == 0);
        return 0L;
    });
    CHECK(k.log_contains("BUG: spinlock already unlocked on CPU#"));
    CHECK(k.log_contains(".owner: <none>/-1, .owner_cpu: -1"));
}

TEST_CASE("a spinlock held across a sleep makes the next locker report a lockup and wait", "[locking]")
{
    TestKernel k;
    bool second_got_it = false;
    k.run_task([&] {
        static DEFINE_SPINLOCK(l);
        Thread other;
        other.fn = [&] {
            spin_lock(&l);
            second_got_it = true;
            spin_unlock(&l);
        };
        spin_lock(&l);
        start(other, "spinner");
        msleep(10);   // a bug: sleeping with the lock held
        CHECK_FALSE(second_got_it);
        spin_unlock(&l);
        msleep(10);
        return 0L;
    });
    CHECK(second_got_it);
    CHECK(k.log_contains("BUG: scheduling while atomic: test/100/"));
    CHECK(k.log_contains("BUG: spinlock lockup suspected on CPU#"));
}

TEST_CASE("rwlocks share readers and exclude writers", "[locking]")
{
    TestKernel k;
    k.run_task([] {
        static DEFINE_RWLOCK(rw);
        read_lock(&rw);
        CHECK(read_trylock(&rw) == 1);
        CHECK(write_trylock(&rw) == 0);
        read_unlock(&rw);
        read_unlock(&rw);
        unsigned long flags;
        write_lock_irqsave(&rw, flags);
        CHECK(irqs_disabled());
        CHECK(read_trylock(&rw) == 0);
        write_unlock_irqrestore(&rw, flags);
        CHECK(write_trylock(&rw) == 1);
        write_unlock(&rw);
        CHECK(preempt_count() == 0);
        return 0L;
    });
    CHECK(k.bugs() == 0);
    CHECK(k.warnings() == 0);
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
        CHECK(left > 0);
        CHECK(left < 100);
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
        CHECK(left > 0);
        CHECK(left < 100);
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

TEST_CASE("rcu_read_lock disables preemption and synchronize_rcu waits at least a tick", "[locking]")
{
    TestKernel k;
    k.run_task([] {
        rcu_read_lock();
        CHECK(preempt_count() == 1);
        CHECK(rcu_read_lock_held());
        CHECK(kshim_lockdep_depth() == 1);
        rcu_read_unlock();
        CHECK(preempt_count() == 0);
        CHECK_FALSE(rcu_read_lock_held());
        unsigned long t0 = jiffies;
        synchronize_rcu();
        CHECK(jiffies != t0);
        return 0L;
    });
    CHECK(k.bugs() == 0);
}

TEST_CASE("call_rcu callbacks run after a grace period in softirq context, and kfree_rcu frees", "[locking]")
{
    TestKernel k;
    static int ran;
    static bool in_softirq_ctx;
    ran = 0;
    struct obj {
        int v;
        struct rcu_head rcu;
    };
    size_t before = k.live_allocations();
    k.run_task([] {
        static struct rcu_head head;
        call_rcu(&head, [](struct rcu_head *) {
            ++ran;
            in_softirq_ctx = in_serving_softirq();
        });
        CHECK(ran == 0);
        auto *o = static_cast<obj *>(kmalloc(sizeof(obj), GFP_KERNEL));
        kfree_rcu(o, rcu);
        rcu_barrier();
        CHECK(ran == 1);
        return 0L;
    });
    CHECK(in_softirq_ctx);
    k.run_until_idle();
    CHECK(k.live_allocations() == before);
}

TEST_CASE("held locks are listed as debug_show_held_locks prints them", "[locking]")
{
    TestKernel k;
    k.run_task([] {
        static DEFINE_MUTEX(outer);
        static DEFINE_SPINLOCK(inner);
        mutex_lock(&outer);
        spin_lock(&inner);
        CHECK(kshim_lockdep_depth() == 2);
        debug_show_held_locks(get_current());
        spin_unlock(&inner);
        mutex_unlock(&outer);
        debug_show_held_locks(get_current());
        return 0L;
    });
    CHECK(k.log_contains("2 locks held by test/100:"));
    CHECK(k.log_contains(" #0: "));
    CHECK(k.log_contains("(outer){+.+.}-{3:3}, at: "));
    CHECK(k.log_contains(" #1: "));
    CHECK(k.log_contains("(inner){+.+.}-{2:2}, at: "));
    CHECK(k.log_contains("no locks held by test/100."));
}

TEST_CASE("lockdep_assert_held warns when the lock is not held", "[locking]")
{
    TestKernel k;
    k.run_task([] {
        struct mutex m;
        mutex_init(&m);
        lockdep_assert_held(&m);
        return 0L;
    });
    CHECK(k.warnings() == 1);
}

TEST_CASE("a module's wait_event, completion, kthread_complete_and_exit and kfree_rcu work together", "[locking]")
{
    TestKernel k;
    size_t before = k.live_allocations();
    REQUIRE(k.load(module_path("locking_waitq")) == 0);
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
