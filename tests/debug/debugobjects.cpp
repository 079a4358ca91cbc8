// Tests for debugobjects (shim/src/debug/debugobjects.cpp and each owner's free_active): freeing active work, timers, hrtimers and tasklets.
#include <catch2/catch.hpp>

#include <cstdint>
#include <regex>
#include <string>
#include <vector>

#include "kshim/testing.hpp"
#include "support/subprocess.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/bottom_half.h"
#include "linux/delay.h"
#include "linux/hrtimer.h"
#include "linux/irqflags.h"
#include "linux/jiffies.h"
#include "linux/slab.h"
#include "linux/timer.h"

using kshim::testing::TestKernel;

namespace {

constexpr uint64_t kSecond = 1'000'000'000;

bool has_line(const TestKernel &k, const std::string &re)
{
    std::regex r(re);
    for (const std::string &t : k.log_texts())
        if (std::regex_match(t, r))
            return true;
    return false;
}

// Loads test module `module` with `params` into k and runs the kernel on for ns (0: not at all).
void load_run(TestKernel &k, const std::string &module, const std::vector<std::string> &params, uint64_t ns)
{
    REQUIRE(k.load(kshim_test::test_module(module), params) == 0);
    if (ns)
        k.run_for(ns);
}

// 6.1's debugobjects report line, as a regex: "ODEBUG: EVENT (active state 0) object type: TYPE
// hint: HINT+0x0/0x...", then `tail` (a regex: the hint's module tag, optional, or nothing).
std::string odebug_line(const std::string &event, const std::string &type, const std::string &hint,
                        const std::string &tail)
{
    return R"(^ODEBUG: )" + event + R"( \(active state 0\) object type: )" + type + " hint: " + hint +
           R"(\+0x0/0x[0-9a-f]+)" + tail + "$";
}

// The WARNING line after it, as a regex: task `pid`, at lib/debugobjects.c:LINE, in `where`
// (function+offset/size) of module `mod`.
std::string warning_line(const std::string &pid, const std::string &line, const std::string &where,
                         const std::string &mod)
{
    return R"(^WARNING: CPU: \d PID: )" + pid + " at lib/debugobjects.c:" + line + " " + where + R"( \[)" + mod +
           R"(\]$)";
}

const std::string kFreeActiveTag = R"( \[odebug_free_active\])";
const std::string kAnyOffset = R"(\+0x[0-9a-f]+/0x[0-9a-f]+)";

// odebug_free_active with kind=KIND run for 1 s: 6.1's one report EVENT of an object of `type`
// whose hint is `hint`, one warning, and never "OBJ ran": the fixup took it off its queue.
void check_fixed_up(const char *kind, const char *event, const char *type, const char *hint, const char *obj)
{
    TestKernel k;
    load_run(k, "odebug_free_active", {std::string("kind=") + kind}, kSecond);
    CHECK(has_line(k, odebug_line(event, type, hint, kFreeActiveTag)));
    CHECK(k.warnings() == 1);
    CHECK_FALSE(k.log_contains(std::string(obj) + " ran"));
}

}  // namespace

TEST_CASE("Freeing memory that holds a queued work item, armed timer or hrtimer is reported in debugobjects' words and the object is cancelled", "[debug]")
{
    struct Case {
        const char *kind, *type, *hint;
    };
    for (Case c : {Case{"work", "work_struct", "box_work_fn"}, Case{"dwork", "timer_list", "delayed_work_timer_fn"},
                   Case{"timer", "timer_list", "box_timer_fn"}, Case{"hrtimer", "hrtimer", "box_hrtimer_fn"},
                   Case{"tasklet", "tasklet_struct", "box_tasklet_fn"}}) {
        INFO("kind=" << c.kind);
        TestKernel k;
        load_run(k, "odebug_free_active", {std::string("kind=") + c.kind}, 3 * kSecond);
        CHECK(has_line(k, odebug_line("free active", c.type, c.hint, c.kind == std::string("dwork") ? "" : kFreeActiveTag)));
        CHECK(has_line(k, warning_line("100", R"(\d+)", "active_init" + kAnyOffset, "odebug_free_active")));
        CHECK(k.warnings() == 1);
        CHECK_FALSE(k.log_contains(" ran"));  // fixed up: cancelled before the memory went away
        CHECK(k.bugs() == 0);                 // nothing wrote into the freed object either
        k.unload("odebug_free_active");
        CHECK(k.bugs() == 0);
    }
}

TEST_CASE("Destroying an on-stack work item that is still queued is reported as a free of an active object", "[debug]")
{
    check_fixed_up("stack", "free active", "work_struct", "box_work_fn", "work");
}

