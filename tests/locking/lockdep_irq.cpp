// Tests for shim/src/locking/lockdep_irq.cpp: HARDIRQ/SOFTIRQ-safe -> -unsafe lock orders and irq lock inversions.
#include <initializer_list>
#include <regex>
#include <string>
#include <vector>

#include "kshim/testing.hpp"
#include "support/log_match.hpp"
#include "support/oracle.hpp"
#include "support/subprocess.hpp"

// Catch2 has its own WARN.
#undef WARN
#include <catch2/catch.hpp>

using kshim::testing::TestKernel;
using kshim_test::test_module;

namespace {

// Loads `module` (lockdep_irq or lockdep_rw) with bug=NAME (fixed=1: the correct twin) into k,
// raises its interrupt once init is done, runs on a while and unloads it.
void run_lockdep_irq(TestKernel &k, const std::string &bug, bool fixed, const std::string &module = "lockdep_irq")
{
    std::vector<std::string> params = {"bug=" + bug};
    if (fixed)
        params.push_back("fixed=1");
    REQUIRE(k.load(test_module(module), params) == 0);
    k.raise_irq(5);
    k.run_for(100'000'000);
    k.unload(module);
}

// run_lockdep_irq, then the log's lines and the index of the report's `headline` line in them
// (which must be there, after the first line).
long report_at(TestKernel &k, const std::string &bug, const char *headline, std::vector<std::string> &t,
               const std::string &module = "lockdep_irq")
{
    run_lockdep_irq(k, bug, false, module);
    t = k.log_texts();
    long at = kshim_test::find_line(t, headline);
    REQUIRE(at > 0);
    return at;
}

bool matches(const std::string &line, const char *re) { return std::regex_match(line, std::regex(re)); }

constexpr bool kRe = true;

// A line of a report `off` lines after an anchor line: equal to `text`, or matching it (re).
struct At {
    long off;
    const char *text;
    bool re = false;
};

// Checks each line of `want` in t, counting from the line at `anchor`.
void check_at(const std::vector<std::string> &t, long anchor, std::initializer_list<At> want)
{
    for (const At &w : want) {
        const long i = anchor + w.off;
        const bool there = i >= 0 && (size_t)i < t.size();
        INFO("line " << anchor << " + " << w.off << ": " << (there ? t[i] : "(none)") << "; want " << w.text);
        CHECK((there && (w.re ? matches(t[i], w.text) : t[i] == w.text)));
    }
}

// The correct twin of bug=NAME in a kernel of its own: true if nothing was reported.
bool twin_is_clean(const std::string &bug, const std::string &module = "lockdep_irq")
{
    TestKernel twin;
    run_lockdep_irq(twin, bug, true, module);
    return twin.log_contains(module + ": " + bug + " (fixed): done") && twin.reports().empty();
}

// lockdep_irq with bug=NAME: every one of `lines` is in the log and there is one report of
// `kind`; and the correct twin is clean.
void check_reported(const std::string &bug, std::initializer_list<const char *> lines, const char *kind)
{
    {
        TestKernel k;
        run_lockdep_irq(k, bug, false);
        for (const char *l : lines) {
            INFO(l);
            CHECK(k.log_contains(l));
        }
        CHECK(k.report_count(kind) == 1);
    }
    CHECK(twin_is_clean(bug));
}

}  // namespace

