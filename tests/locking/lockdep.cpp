// Tests for shim/src/locking/lockdep.cpp: recursive and circular locking reports, nesting, held-lock listings, lockdep_assert_held.
#include <algorithm>
#include <regex>
#include <string>

#include "kshim/testing.hpp"
#include "support/log_match.hpp"
#include "support/subprocess.hpp"

#include "linux/lockdep.h"
#include "linux/mutex.h"
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
