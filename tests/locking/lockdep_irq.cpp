// Tests for shim/src/locking/lockdep_irq.cpp: HARDIRQ/SOFTIRQ-safe -> -unsafe lock orders and irq lock inversions.
#include <regex>
#include <string>

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

bool matches(const std::string &line, const char *re) { return std::regex_match(line, std::regex(re)); }

// The correct twin of bug=NAME in a kernel of its own: true if nothing was reported.
bool twin_is_clean(const std::string &bug, const std::string &module = "lockdep_irq")
{
    TestKernel twin;
    run_lockdep_irq(twin, bug, true, module);
    return twin.log_contains(module + ": " + bug + " (fixed): done") && twin.reports().empty();
}

}  // namespace

TEST_CASE("a lock used in a hardirq handler taken before an irq-unsafe lock is a HARDIRQ-safe -> HARDIRQ-unsafe order", "[locking]")
{
    {
    TestKernel k;
    run_lockdep_irq(k, "hardirq", false);
    auto t = k.log_texts();
    long at = kshim_test::find_line(t, "WARNING: HARDIRQ-safe -> HARDIRQ-unsafe lock order detected");
    REQUIRE(at > 0);
    CHECK(t[at - 1] == "=====================================================");
    CHECK(t[at + 2] == "-----------------------------------------------------");
    CHECK(matches(t[at + 3], R"(^rmmod/\d+ \[HC0\[0\]:SC0\[0\]:HE0:SE1\] is trying to acquire:$)"));
    CHECK(matches(t[at + 4], R"(^[0-9a-f]{16} \(list_lock\)\{\+\.\+\.\}-\{2:2\}, at: flush_events\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdep_irq\]$)"));
    CHECK(t[at + 5] == "");
    CHECK(t[at + 6] == "and this task is already holding:");
    CHECK(matches(t[at + 7], R"(^[0-9a-f]{16} \(dev_lock\)\{-\.\.\.\}-\{2:2\}, at: flush_events\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdep_irq\]$)"));
    CHECK(t[at + 8] == "which would create a new lock dependency:");
    CHECK(t[at + 9] == " (dev_lock){-...}-{2:2} -> (list_lock){+.+.}-{2:2}");
    CHECK(t[at + 10] == "");
    CHECK(t[at + 11] == "but this new dependency connects a HARDIRQ-irq-safe lock:");
    CHECK(t[at + 12] == " (dev_lock){-...}-{2:2}");
    CHECK(t[at + 14] == "... which became HARDIRQ-irq-safe at:");
    CHECK(matches(t[at + 15], R"(^  dev_isr\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdep_irq\]$)"));
    long unsafe = kshim_test::find_line(t, "to a HARDIRQ-irq-unsafe lock:");
    REQUIRE(unsafe > at);
    CHECK(t[unsafe + 1] == " (list_lock){+.+.}-{2:2}");
    CHECK(t[unsafe + 3] == "... which became HARDIRQ-irq-unsafe at:");
    CHECK(t[unsafe + 4] == "...");
    CHECK(matches(t[unsafe + 5], R"(^  add_entry\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdep_irq\]$)"));
    long scen = kshim_test::find_line(t, " Possible interrupt unsafe locking scenario:");
    REQUIRE(scen > unsafe);
    CHECK(t[scen + 2] == "       CPU0                    CPU1");
    CHECK(t[scen + 4] == "  lock(list_lock);");
    CHECK(t[scen + 5] == "                               local_irq_disable();");
    CHECK(t[scen + 6] == "                               lock(dev_lock);");
    CHECK(t[scen + 7] == "                               lock(list_lock);");
    CHECK(t[scen + 8] == "  <Interrupt>");
    CHECK(t[scen + 9] == "    lock(dev_lock);");
    CHECK(t[scen + 11] == " *** DEADLOCK ***");
    CHECK(matches(t[scen + 13], R"(^1 lock held by rmmod/\d+:$)"));
    long deps = kshim_test::find_line(t, "the dependencies between HARDIRQ-irq-safe lock and the holding lock:");
    REQUIRE(deps > scen);
    CHECK(t[deps + 1] == "-> (dev_lock){-...}-{2:2} {");
    CHECK(t[deps + 2] == "   IN-HARDIRQ-W at:");
    CHECK(matches(t[deps + 3], R"(^ {20}dev_isr\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdep_irq\]$)"));
    long fwd = kshim_test::find_line(t, "the dependencies between the lock to be acquired");
    REQUIRE(fwd > deps);
    CHECK(t[fwd + 1] == " and HARDIRQ-irq-unsafe lock:");
    CHECK(t[fwd + 2] == "-> (list_lock){+.+.}-{2:2} {");
    CHECK(t[fwd + 3] == "   HARDIRQ-ON-W at:");
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
    {
    TestKernel k;
    run_lockdep_irq(k, "softirq", false);
    CHECK(k.log_contains("WARNING: SOFTIRQ-safe -> SOFTIRQ-unsafe lock order detected"));
    CHECK(k.log_contains("insmod/100 [HC0[0]:SC0[2]:HE1:SE0] is trying to acquire:"));
    CHECK(k.log_contains(" (dev_lock){+.-.}-{2:2} -> (list_lock){+.+.}-{2:2}"));
    CHECK(k.log_contains("but this new dependency connects a SOFTIRQ-irq-safe lock:"));
    CHECK(k.log_contains("... which became SOFTIRQ-irq-unsafe at:"));
    CHECK(k.log_contains("   IN-SOFTIRQ-W at:"));
    CHECK(k.log_contains("   SOFTIRQ-ON-W at:"));
    CHECK(k.report_count("irq-lock-order") == 1);
    }
    CHECK(twin_is_clean("softirq"));
}

TEST_CASE("a lock that becomes hardirq-safe after it took an irq-unsafe lock is an irq lock inversion", "[locking]")
{
    {
    TestKernel k;
    run_lockdep_irq(k, "inversion", false);
    auto t = k.log_texts();
    long at = kshim_test::find_line(t, "WARNING: possible irq lock inversion dependency detected");
    REQUIRE(at > 0);
    CHECK(t[at - 1] == "========================================================");
    CHECK(matches(t[at + 3], R"(^\S+/\d+ just changed the state of lock:$)"));
    CHECK(matches(t[at + 4], R"(^[0-9a-f]{16} \(dev_lock\)\{-\.\.\.\}-\{2:2\}, at: dev_isr\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdep_irq\]$)"));
    CHECK(t[at + 5] == "but this lock took another, HARDIRQ-unsafe lock in the past:");
    CHECK(t[at + 6] == " (list_lock){+.+.}-{2:2}");
    CHECK(t[at + 9] == "and interrupts could create inverse lock ordering between them.");
    CHECK(t[at + 12] == "other info that might help us debug this:");
    CHECK(t[at + 13] == " Possible interrupt unsafe locking scenario:");
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
    run_lockdep_irq(k, "irqread", false, "lockdep_rw");
    auto t = k.log_texts();
    long at = kshim_test::find_line(t, "WARNING: possible irq lock inversion dependency detected");
    REQUIRE(at > 0);
    CHECK(t[at + 3] == "swapper/0/0 just changed the state of lock:");
    CHECK(matches(t[at + 4], R"(^[0-9a-f]{16} \(dev_lock\)\{-\.\.\.\}-\{2:2\}, at: dev_isr\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdep_rw\]$)"));
    CHECK(t[at + 5] == "but this lock took another, HARDIRQ-READ-unsafe lock in the past:");
    CHECK(t[at + 6] == " (table_lock){.+.+}-{2:2}");
    long deps = kshim_test::find_line(t, "the shortest dependencies between 2nd lock and 1st lock:");
    REQUIRE(deps > at);
    CHECK(t[deps + 1] == " -> (table_lock){.+.+}-{2:2} {");
    CHECK(t[deps + 2] == "    HARDIRQ-ON-R at:");
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
    run_lockdep_irq(k, "held", false);
    auto t = k.log_texts();
    long at = kshim_test::find_line(t, "WARNING: inconsistent lock state");
    REQUIRE(at > 0);
    CHECK(t[at + 3] == "inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage.");
    CHECK(matches(t[at + 4], R"(^rmmod/\d+ \[HC0\[0\]:SC0\[0\]:HE0:SE1\] takes:$)"));
    CHECK(matches(t[at + 5], R"(^[0-9a-f]{16} \(dev_lock\)\{\?\.\.\.\}-\{2:2\}, at: drain_events\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdep_irq\]$)"));
    CHECK(t[at + 6] == "{IN-HARDIRQ-W} state was registered at:");
    CHECK(matches(t[at + 7], R"(^  dev_isr\+0x[0-9a-f]+/0x[0-9a-f]+ \[lockdep_irq\]$)"));
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
    {
    TestKernel k;
    run_lockdep_irq(k, "held_bh", false);
    CHECK(k.log_contains("inconsistent {IN-SOFTIRQ-W} -> {SOFTIRQ-ON-W} usage."));
    CHECK(k.log_contains("insmod/100 [HC0[0]:SC0[0]:HE0:SE1] takes:"));
    CHECK(k.log_contains("{IN-SOFTIRQ-W} state was registered at:"));
    CHECK(k.report_count("inconsistent-lock-state") == 1);
    }
    CHECK(twin_is_clean("held_bh"));
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