TEST_CASE("a lock used in a hardirq handler taken before an irq-unsafe lock is a HARDIRQ-safe -> HARDIRQ-unsafe order", "[locking]")
{
    {
        TestKernel k;
        std::vector<std::string> t;
        long at = report_at(k, "hardirq", "WARNING: HARDIRQ-safe -> HARDIRQ-unsafe lock order detected", t);
        check_at(t, at, {
            {-1, "====================================================="},
            {2, "-----------------------------------------------------"},
            {3, R"(^rmmod/\d+ \[HC0\[0\]:SC0\[0\]:HE0:SE1\] is trying to acquire:$)", kRe},
            {4, R"(^[0-9a-f]{16} \(list_lock\)\{\+\.\+\.\}-\{2:2\}, at: flush_events\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdep_irq\]$)", kRe},
            {5, ""},
            {6, "and this task is already holding:"},
            {7, R"(^[0-9a-f]{16} \(dev_lock\)\{-\.\.\.\}-\{2:2\}, at: flush_events\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdep_irq\]$)", kRe},
            {8, "which would create a new lock dependency:"},
            {9, " (dev_lock){-...}-{2:2} -> (list_lock){+.+.}-{2:2}"},
            {10, ""},
            {11, "but this new dependency connects a HARDIRQ-irq-safe lock:"},
            {12, " (dev_lock){-...}-{2:2}"},
            {14, "... which became HARDIRQ-irq-safe at:"},
            {15, R"(^  dev_isr\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdep_irq\]$)", kRe},
        });
        long unsafe = kshim_test::find_line(t, "to a HARDIRQ-irq-unsafe lock:");
        REQUIRE(unsafe > at);
        check_at(t, unsafe, {
            {1, " (list_lock){+.+.}-{2:2}"},
            {3, "... which became HARDIRQ-irq-unsafe at:"},
            {4, "..."},
            {5, R"(^  add_entry\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdep_irq\]$)", kRe},
        });
        long scen = kshim_test::find_line(t, " Possible interrupt unsafe locking scenario:");
        REQUIRE(scen > unsafe);
        check_at(t, scen, {
            {2, "       CPU0                    CPU1"},
            {4, "  lock(list_lock);"},
            {5, "                               local_irq_disable();"},
            {6, "                               lock(dev_lock);"},
            {7, "                               lock(list_lock);"},
            {8, "  <Interrupt>"},
            {9, "    lock(dev_lock);"},
            {11, " *** DEADLOCK ***"},
            {13, R"(^1 lock held by rmmod/\d+:$)", kRe},
        });
        long deps = kshim_test::find_line(t, "the dependencies between HARDIRQ-irq-safe lock and the holding lock:");
        REQUIRE(deps > scen);
        check_at(t, deps, {
            {1, "-> (dev_lock){-...}-{2:2} {"},
            {2, "   IN-HARDIRQ-W at:"},
            {3, R"(^ {20}dev_isr\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdep_irq\]$)", kRe},
        });
        long fwd = kshim_test::find_line(t, "the dependencies between the lock to be acquired");
        REQUIRE(fwd > deps);
        check_at(t, fwd, {
            {1, " and HARDIRQ-irq-unsafe lock:"},
            {2, "-> (list_lock){+.+.}-{2:2} {"},
            {3, "   HARDIRQ-ON-W at:"},
        });
        CHECK(kshim_test::index_of(t, "   INITIAL USE at:", (size_t)fwd) < t.size());
        CHECK(kshim_test::index_of(t, " ... acquired at:", (size_t)fwd) < t.size());
        CHECK(kshim_test::index_of(t, "stack backtrace:", (size_t)fwd) < t.size());
        CHECK(k.report_count("irq-lock-order") == 1);
        CHECK(k.warnings() == 1);
        auto reps = k.reports();
        REQUIRE(reps.size() == 1);
        CHECK(reps[0].detector == "lockdep");
        CHECK(reps[0].function == "flush_events");
    }
    CHECK(twin_is_clean("hardirq"));
}

TEST_CASE("a lock used in a timer taken with bottom halves off before a softirq-unsafe lock is a SOFTIRQ-safe -> SOFTIRQ-unsafe order", "[locking]")
{
    check_reported("softirq",
                   {"WARNING: SOFTIRQ-safe -> SOFTIRQ-unsafe lock order detected",
                    "insmod/100 [HC0[0]:SC0[2]:HE1:SE0] is trying to acquire:",
                    " (dev_lock){+.-.}-{2:2} -> (list_lock){+.+.}-{2:2}",
                    "but this new dependency connects a SOFTIRQ-irq-safe lock:",
                    "... which became SOFTIRQ-irq-unsafe at:", "   IN-SOFTIRQ-W at:", "   SOFTIRQ-ON-W at:"},
                   "irq-lock-order");
}

TEST_CASE("a lock that becomes hardirq-safe after it took an irq-unsafe lock is an irq lock inversion", "[locking]")
{
    {
        TestKernel k;
        std::vector<std::string> t;
        long at = report_at(k, "inversion", "WARNING: possible irq lock inversion dependency detected", t);
        check_at(t, at, {
            {-1, "========================================================"},
            {3, R"(^\S+/\d+ just changed the state of lock:$)", kRe},
            {4, R"(^[0-9a-f]{16} \(dev_lock\)\{-\.\.\.\}-\{2:2\}, at: dev_isr\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdep_irq\]$)", kRe},
            {5, "but this lock took another, HARDIRQ-unsafe lock in the past:"},
            {6, " (list_lock){+.+.}-{2:2}"},
            {9, "and interrupts could create inverse lock ordering between them."},
            {12, "other info that might help us debug this:"},
            {13, " Possible interrupt unsafe locking scenario:"},
        });
        CHECK(k.log_contains("the shortest dependencies between 2nd lock and 1st lock:"));
        CHECK(k.log_contains(" -> (list_lock){+.+.}-{2:2} {"));
        CHECK(k.report_count("irq-lock-inversion") == 1);
        CHECK(k.warnings() == 1);
    }
    CHECK(twin_is_clean("inversion"));
}