TEST_CASE("The correct twin that cancels each object before freeing it is not flagged", "[debug]")
{
    TestKernel k;
    load_run(k, "odebug_clean", {}, 3 * kSecond);
    CHECK(k.log_contains("odebug_clean: done"));
    CHECK_FALSE(k.log_contains("ODEBUG"));
    CHECK(k.warnings() == 0);
    CHECK(k.bugs() == 0);
}

TEST_CASE("INIT_WORK on a queued work item is reported as init active and the item is taken off its queue", "[debug]")
{
    check_fixed_up("reinit", "init active", "work_struct", "box_work_fn", "work");  // and no free active
}

TEST_CASE("Queueing a work item that was never initialised is reported as activate not available", "[debug]")
{
    TestKernel k;
    load_run(k, "odebug_free_active", {"kind=uninit"}, 0);
    CHECK(has_line(k, odebug_line("activate not available", "work_struct", "box_work_fn", kFreeActiveTag)));
    CHECK(k.warnings() == 1);
    CHECK(k.log_contains("work ran"));  // as in 6.1, the report does not stop it
}

TEST_CASE("timer_setup on an armed timer is reported as init active and the timer is disarmed", "[debug]")
{
    check_fixed_up("retimer", "init active", "timer_list", "box_timer_fn", "timer");  // and no free active
}

TEST_CASE("hrtimer_init on a queued hrtimer is reported as init active and the timer is cancelled", "[debug]")
{
    check_fixed_up("rehrtimer", "init active", "hrtimer", "box_hrtimer_fn", "hrtimer");
}

TEST_CASE("A work item on the stack initialised without INIT_WORK_ONSTACK is reported as 6.1's debugobjects does", "[debug]")
{
    TestKernel k;
    load_run(k, "odebug_stack", {"bug=unannotated"}, 0);
    CHECK(has_line(k, R"(^ODEBUG: object [0-9a-f]{16} is on stack [0-9a-f]{16}, but NOT annotated\.$)"));
    CHECK(has_line(k, warning_line(R"(\d+)", "558", "odebug_stack_init" + kAnyOffset, "odebug_stack")));
    CHECK(k.report_count("odebug-on-stack") == 1);
    CHECK(k.log_contains("odebug_stack: work ran"));  // only a report: the item still runs
}

TEST_CASE("A static work item initialised with INIT_WORK_ONSTACK is reported as annotated but not on the stack", "[debug]")
{
    TestKernel k;
    load_run(k, "odebug_stack", {"bug=annotated"}, 0);
    CHECK(has_line(k, R"(^ODEBUG: object [0-9a-f]{16} is NOT on stack [0-9a-f]{16}, but annotated\.$)"));
    CHECK(k.warnings() == 1);
}

TEST_CASE("destroy_delayed_work_on_stack of a delayed work whose timer is armed is 6.1's free active of a timer_list", "[debug]")
{
    TestKernel k;
    load_run(k, "odebug_stack", {"bug=destroy_dwork"}, 3 * kSecond);
    CHECK(has_line(k, odebug_line("free active", "timer_list", "delayed_work_timer_fn", "")));
    CHECK(has_line(k, warning_line(R"(\d+)", "515", "odebug_stack_init" + kAnyOffset, "odebug_stack")));
    CHECK(k.warnings() == 1);
    CHECK_FALSE(k.log_contains("odebug_stack: work ran"));
}

TEST_CASE("On-stack work initialised with INIT_WORK_ONSTACK and destroyed, and static work with INIT_WORK, are not flagged", "[debug]")
{
    TestKernel k;
    load_run(k, "odebug_stack", {"bug=none"}, kSecond);
    CHECK_FALSE(k.log_contains("ODEBUG"));
    CHECK(k.warnings() == 0);
    CHECK(k.bugs() == 0);
}

namespace {

// odebug_frame_end with bug=B, run for 3 s of virtual time (past every timer the module arms).
void load_frame_end(TestKernel &k, const char *b) { load_run(k, "odebug_frame_end", {std::string("bug=") + b}, 3 * kSecond); }

// 6.1's free-active report for an object of `type` whose hint is `hint`, at the function whose
// frame held it.
void check_frame_report(const TestKernel &k, const std::string &type, const std::string &hint, const std::string &frame)
{
    CHECK(has_line(k, odebug_line("free active", type, hint, R"(( \[odebug_frame_end\])?)")));
    CHECK(has_line(k, warning_line(R"(\d+)", "515", frame + R"(\+0x0/0x[0-9a-f]+)", "odebug_frame_end")));
}

// odebug_frame_end with bug=B: that report, the only warning, and "odebug_frame_end: OBJ ran"
// never printed (the object never ran from the dead frame).
void check_frame_end(TestKernel &k, const char *b, const std::string &type, const std::string &hint,
                     const std::string &frame, const std::string &obj)
{
    load_frame_end(k, b);
    check_frame_report(k, type, hint, frame);
    CHECK(k.warnings() == 1);
    CHECK_FALSE(k.log_contains("odebug_frame_end: " + obj + " ran"));
}

}  // namespace

