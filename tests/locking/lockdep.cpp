// Tests for shim/src/locking/lockdep.cpp: recursive and circular locking reports, nesting, held-lock listings, lockdep_assert_held.
#include <algorithm>
#include <regex>
#include <string>

#include "kshim/testing.hpp"
#include "support/log_match.hpp"
#include "support/subprocess.hpp"

#include "linux/lockdep.h"
#include "linux/mutex.h"
#include "linux/rwsem.h"
#include "linux/sched.h"
#include "linux/spinlock.h"

// Catch2 has its own WARN.
#undef WARN
#include <catch2/catch.hpp>

using kshim::testing::TestKernel;
using kshim_test::count_lines;
using kshim_test::test_module;

TEST_CASE("taking a mutex twice is reported as recursive locking and then as a deadlock", "[locking]")
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
    CHECK(k.log_contains("kshim: deadlock: every task is blocked and nothing can wake one"));
    CHECK(k.log_contains("kshim: wait-for cycle: test:100 -> test:100"));
    CHECK(k.warnings() == 1);
}

TEST_CASE("an AB-BA lock order in a module is reported as a circular dependency", "[locking]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("locking_abba")) == 0);
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

TEST_CASE("lockdep names each lock site and each chain frame by module symbol, as %pS and %pB print them", "[locking]")
{
    // The text of these lines comes from the symbolizer (Symbolizer::text) and the call-trace formatter.
    TestKernel k;
    REQUIRE(k.load(test_module("locking_abba")) == 0);
    auto texts = k.log_texts();
    const std::regex frame(R"(^       abba_init\+0x[0-9a-f]+/0x[0-9a-f]+ \[locking_abba\]$)");
    long chain1 = kshim_test::find_line(texts, "-> #1 (lock_b){+.+.}-{3:3}:");
    long chain0 = kshim_test::find_line(texts, "-> #0 (lock_a){+.+.}-{3:3}:");
    REQUIRE(chain1 >= 0);
    REQUIRE(chain0 > chain1);
    CHECK(std::regex_match(texts[chain1 + 1], frame));
    CHECK(texts[chain1 + 2] == "");
    CHECK(std::regex_match(texts[chain0 + 1], frame));
    size_t holding = kshim_test::index_of(texts, "but task is already holding lock:");
    REQUIRE(holding + 1 < texts.size());
    CHECK(std::regex_match(texts[holding + 1],
                           std::regex(R"(^[0-9a-f]{16} \(lock_b\)\{\+\.\+\.\}-\{3:3\}, at: abba_init\+0x[0-9a-f]+/0x[0-9a-f]+ \[locking_abba\]$)")));
}

namespace {

// Loads lockdep_bugs with bug=NAME (and fixed=1 for the correct twin) into k, then runs on for
// a while (timers, kthreads, work) and unloads it.
int run_lockdep_bug(TestKernel &k, const std::string &bug, bool fixed)
{
    std::vector<std::string> params = {"bug=" + bug};
    if (fixed)
        params.push_back("fixed=1");
    int r = k.load(test_module("lockdep_bugs"), params);
    if (bug == "irq" && r == 0)
        k.raise_irq(5);
    k.run_for(100'000'000);
    if (r == 0)
        k.unload("lockdep_bugs");
    return r;
}

// The correct twin of bug=NAME (fixed=1), in a kernel of its own: true if nothing was reported.
bool twin_is_clean(const std::string &bug)
{
    TestKernel twin;
    return run_lockdep_bug(twin, bug, true) == 0 && twin.reports().empty();
}

}  // namespace

// Loads lockdep_rw with bug=NAME (fixed=1: the correct twin) into k; its log lines.
std::vector<std::string> run_lockdep_rw(TestKernel &k, const std::string &bug, bool fixed)
{
    std::vector<std::string> params = {"bug=" + bug};
    if (fixed)
        params.push_back("fixed=1");
    REQUIRE(k.load(test_module("lockdep_rw"), params) == 0);
    k.run_for(100'000'000);
    k.unload("lockdep_rw");
    return k.log_texts();
}

TEST_CASE("an rwlock read and a spinlock taken in both orders in process context is a circular dependency with rlock", "[locking]")
{
    TestKernel k;
    auto t = run_lockdep_rw(k, "cycle", false);
    long at = kshim_test::find_line(t, "WARNING: possible circular locking dependency detected");
    REQUIRE(at > 0);
    CHECK(t[at + 3] == "insmod/100 is trying to acquire lock:");
    CHECK(std::regex_match(t[at + 4], std::regex(R"(^[0-9a-f]{16} \(table_lock\)\{\.\+\.\+\}-\{2:2\}, at: reset_stats\+.*$)")));
    CHECK(std::regex_match(t[at + 7], std::regex(R"(^[0-9a-f]{16} \(stat_lock\)\{\+\.\+\.\}-\{2:2\}, at: reset_stats\+.*$)")));
    CHECK(kshim_test::index_of(t, "-> #1 (stat_lock){+.+.}-{2:2}:", (size_t)at) < t.size());
    CHECK(kshim_test::index_of(t, "-> #0 (table_lock){.+.+}-{2:2}:", (size_t)at) < t.size());
    long scen = kshim_test::find_line(t, " Possible unsafe locking scenario:");
    REQUIRE(scen > at);
    CHECK(t[scen + 4] == "  lock(stat_lock);");
    CHECK(t[scen + 5] == "                               lock(table_lock);");
    CHECK(t[scen + 6] == "                               lock(stat_lock);");
    CHECK(t[scen + 7] == "  rlock(table_lock);");
    CHECK(k.report_count("circular-locking") == 1);
    CHECK(k.warnings() == 1);
}

TEST_CASE("the same two orders with the rwlock read recursively (bottom halves off) are no strong cycle", "[locking]")
{
    // table_lock -(SN)-> stat_lock and stat_lock -(ER)-> table_lock: entered as a recursive
    // read and left shared, the cycle cannot deadlock and 6.1 does not report it.
    TestKernel k;
    auto t = run_lockdep_rw(k, "cycle", true);
    CHECK(k.log_contains("lockdep_rw: cycle (fixed): done"));
    CHECK(k.reports().empty());
}

TEST_CASE("reading an rwlock twice is recursive locking in process context, but not in a timer", "[locking]")
{
    {
    TestKernel k;
    auto t = run_lockdep_rw(k, "recursive", false);
    long at = kshim_test::find_line(t, "WARNING: possible recursive locking detected");
    REQUIRE(at > 0);
    CHECK(std::regex_match(t[at + 4], std::regex(R"(^[0-9a-f]{16} \(table_lock\)\{\.\+\.\+\}-\{2:2\}, at: lookup\+.*$)")));
    CHECK(std::regex_match(t[at + 7], std::regex(R"(^[0-9a-f]{16} \(table_lock\)\{\.\+\.\+\}-\{2:2\}, at: nested_lookup\+.*$)")));
    CHECK(k.report_count("recursive-locking") == 1);
    }
    TestKernel twin;
    run_lockdep_rw(twin, "recursive", true);
    CHECK(twin.log_contains("lockdep_rw: recursive (fixed): done"));
    CHECK(twin.reports().empty());
}

TEST_CASE("a down_read under a mutex and the mutex under down_write is a circular dependency", "[locking]")
{
    // rw_semaphore readers are non-recursive: sem -(SN)-> mutex and mutex -(EN)-> sem is strong.
    TestKernel k;
    k.run_task([] {
        static DEFINE_MUTEX(m);
        static DECLARE_RWSEM(sem);
        down_read(&sem);
        mutex_lock(&m);
        mutex_unlock(&m);
        up_read(&sem);
        mutex_lock(&m);
        down_write(&sem);
        up_write(&sem);
        mutex_unlock(&m);
        return 0L;
    });
    CHECK(k.log_contains("WARNING: possible circular locking dependency detected"));
    CHECK(k.log_contains("  lock(m);"));
    CHECK(k.log_contains("  lock(sem);"));
    CHECK(k.report_count("circular-locking") == 1);
}

TEST_CASE("a recursive read closes no cycle through its own shared hold, a write of the same map does", "[locking]")
{
    // r -(SN)-> b, then b -(ER)-> r: not a strong cycle. Then b -(EN)-> r: strong, reported.
    TestKernel k;
    k.run_task([] {
        static struct lock_class_key kr, kb;
        static struct lockdep_map r, b;
        lockdep_init_map(&r, "map_r", &kr, 0);
        lockdep_init_map(&b, "map_b", &kb, 0);
        lock_map_acquire_read(&r);
        lock_map_acquire(&b);
        lock_map_release(&b);
        lock_map_release(&r);
        lock_map_acquire(&b);
        lock_map_acquire_read(&r);
        lock_map_release(&r);
        lock_map_acquire(&r);
        lock_map_release(&r);
        lock_map_release(&b);
        return 0L;
    });
    CHECK(k.report_count("circular-locking") == 1);
    CHECK(k.log_contains("-> #1 (map_b){+.+.}-{0:0}:"));
    CHECK(k.log_contains("  lock(map_b);"));
    CHECK(k.log_contains("  lock(map_r);"));
}

TEST_CASE("a spinlock taken with irqs on and in a hardirq handler is an inconsistent lock state", "[locking]")
{
    TestKernel k;
    REQUIRE(run_lockdep_bug(k, "irq", false) == 0);
    auto texts = k.log_texts();
    long at = kshim_test::find_line(texts, "WARNING: inconsistent lock state");
    REQUIRE(at > 0);
    CHECK(texts[at - 1] == "================================");
    CHECK(texts[at + 3] == "inconsistent {HARDIRQ-ON-W} -> {IN-HARDIRQ-W} usage.");
    CHECK(std::regex_match(texts[at + 4], std::regex(R"(^swapper/0/0 \[HC1\[1\]:SC0\[0\]:HE0:SE1\] takes:$)")));
    CHECK(std::regex_match(texts[at + 5],
                           std::regex(R"(^[0-9a-f]{16} \(stats_lock\)\{\?\.\+\.\}-\{2:2\}, at: stats_isr\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdep_bugs\]$)")));
    CHECK(texts[at + 6] == "{HARDIRQ-ON-W} state was registered at:");
    CHECK(std::regex_match(texts[at + 7], std::regex(R"(^  read_events[.a-z0-9]*\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdep_bugs\]$)")));
    CHECK(k.log_contains("  <Interrupt>"));
    CHECK(k.log_contains("    lock(stats_lock);"));
    CHECK(k.log_contains("no locks held by swapper/0/0."));
    CHECK(k.report_count("inconsistent-lock-state") == 1);
    CHECK(k.warnings() == 1);
    auto reps = k.reports();
    REQUIRE(reps.size() == 1);
    CHECK(reps[0].detector == "lockdep");
    CHECK(reps[0].module == "lockdep_bugs");
    CHECK(reps[0].function == "stats_isr");
    CHECK(reps[0].text == "WARNING: inconsistent lock state");
}

TEST_CASE("the same spinlock taken with irqs saved in process context is not flagged", "[locking]")
{
    TestKernel k;
    REQUIRE(run_lockdep_bug(k, "irq", true) == 0);
    CHECK(k.log_contains("lockdep_bugs: irq (fixed): done"));
    CHECK(k.reports().empty());
}

TEST_CASE("a spinlock taken in a timer and without _bh in process context is an inconsistent softirq state", "[locking]")
{
    {
    TestKernel k;
    REQUIRE(run_lockdep_bug(k, "softirq", false) == 0);
    CHECK(k.log_contains("inconsistent {IN-SOFTIRQ-W} -> {SOFTIRQ-ON-W} usage."));
    CHECK(k.log_contains("{IN-SOFTIRQ-W} state was registered at:"));
    CHECK(k.log_contains("insmod/100 [HC0[0]:SC0[0]:HE1:SE1] takes:"));
    CHECK(k.report_count("inconsistent-lock-state") == 1);
    }
    CHECK(twin_is_clean("softirq"));
}

TEST_CASE("unlocking a mutex that is no longer held is a bad unlock balance", "[locking]")
{
    {
    TestKernel k;
    REQUIRE(run_lockdep_bug(k, "unlock", false) == 0);
    auto texts = k.log_texts();
    long at = kshim_test::find_line(texts, "WARNING: bad unlock balance detected!");
    REQUIRE(at > 0);
    CHECK(texts[at - 1] == "=====================================");
    CHECK(texts[at + 3] == "insmod/100 is trying to release lock (cfg_mutex) at:");
    CHECK(std::regex_match(texts[at + 4], std::regex(R"(^\[<[0-9a-f]{16}>\] run_unlock\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdep_bugs\]$)")));
    CHECK(texts[at + 5] == "but there are no more locks to release!");
    CHECK(texts[at + 7] == "other info that might help us debug this:");
    CHECK(texts[at + 8] == "no locks held by insmod/100.");
    // Lockdep's report turns the mutex debug checks off, as in a kernel with lockdep.
    CHECK_FALSE(k.log_contains("DEBUG_LOCKS_WARN_ON"));
    CHECK(k.report_count("bad-unlock-balance") == 1);
    }
    CHECK(twin_is_clean("unlock"));
}

TEST_CASE("a kthread that exits holding a mutex is reported with its held locks", "[locking]")
{
    {
    TestKernel k;
    REQUIRE(run_lockdep_bug(k, "exit", false) == 0);
    auto texts = k.log_texts();
    size_t at = kshim_test::index_of(texts, "WARNING: cfg_holder/");
    REQUIRE(at < texts.size());
    CHECK(std::regex_match(texts[at], std::regex(R"(^WARNING: cfg_holder/\d+ still has locks held!$)")));
    CHECK(texts[at - 1] == std::string(36, '='));   // 6.1's fixed width, whatever the name's
    CHECK(texts[at + 2] == std::string(36, '-'));
    CHECK(std::regex_match(texts[at + 3], std::regex(R"(^1 lock held by cfg_holder/\d+:$)")));
    CHECK(texts[at + 4].find("(cfg_mutex){+.+.}-{3:3}, at: holder_fn+") != std::string::npos);
    CHECK(k.report_count("locks-held-at-exit") == 1);
    }
    CHECK(twin_is_clean("exit"));
}

TEST_CASE("module init returning with a mutex held is a lock held when returning to user space", "[locking]")
{
    {
    TestKernel k;
    REQUIRE(run_lockdep_bug(k, "user", false) == 0);
    CHECK(k.log_contains("WARNING: lock held when returning to user space!"));
    CHECK(k.log_contains("insmod/100 is leaving the kernel with locks still held!"));
    CHECK(k.log_contains("1 lock held by insmod/100:"));
    CHECK(k.report_count("lock-held-returning-to-user") == 1);
    }
    CHECK(twin_is_clean("user"));
}

TEST_CASE("a work function returning with a mutex held is a workqueue leaked lock with its held locks", "[locking]")
{
    {
    TestKernel k;
    REQUIRE(run_lockdep_bug(k, "work", false) == 0);
    auto texts = k.log_texts();
    size_t at = kshim_test::index_of(texts, "BUG: workqueue leaked lock or atomic: kworker/");
    REQUIRE(at + 2 < texts.size());
    CHECK(texts[at + 1] == "     last function: job_fn [lockdep_bugs]");
    CHECK(k.log_contains("(cfg_mutex){+.+.}-{3:3}, at: job_fn+"));
    CHECK(k.report_count("workqueue-leaked-lock") == 1);
    }
    CHECK(twin_is_clean("work"));
}

TEST_CASE("lockdep_assert_held on a mutex not held warns at the assertion", "[locking]")
{
    {
    TestKernel k;
    REQUIRE(run_lockdep_bug(k, "assert", false) == 0);
    CHECK(count_lines(k, "------------[ cut here ]------------") == 1);
    auto reps = k.reports();
    REQUIRE(reps.size() == 1);
    CHECK(reps[0].kind == "lockdep-assert");
    CHECK(reps[0].function == "apply_cfg");
    CHECK(reps[0].text.find("lockdep_bugs.c:") != std::string::npos);
    }
    TestKernel twin;
    REQUIRE(run_lockdep_bug(twin, "assert", true) == 0);
    CHECK(twin.log_contains("lockdep_bugs: cfg applied"));
    CHECK(twin.reports().empty());
}

TEST_CASE("cancel_work_sync under a mutex its work item takes is a circular dependency", "[locking]")
{
    {
    TestKernel k;
    REQUIRE(run_lockdep_bug(k, "cancel", false) == 0);
    CHECK(k.log_contains("WARNING: possible circular locking dependency detected"));
    CHECK(count_lines(k, "((work_completion)(&job)){+.+.}-{0:0}, at: cancel_work_sync+") == 1);
    CHECK(k.log_contains("-> #1 (cfg_mutex){+.+.}-{3:3}:"));
    CHECK(k.log_contains("  lock(cfg_mutex);"));
    CHECK(k.report_count("circular-locking") == 1);
    }
    CHECK(twin_is_clean("cancel"));
}

TEST_CASE("a silenced report kind prints nothing and is not counted, and lock checking goes on", "[locking]")
{
    {
    kshim::testing::Config cfg;
    cfg.no_detectors = {"bad-unlock-balance"};
    TestKernel k(cfg);
    REQUIRE(run_lockdep_bug(k, "unlock", false) == 0);
    CHECK_FALSE(k.log_contains("bad unlock balance"));
    CHECK(k.report_count("bad-unlock-balance") == 0);
    // debug_locks stayed on, so the mutex's own check reports the unlock.
    CHECK(k.report_count("debug-locks-warn") == 1);
    }
    kshim::testing::Config all;
    all.no_detectors = {"lockdep"};
    TestKernel quiet(all);
    REQUIRE(run_lockdep_bug(quiet, "irq", false) == 0);
    CHECK(quiet.report_count("lockdep") == 0);
    CHECK_FALSE(quiet.log_contains("inconsistent lock state"));
}

TEST_CASE("a mutex taken under a spinlock is a sleeping function in atomic context and an invalid wait context", "[locking]")
{
    {
    TestKernel k;
    REQUIRE(k.load(test_module("lockdep_irq"), {"bug=wait"}) == 0);
    auto t = k.log_texts();
    // 6.1 with lockdep: might_sleep's BUG first, then lockdep's at the acquisition.
    size_t sleep = kshim_test::index_of(t, "BUG: sleeping function called from invalid context at kernel/locking/mutex.c:283");
    long at = kshim_test::find_line(t, "[ BUG: Invalid wait context ]");
    REQUIRE(sleep < t.size());
    REQUIRE(at > (long)sleep);
    CHECK(t[at - 1] == "=============================");
    CHECK(t[at + 2] == "-----------------------------");
    CHECK(t[at + 3] == "insmod/100 is trying to lock:");
    CHECK(std::regex_match(t[at + 4], std::regex(R"(^[0-9a-f]{16} \(cfg_mutex\)\{\.\.\.\.\}-\{3:3\}, at: update_cfg\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdep_irq\]$)")));
    CHECK(t[at + 5] == "other info that might help us debug this:");
    CHECK(t[at + 6] == "context-{4:4}");
    CHECK(t[at + 7] == "1 lock held by insmod/100:");
    CHECK(std::regex_match(t[at + 8], std::regex(R"(^ #0: [0-9a-f]{16} \(list_lock\)\{\+\.\+\.\}-\{2:2\}, at: update_cfg\+.*$)")));
    CHECK(t[at + 9] == "stack backtrace:");
    CHECK(k.report_count("invalid-wait-context") == 1);
    CHECK(k.report_count("sleep-in-atomic") == 1);
    }
    TestKernel twin;
    REQUIRE(twin.load(test_module("lockdep_irq"), {"bug=wait", "fixed=1"}) == 0);
    CHECK(twin.log_contains("lockdep_irq: wait (fixed): done"));
    CHECK(twin.reports().empty());
}

TEST_CASE("a mutex taken in a hardirq handler is an invalid wait context of the hardirq's level", "[locking]")
{
    TestKernel k;
    REQUIRE(k.load(test_module("lockdep_irq"), {"bug=wait_irq"}) == 0);
    k.raise_irq(5);
    k.run_for(10'000'000);
    auto t = k.log_texts();
    long at = kshim_test::find_line(t, "[ BUG: Invalid wait context ]");
    REQUIRE(at > 0);
    CHECK(std::regex_match(t[at + 4], std::regex(R"(^[0-9a-f]{16} \(cfg_mutex\)\{\.\.\.\.\}-\{3:3\}, at: dev_isr\+.*$)")));
    CHECK(t[at + 6] == "context-{2:2}");
    CHECK(k.report_count("invalid-wait-context") == 1);
    CHECK(k.unload("lockdep_irq").error == 0);
}