TEST_CASE("an rwlock read in process context under a hardirq-safe lock makes the lock HARDIRQ-READ-unsafe inverted", "[locking]")
{
    // A process-context read_lock is not recursive (a queued rwlock's reader waits behind a
    // waiting writer), so dev_lock -> table_lock is -(EN)-> and table_lock's HARDIRQ-ON-R counts.
    TestKernel k;
    std::vector<std::string> t;
    long at = report_at(k, "irqread", "WARNING: possible irq lock inversion dependency detected", t, "lockdep_rw");
    check_at(t, at, {
        {3, "swapper/0/0 just changed the state of lock:"},
        {4, R"(^[0-9a-f]{16} \(dev_lock\)\{-\.\.\.\}-\{2:2\}, at: dev_isr\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdep_rw\]$)", kRe},
        {5, "but this lock took another, HARDIRQ-READ-unsafe lock in the past:"},
        {6, " (table_lock){.+.+}-{2:2}"},
    });
    long deps = kshim_test::find_line(t, "the shortest dependencies between 2nd lock and 1st lock:");
    REQUIRE(deps > at);
    check_at(t, deps, {
        {1, " -> (table_lock){.+.+}-{2:2} {"},
        {2, "    HARDIRQ-ON-R at:"},
    });
    CHECK(kshim_test::index_of(t, "    INITIAL READ USE at:", (size_t)deps) < t.size());
    CHECK(k.report_count("irq-lock-inversion") == 1);
    CHECK(k.warnings() == 1);
}

TEST_CASE("an rwlock read in the hardirq handler under its lock is a recursive read and not irq-unsafe", "[locking]")
{
    // dev_lock -(ER)-> table_lock: a strong path ending in a recursive read sees only the
    // reader's write usages, and table_lock is HARDIRQ-ON only as a reader.
    CHECK(twin_is_clean("irqread", "lockdep_rw"));
}

TEST_CASE("a lock taken with irqs off and held across local_irq_enable becomes HARDIRQ-ON, inconsistent with its handler's use", "[locking]")
{
    {
        TestKernel k;
        std::vector<std::string> t;
        long at = report_at(k, "held", "WARNING: inconsistent lock state", t);
        check_at(t, at, {
            {3, "inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage."},
            {4, R"(^rmmod/\d+ \[HC0\[0\]:SC0\[0\]:HE0:SE1\] takes:$)", kRe},
            {5, R"(^[0-9a-f]{16} \(dev_lock\)\{\?\.\.\.\}-\{2:2\}, at: drain_events\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdep_irq\]$)", kRe},
            {6, "{IN-HARDIRQ-W} state was registered at:"},
            {7, R"(^  dev_isr\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdep_irq\]$)", kRe},
        });
        CHECK(kshim_test::index_of(t, "    lock(dev_lock);", (size_t)at) < t.size());
        long held = kshim_test::find_line(t, "stack backtrace:");
        REQUIRE(held > at);
        CHECK(matches(t[held - 2], R"(^ #0: [0-9a-f]{16} \(dev_lock\)\{\?\.\.\.\}-\{2:2\}, at: drain_events\+.*$)"));
        CHECK(k.report_count("inconsistent-lock-state") == 1);
        auto reps = k.reports();
        REQUIRE(reps.size() == 1);
        CHECK(reps[0].function == "drain_events");
    }
    CHECK(twin_is_clean("held"));
}

TEST_CASE("a lock taken with bottom halves off and held across local_bh_enable becomes SOFTIRQ-ON, inconsistent with its timer's use", "[locking]")
{
    check_reported("held_bh",
                   {"inconsistent {IN-SOFTIRQ-W} -> {SOFTIRQ-ON-W} usage.", "insmod/100 [HC0[0]:SC0[0]:HE0:SE1] takes:",
                    "{IN-SOFTIRQ-W} state was registered at:"},
                   "inconsistent-lock-state");
}

TEST_CASE("Silencing irq-lock-order (--no-detector) drops the irq lock-order report alone", "[locking]")
{
    kshim::testing::Config cfg;
    cfg.no_detectors = {"irq-lock-order"};
    TestKernel k(cfg);
    run_lockdep_irq(k, "hardirq", false);
    CHECK_FALSE(k.log_contains("lock order detected"));
    CHECK(k.report_count("irq-lock-order") == 0);
    CHECK(k.reports().empty());
}

TEST_CASE("The runner's --strict fails a run with an irq lock-order report or an invalid wait context, and passes the twins", "[locking]")
{
    using kshim_test::run_test_module;
    auto order = run_test_module("lockdep_irq", "100ms", {"bug=hardirq", "--irq", "5@10ms", "--strict"});
    CHECK(order.exit_code != 0);
    CHECK(order.out.find("kshim: reports by kind: irq-lock-order 1") != std::string::npos);
    auto wait = run_test_module("lockdep_irq", "100ms", {"bug=wait", "--strict"});
    CHECK(wait.exit_code != 0);
    CHECK(wait.out.find("invalid-wait-context 1") != std::string::npos);
    CHECK(run_test_module("lockdep_irq", "100ms", {"bug=hardirq", "fixed=1", "--irq", "5@10ms", "--strict"}).exit_code == 0);
    CHECK(run_test_module("lockdep_irq", "100ms", {"bug=wait", "fixed=1", "--strict"}).exit_code == 0);
}