TEST_CASE("An on-stack work item still queued when its frame returns is 6.1's free active and never runs from the dead frame", "[debug]")
{
    for (const char *b : {"work", "inactive"}) {
        DYNAMIC_SECTION(b)
        {
            TestKernel k;
            check_frame_end(k, b, "work_struct", "frame_work_fn", "queue_work_and_return", "work");
            CHECK(k.bugs() == 0);
            CHECK(k.log_contains("odebug_frame_end: scribbled"));   // the thread ran on over the dead frame
            CHECK(k.unload("odebug_frame_end").error == 0);
        }
    }
}

TEST_CASE("An on-stack delayed work whose timer is armed when its frame returns is 6.1's free active of a timer_list", "[debug]")
{
    TestKernel k;
    check_frame_end(k, "dwork", "timer_list", "delayed_work_timer_fn", "arm_dwork_and_return", "work");
}

TEST_CASE("An on-stack timer_list or hrtimer armed when its frame returns is 6.1's free active and never fires from the overwritten stack", "[debug]")
{
    SECTION("timer_list")
    {
        TestKernel k;
        check_frame_end(k, "timer", "timer_list", "frame_timer_fn", "arm_timer_and_return", "timer");
        CHECK(k.bugs() == 0);
        CHECK(k.log_contains("odebug_frame_end: scribbled"));
    }
    SECTION("hrtimer")
    {
        TestKernel k;
        check_frame_end(k, "hrtimer", "hrtimer", "frame_hrtimer_fn", "start_hrtimer_and_return", "hrtimer");
        CHECK(k.bugs() == 0);
    }
}

TEST_CASE("An on-stack timer initialised where a dead frame left an armed one reports the dead one first", "[debug]")
{
    TestKernel k;
    load_frame_end(k, "twice");
    check_frame_report(k, "timer_list", "frame_timer_fn", "arm_timer_and_return");
    CHECK(k.warnings() == 2);
    CHECK(k.bugs() == 0);
    CHECK_FALSE(k.log_contains("odebug_frame_end: timer ran"));
}

TEST_CASE("An on-stack timer armed when its frame returns is reported as its task switches in schedule(), before the next task runs", "[debug]")
{
    TestKernel k;
    load_frame_end(k, "switch");
    check_frame_report(k, "timer_list", "frame_timer_fn", "arm_timer_and_return");
    CHECK(k.warnings() == 1);
    const std::vector<std::string> texts = k.log_texts();
    size_t report = texts.size(), other = texts.size();
    for (size_t i = 0; i < texts.size(); ++i) {
        if (report == texts.size() && texts[i].starts_with("ODEBUG: free active"))
            report = i;
        if (texts[i] == "odebug_frame_end: other ran")
            other = i;
    }
    CHECK(report < other);
    CHECK(other < texts.size());
    CHECK_FALSE(k.log_contains("odebug_frame_end: timer ran"));
}

TEST_CASE("On-stack objects still active when their kthread ends are reported at its exit", "[debug]")
{
    TestKernel k;
    load_frame_end(k, "exit");
    check_frame_report(k, "timer_list", "frame_timer_fn", "frame_thread");
    check_frame_report(k, "work_struct", "frame_work_fn", "frame_thread");
    CHECK(k.warnings() == 2);
    CHECK_FALSE(k.log_contains("odebug_frame_end: timer ran"));
    CHECK_FALSE(k.log_contains("odebug_frame_end: work ran"));
}

TEST_CASE("On-stack work, delayed work, timers and hrtimers flushed or cancelled before their frame returns are not flagged", "[debug]")
{
    TestKernel k;
    load_frame_end(k, "none");
    CHECK_FALSE(k.log_contains("ODEBUG"));
    CHECK(k.warnings() == 0);
    CHECK(k.bugs() == 0);
    CHECK(k.log_contains("odebug_frame_end: work ran"));
    CHECK(k.unload("odebug_frame_end").error == 0);
}

TEST_CASE("The runner's --strict fails a run whose on-stack timer outlived its frame and passes the correct twin", "[debug]")
{
    kshim_test::ProcResult bad = kshim_test::run_module("odebug_frame_end", {"bug=timer", "--strict"});
    CHECK_FALSE(bad.timed_out);
    CHECK(bad.term_signal == 0);
    CHECK(bad.exit_code != 0);
    CHECK(bad.out.find("ODEBUG: free active (active state 0) object type: timer_list hint: frame_timer_fn") != std::string::npos);
    kshim_test::ProcResult good = kshim_test::run_module("odebug_frame_end", {"bug=none", "--strict"});
    CHECK_FALSE(good.timed_out);
    CHECK(good.exit_code == 0);
}

