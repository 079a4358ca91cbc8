// Tests for kernel-style bug reports (shim/src/debug/report.cpp): WARN_ON, invalid-context sleeps, scheduling while atomic.
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include "debug/report.hpp"
#include "kernel.hpp"
#include "kshim/testing.hpp"
#include "support/log_match.hpp"
#include "support/subprocess.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/delay.h"
#include "linux/gfp.h"
#include "linux/preempt.h"
#include "linux/slab.h"

using kshim::testing::TestKernel;
using kshim_test::index_of;

TEST_CASE("WARN_ON returns its condition and prints the cut-here report naming the call site", "[debug]")
{
    TestKernel k;
    REQUIRE(k.load(kshim_test::test_module("debug_warn")) == 0);
    CHECK(k.warnings() == 2);
    CHECK(k.bugs() == 0);
    CHECK(k.log_contains("debug_warn: WARN_ON returned 1 then 0"));
    auto t = k.log_texts();
    size_t cut = index_of(t, "------------[ cut here ]------------");
    REQUIRE(cut + 3 < t.size());
    CHECK(std::regex_match(t[cut + 1], std::regex(R"(^WARNING: CPU: 0 PID: 100 at \S*debug_warn\.c:[0-9]+ debug_warn_check(\.[a-z]+\.[0-9]+)?\+0x[0-9a-f]+/0x[0-9a-f]+ \[debug_warn\]$)")));
    CHECK(t[cut + 2] == "Modules linked in: debug_warn");
    // The first WARNING is printed before it taints the kernel; the second shows the W.
    CHECK(std::regex_match(t[cut + 3], std::regex(R"(^CPU: 0 PID: 100 Comm: insmod Not tainted 6\.1\.0-kshim #1$)")));
    CHECK(index_of(t, "RIP: 0010:debug_warn_check", cut) < t.size());
    size_t end = index_of(t, "---[ end trace ", cut);
    CHECK(end < t.size());
    // WARN(cond, fmt): the message comes right after "cut here", before the WARNING line.
    size_t cut2 = index_of(t, "------------[ cut here ]------------", end);
    REQUIRE(cut2 + 2 < t.size());
    CHECK(t[cut2 + 1] == "debug_warn: zero is 0");
    CHECK(t[cut2 + 2].rfind("WARNING: CPU: ", 0) == 0);
    REQUIRE(cut2 + 4 < t.size());
    CHECK(std::regex_match(t[cut2 + 4], std::regex(R"(^CPU: 0 PID: 100 Comm: insmod Tainted: G {8}W {9} 6\.1\.0-kshim #1$)")));
    CHECK(k.log()[cut].level == 4);
    CHECK(k.unload("debug_warn").error == 0);
}

TEST_CASE("Sleeping with preemption disabled is reported as an invalid-context sleep", "[debug]")
{
    TestKernel k;
    k.run_task(
        [] {
            preempt_disable();
            msleep(1);
            preempt_enable();
            return 0L;
        },
        "atomic");
    auto t = k.log_texts();
    size_t i = index_of(t, "BUG: sleeping function called from invalid context at ");
    REQUIRE(i + 1 < t.size());
    CHECK(std::regex_match(t[i + 1], std::regex(R"(^in_atomic\(\): 1, irqs_disabled\(\): 0, non_block: 0, pid: 100, name: atomic$)")));
    CHECK(index_of(t, "BUG: scheduling while atomic: atomic/") < t.size());
    // Not exact: Linux's msleep() has no might_sleep(), so it prints only the second report.
    CHECK(k.bugs() >= 2);
}

TEST_CASE("GFP_KERNEL allocations check the context but GFP_ATOMIC ones do not", "[debug]")
{
    TestKernel k;
    k.run_task([] {
        preempt_disable();
        kfree(kmalloc(16, GFP_ATOMIC));
        preempt_enable();
        return 0L;
    });
    CHECK(k.bugs() == 0);
    k.run_task([] {
        preempt_disable();
        kfree(kmalloc(16, GFP_KERNEL));
        preempt_enable();
        return 0L;
    });
    CHECK(k.bugs() == 1);
    CHECK(k.log_texts()[0].rfind("BUG: sleeping function called from invalid context at ", 0) == 0);
}

TEST_CASE("every report is kept as a record with its kind, task, module, function and headline", "[debug]")
{
    TestKernel k;
    REQUIRE(k.load(kshim_test::test_module("debug_warn")) == 0);
    auto reps = k.reports();
    REQUIRE(reps.size() == 2);
    CHECK(reps[0].kind == "warning");
    CHECK(reps[0].detector == "warn");
    CHECK(reps[0].task == "insmod");
    CHECK(reps[0].pid == 100);
    CHECK(reps[0].module == "debug_warn");
    CHECK(reps[0].function == "debug_warn_check");
    CHECK(std::regex_match(reps[0].text, std::regex(R"(^WARNING: at .*debug_warn\.c:\d+$)")));
    CHECK(reps[1].function == "debug_warn_init");
    CHECK(reps[1].text == "debug_warn: zero is 0");
    CHECK(k.report_count("warning") == 2);
    CHECK(k.report_count("warn") == 2);
    CHECK(k.report_count("bug") == 0);
    CHECK(k.kernel().reports().summary_by_kind() == "warning 2");
}

TEST_CASE("a silenced detector neither prints nor counts its reports", "[debug]")
{
    kshim::testing::Config cfg;
    cfg.no_detectors = {"warn"};
    TestKernel k(cfg);
    REQUIRE(k.load(kshim_test::test_module("debug_warn")) == 0);
    CHECK(k.log_contains("debug_warn: WARN_ON returned 1 then 0"));   // WARN_ON still returns its condition
    CHECK_FALSE(k.log_contains("cut here"));
    CHECK(k.warnings() == 0);
    CHECK(k.reports().empty());
    CHECK(kshim::Reports::known_name("warn"));
    CHECK(kshim::Reports::known_name("circular-locking"));
    CHECK_FALSE(kshim::Reports::known_name("nosuch"));
}