namespace {

// A kmalloc'd object holding several timers, and the callbacks that count their runs.
struct Box {
    timer_list a;
    hrtimer h;
    timer_list b;
};
int box_runs = 0;
void count_timer_fn(timer_list *) { ++box_runs; }
void other_timer_fn(timer_list *) { ++box_runs; }
enum hrtimer_restart count_hrtimer_fn(hrtimer *) { ++box_runs; return HRTIMER_NORESTART; }
enum hrtimer_restart periodic_hrtimer_fn(hrtimer *t)
{
    ++box_runs;
    hrtimer_forward_now(t, ms_to_ktime(10));
    return HRTIMER_RESTART;
}

// Box's timers set up with their callbacks (h with hr_fn), none armed. Task context.
Box *new_box(enum hrtimer_restart (*hr_fn)(hrtimer *))
{
    auto *box = static_cast<Box *>(kmalloc(sizeof(Box), GFP_KERNEL));
    timer_setup(&box->a, count_timer_fn, 0);
    timer_setup(&box->b, other_timer_fn, 0);
    hrtimer_init(&box->h, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
    box->h.function = hr_fn;
    return box;
}

// The log's free-active reports, in order, as "TYPE HINT" (the hint's bare function name).
std::vector<std::string> free_reports(const TestKernel &k)
{
    std::vector<std::string> out;
    std::regex r(R"(^ODEBUG: free active \(active state 0\) object type: (\S+) hint: (?:\(anonymous namespace\)::)?([a-z_]+)[(+].*$)");
    std::smatch m;
    for (const std::string &t : k.log_texts())
        if (std::regex_match(t, m, r))
            out.push_back(m[1].str() + " " + m[2].str());
    return out;
}

}  // namespace

TEST_CASE("kfree of memory holding several armed timer_lists and an hrtimer reports each, timer_lists first, lowest address first, and spares the timers outside it", "[debug]")
{
    TestKernel k;
    box_runs = 0;
    static timer_list outside;
    k.run_task([] {
        Box *box = new_box(count_hrtimer_fn);
        timer_setup(&outside, count_timer_fn, 0);
        mod_timer(&outside, jiffies + HZ);
        mod_timer(&box->b, jiffies + HZ);
        hrtimer_start(&box->h, ms_to_ktime(500), HRTIMER_MODE_REL);
        mod_timer(&box->a, jiffies + 2 * HZ);
        kfree(box);
        return 0L;
    });
    CHECK(free_reports(k) == std::vector<std::string>{"timer_list count_timer_fn", "timer_list other_timer_fn",
                                                      "hrtimer count_hrtimer_fn"});
    CHECK(k.warnings() == 3);
    CHECK(timer_pending(&outside));
    k.run_for(3 * kSecond);
    CHECK(box_runs == 1);   // only the timer outside the freed memory ran
    CHECK(k.bugs() == 0);
}

TEST_CASE("kfree of a timer_list and an hrtimer that expired but whose callbacks have not run yet reports both as free active", "[debug]")
{
    TestKernel k;
    box_runs = 0;
    k.run_task([] {
        Box *box = new_box(count_hrtimer_fn);
        local_bh_disable();
        local_irq_disable();
        mod_timer(&box->a, jiffies + 1);
        hrtimer_start(&box->h, ms_to_ktime(1), HRTIMER_MODE_REL);
        mdelay(20);   // both expire: due, their softirq and interrupt held off
        kfree(box);
        local_irq_enable();
        local_bh_enable();
        return 0L;
    });
    CHECK(free_reports(k) == std::vector<std::string>{"timer_list count_timer_fn", "hrtimer count_hrtimer_fn"});
    k.run_for(kSecond);
    CHECK(box_runs == 0);
    CHECK(k.bugs() == 0);
}

TEST_CASE("kfree after a timer_list ran is not flagged, and an hrtimer that restarted from its callback still is", "[debug]")
{
    TestKernel k;
    box_runs = 0;
    Box *box = nullptr;
    k.run_task([&] {
        box = new_box(periodic_hrtimer_fn);
        mod_timer(&box->a, jiffies + 1);
        hrtimer_start(&box->h, ms_to_ktime(10), HRTIMER_MODE_REL);
        return 0L;
    });
    k.run_for(kSecond / 10);
    CHECK(box_runs > 2);   // a ran once, h a few times
    k.run_task([&] {
        kfree(box);
        return 0L;
    });
    CHECK(free_reports(k) == std::vector<std::string>{"hrtimer periodic_hrtimer_fn"});
    CHECK(k.warnings() == 1);
}
