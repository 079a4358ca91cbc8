// Tests for the cooperative scheduler (shim/src/sched/scheduler.cpp, sched_api.cpp): FIFO order, yielding, sleeping and waking, determinism, voluntary points, hung tasks, schedule()'s fallbacks.
#include <catch2/catch.hpp>

#include <cstdint>
#include <regex>
#include <string>
#include <vector>

#include "kshim/testing.hpp"
#include "support/log_match.hpp"
#include "support/subprocess.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/delay.h"
#include "linux/errno.h"
#include "linux/hrtimer.h"
#include "linux/jiffies.h"
#include "linux/kthread.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/sched/signal.h"
#include "linux/signal.h"
#include "linux/timekeeping.h"

using kshim::testing::TestKernel;

namespace {

std::vector<int> order;

int record_once(void *data)
{
    order.push_back((int)(intptr_t)data);
    return 0;
}

int record_yield(void *data)
{
    int id = (int)(intptr_t)data;
    order.push_back(id * 10 + 1);
    yield();
    order.push_back(id * 10 + 2);
    return 0;
}

}  // namespace

TEST_CASE("Tasks woken one after another run in FIFO order", "[sched]")
{
    order.clear();
    TestKernel k;
    k.run_task([] {
        for (intptr_t i = 1; i <= 4; ++i)
            kthread_run(record_once, (void *)i, "fifo%ld", (long)i);
        msleep(1);
        return 0L;
    });
    CHECK(order == std::vector<int>{1, 2, 3, 4});
}

TEST_CASE("yield puts the caller behind every other runnable task", "[sched]")
{
    order.clear();
    TestKernel k;
    k.run_task([] {
        for (intptr_t i = 1; i <= 3; ++i)
            kthread_run(record_yield, (void *)i, "yield%ld", (long)i);
        msleep(1);
        return 0L;
    });
    CHECK(order == std::vector<int>{11, 21, 31, 12, 22, 32});
}

namespace {

struct Sleeper {
    task_struct *task = nullptr;
    long left = -1;
    unsigned long woke_at = 0;
    bool done = false;
};
Sleeper sleeper;

int sleep_interruptible(void *)
{
    set_current_state(TASK_INTERRUPTIBLE);
    sleeper.left = schedule_timeout(100);
    sleeper.woke_at = jiffies;
    sleeper.done = true;
    return 0;
}

int sleep_forever_then_note(void *)
{
    set_current_state(TASK_INTERRUPTIBLE);
    schedule();
    sleeper.woke_at = jiffies;
    sleeper.done = true;
    return 0;
}

}  // namespace

TEST_CASE("schedule_timeout woken early returns the jiffies left", "[sched]")
{
    sleeper = {};
    TestKernel k;
    k.run_task([] {
        sleeper.task = kthread_run(sleep_interruptible, nullptr, "sleeper");
        msleep(20);  // 7 jiffies; the sleeper started its 100-jiffy timeout at the same jiffy
        CHECK_FALSE(sleeper.done);
        CHECK(wake_up_process(sleeper.task) == 1);
        msleep(1);
        return 0L;
    });
    CHECK(sleeper.done);
    CHECK(sleeper.left == 93);
    CHECK(sleeper.woke_at == INITIAL_JIFFIES + 7);
}

TEST_CASE("wake_up_process wakes a sleeping task once and returns 0 for a running one", "[sched]")
{
    sleeper = {};
    TestKernel k;
    std::vector<int> rets;
    k.run_task([&] {
        sleeper.task = kthread_run(sleep_forever_then_note, nullptr, "waitee");
        msleep(1);
        CHECK(sleeper.task->__state == TASK_INTERRUPTIBLE);
        rets.push_back(wake_up_process(sleeper.task));
        rets.push_back(wake_up_process(sleeper.task));  // already TASK_RUNNING
        msleep(1);
        return 0L;
    });
    CHECK(rets == std::vector<int>{1, 0});
    CHECK(sleeper.done);
}

TEST_CASE("A task state set to TASK_RUNNING before schedule() only yields", "[sched]")
{
    order.clear();
    TestKernel k;
    k.run_task([] {
        kthread_run(record_once, (void *)7, "other");
        set_current_state(TASK_RUNNING);
        schedule();
        order.push_back(8);
        return 0L;
    });
    CHECK(order == std::vector<int>{7, 8});
    CHECK(k.now_ns() == 0);
}

TEST_CASE("get_current in a task names that task", "[sched]")
{
    TestKernel k;
    std::string comm;
    int pid = -1;
    k.run_task(
        [&] {
            comm = get_current()->comm;
            pid = get_current()->pid;
            return 0L;
        },
        "probe");
    CHECK(comm == "probe");
    CHECK(pid > 0);
}

namespace {

int ticker(void *data)
{
    int period = (int)(intptr_t)data;
    for (int i = 0; i < 4; ++i) {
        pr_info("t%d: tick %d at %llu\n", period, i, (unsigned long long)ktime_get_ns());
        msleep((unsigned)period);
    }
    return 0;
}

std::vector<kshim::testing::LogLine> ticker_run()
{
    TestKernel k;
    k.run_task([] {
        kthread_run(ticker, (void *)7, "t7");
        kthread_run(ticker, (void *)13, "t13");
        kthread_run(ticker, (void *)4, "t4");
        return 0L;
    });
    k.run_until_idle();
    return k.log();
}

}  // namespace

TEST_CASE("The same tasks give the same interleaving and timestamps on every run", "[sched]")
{
    auto a = ticker_run();
    auto b = ticker_run();
    REQUIRE(a.size() == 12);
    REQUIRE(a.size() == b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].text == b[i].text);
        CHECK(a[i].ts_ns == b[i].ts_ns);
    }
    // Woken in creation order, the first ticks come out in that order at time 0.
    CHECK(a[0].text == "t7: tick 0 at 0");
    CHECK(a[1].text == "t13: tick 0 at 0");
    CHECK(a[2].text == "t4: tick 0 at 0");
}

namespace {

volatile bool flag;

int sleep_then_flag(void *)
{
    msleep(10);  // 5 jiffies: 20 ms
    flag = true;
    return 0;
}

}  // namespace

TEST_CASE("cond_resched in a busy loop lets a sleeping thread's timer fire", "[sched]")
{
    flag = false;
    TestKernel k;
    long spins = k.run_task([] {
        kthread_run(sleep_then_flag, nullptr, "sleepy");
        long n = 0;
        while (!flag) {
            cond_resched();
            ++n;
        }
        return n;
    });
    CHECK(flag);
    // Each voluntary point charges 1 us of virtual time, so 20 ms of spinning is 20000 calls.
    CHECK(spins == 20000);
    CHECK(k.now_ns() == 20'000'000);
}

TEST_CASE("A task blocked in TASK_UNINTERRUPTIBLE while a timer ticks is reported as hung after 240 s", "[sched]")
{
    TestKernel k;
    int err = k.load(kshim_test::test_module("wait_forever"), {"state=2", "tick=1"});
    CHECK(err == -EDEADLK);   // once the timer stops, nothing can wake init: a deadlock
    auto texts = k.log_texts();
    size_t hung = kshim_test::index_of(texts, "INFO: task insmod:100 blocked for more than 120 seconds.");
    REQUIRE(hung < texts.size());
    CHECK(texts[hung + 2] == "\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.");
    CHECK(texts[hung + 3].rfind("task:insmod          state:D stack:0     pid:100", 0) == 0);
    // khungtaskd looks every 120 s: the first look notes the blocked task, the second (240 s after
    // it blocked at 0) reports it.
    CHECK(k.log()[hung].ts_ns == 240ull * 1'000'000'000ull);
    CHECK(kshim_test::count_lines(k, "INFO: task") == 1);
    CHECK(kshim_test::index_of(texts, "kshim: deadlock:") > hung);
}

TEST_CASE("A task blocked in TASK_INTERRUPTIBLE or TASK_IDLE is never reported as hung", "[sched]")
{
    for (auto [param, state] : {std::pair{"state=1", 'S'}, std::pair{"state=3", 'I'}}) {
        INFO(param);
        TestKernel k;
        CHECK(k.load(kshim_test::test_module("wait_forever"), {param, "tick=1"}) == -EDEADLK);
        CHECK_FALSE(k.log_contains("INFO: task"));
        CHECK(k.log_contains(std::string("kshim: insmod:100 (state ") + state + ") waits for wait queue never_wq"));
    }
}

TEST_CASE("set_user_nice and sched_set_fifo pick the priority and the run-queue class", "[sched]")
{
    TestKernel k;
    std::vector<int> prios;
    order.clear();
    k.run_task([&] {
        task_struct *low = kthread_create(record_once, (void *)1, "low");
        task_struct *normal = kthread_create(record_once, (void *)2, "normal");
        task_struct *high = kthread_create(record_once, (void *)3, "high");
        task_struct *fifo = kthread_create(record_once, (void *)4, "fifo");
        set_user_nice(low, 5);
        set_user_nice(high, -5);
        sched_set_fifo(fifo);
        sched_set_normal(normal, 0);
        for (task_struct *t : {low, normal, high, fifo})
            prios.push_back(t->static_prio);
        prios.push_back((int)fifo->policy);
        prios.push_back((int)normal->policy);
        for (task_struct *t : {low, normal, high, fifo})
            wake_up_process(t);
        msleep(1);
        return 0L;
    });
    CHECK(prios == std::vector<int>{125, 120, 115, 120, 1, 0});
    CHECK(order == std::vector<int>{3, 4, 2, 1});  // the high class first, each class FIFO
}

TEST_CASE("find_task_by_vpid finds a live task by pid and nothing once it is gone", "[sched]")
{
    TestKernel k;
    bool found_self = false, found_gone = true;
    k.run_task([&] {
        found_self = find_task_by_vpid(get_current()->pid) == get_current();
        task_struct *t = kthread_run(record_once, (void *)0, "brief");
        pid_t pid = t->pid;
        msleep(1);
        found_gone = find_task_by_vpid(pid) != nullptr;
        return 0L;
    });
    CHECK(found_self);
    CHECK_FALSE(found_gone);
}

TEST_CASE("local_irq_save nests, and restoring the outermost flags enables irqs again", "[sched]")
{
    TestKernel k;
    std::vector<int> off;
    k.run_task([&] {
        unsigned long outer, inner;
        local_irq_save(outer);
        local_irq_save(inner);
        off.push_back(irqs_disabled());
        local_irq_restore(inner);
        off.push_back(irqs_disabled());
        local_irq_restore(outer);
        off.push_back(irqs_disabled());
        return 0L;
    });
    CHECK(off == std::vector<int>{1, 1, 0});
}

namespace {

kshim_test::ProcResult spin_relax(const std::vector<std::string> &extra)
{
    std::vector<std::string> argv = {kshim_test::kshim_run(), kshim_test::test_module("spin_relax"), "--time", "virtual"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return kshim_test::run_process(argv, 30000);
}

}  // namespace

TEST_CASE("A kthread busy-waiting with cpu_relax is a soft lockup once it has spun past the threshold", "[sched]")
{
    auto r = spin_relax({"--softlockup-thresh", "2"});
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 1);
    auto t = kshim_test::texts_of(r.out);
    // Virtual time moved 1 us per cpu_relax; the report comes after whole seconds beyond 2.
    size_t bug = kshim_test::index_of(t, "watchdog: BUG: soft lockup - CPU#0 stuck for 3s! [spin_relax:101]");
    REQUIRE(bug + 5 < t.size());
    CHECK(t[bug + 1] == "Modules linked in: spin_relax");
    CHECK(t[bug + 4] == "Call Trace:");
    CHECK(std::regex_search(r.out, std::regex(R"(\[    3\.0[0-9]+\] watchdog: BUG: soft lockup)")));
    CHECK(std::regex_search(r.out, std::regex(R"(\n\[[ 0-9.]+\]  wait_fn\+0x[0-9a-f]+/0x[0-9a-f]+ \[spin_relax\]\n)")));
    CHECK(kshim_test::index_of(t, "kshim: end of run: spin_relax:101 busy-waited for 3s without sleeping or scheduling") < t.size());
}

TEST_CASE("A kthread busy-waiting with mdelay or udelay is a soft lockup at the default 20 s threshold", "[sched]")
{
    for (std::string mode : {"mdelay", "udelay"}) {
        INFO(mode);
        auto r = spin_relax({"mode=" + mode});
        REQUIRE_FALSE(r.timed_out);
        CHECK(r.exit_code == 1);
        CHECK(r.out.find("] watchdog: BUG: soft lockup - CPU#0 stuck for 21s! [spin_relax:101]") != std::string::npos);
    }
}

TEST_CASE("A busy-wait that calls cond_resched each round is no soft lockup", "[sched]")
{
    auto r = spin_relax({"mode=udelay", "sleep=1", "--run-for", "30s", "--strict"});
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("soft lockup") == std::string::npos);
    CHECK(r.out.find("spin_relax: done waiting") != std::string::npos);
}

TEST_CASE("A task that switched to another in schedule() shows its stack in a hung-task report and then runs on when woken", "[sched]")
{
    TestKernel k;
    REQUIRE(k.load(kshim_test::test_module("sched_park")) == 0);
    k.run_for(400ull * 1'000'000'000ull);
    auto texts = k.log_texts();
    // park_a slept while park_b was queued: it switched straight to it (on x86-64, through
    // sched/switch_x86_64.S), and its stack is dumped from there; park_b went to the host.
    for (const char *who : {"park_a", "park_b"}) {
        size_t hung = kshim_test::index_of(texts, std::string("INFO: task ") + who + ":");
        REQUIRE(hung < texts.size());
        CHECK(k.log()[hung].ts_ns == 240ull * 1'000'000'000ull);
        size_t fn = kshim_test::index_of(texts, std::string(" park_here+0x"), hung);
        REQUIRE(fn < texts.size());
        CHECK(texts[fn + 1].find(std::string(" ") + who + "_fn+0x") == 0);
    }
    // Dumping them did not resume them for good: both sleep on until the timer wakes them.
    size_t waking = kshim_test::index_of(texts, "sched_park: waking a (1) and b (1)");
    REQUIRE(waking < texts.size());
    CHECK(k.log()[waking].ts_ns >= 300ull * 1'000'000'000ull);
    CHECK(kshim_test::index_of(texts, "sched_park: a woke on CPU", waking) < texts.size());
    CHECK(kshim_test::index_of(texts, "sched_park: b woke on CPU", waking) < texts.size());
    auto r = k.unload("sched_park");
    CHECK(r.exit_finished);
    CHECK(k.bugs() == 2);   // the two hung-task reports
}

namespace {

// Two kthreads handing the CPU to each other with wake_up_process and schedule(), the kernel's
// wait pattern, as kbench_switch does: every hand-over is a direct task-to-task switch.
struct PingPong {
    task_struct *side[2] = {nullptr, nullptr};
    volatile int turn = 0;
    int handovers = 0;
    int rounds = 0;
};
PingPong pp;

int ping_pong_side(void *data)
{
    int me = (int)(intptr_t)data;
    for (int i = 0; i < pp.rounds; ++i) {
        for (;;) {
            set_current_state(TASK_UNINTERRUPTIBLE);
            if (pp.turn == me)
                break;
            schedule();
        }
        __set_current_state(TASK_RUNNING);
        ++pp.handovers;
        pp.turn = !me;
        wake_up_process(pp.side[!me]);
    }
    return 0;
}

// Creates the two sides of a 100-round ping-pong in k, neither woken yet.
void create_ping_pong(TestKernel &k)
{
    pp = PingPong{};
    pp.rounds = 100;
    k.run_task([] {
        pp.side[0] = kthread_create(ping_pong_side, (void *)0, "ping");
        pp.side[1] = kthread_create(ping_pong_side, (void *)1, "pong");
        return 0L;
    });
}

}  // namespace

TEST_CASE("A run's goal is tested at every direct switch, so the run stops at the switch where it first holds", "[sched]")
{
    TestKernel k;
    create_ping_pong(k);
    wake_up_process(pp.side[0]);
    REQUIRE(pp.handovers == 0);
    // Both sides stay runnable or woken throughout: only the goal can stop the run early.
    CHECK(k.run_until([] { return pp.handovers >= 10; }, 1000000000ull));
    CHECK(pp.handovers == 10);
    CHECK(k.run_until([] { return pp.handovers >= 151; }, 1000000000ull));
    CHECK(pp.handovers == 151);
    // Quiescence cannot hold while a side is queued: the run goes on to the end.
    CHECK(k.run_until_idle());
    CHECK(pp.handovers == 200);
    CHECK(k.now_ns() == 0);
}

namespace {

// What the signalled sleeper saw once schedule() returned.
struct SignalledSleep {
    bool returned = false;
    long state = -1;
    bool still_pending = false;
};
SignalledSleep ss;

int sleep_signalled(void *)
{
    allow_signal(SIGTERM);
    send_sig(SIGTERM, get_current(), 0);
    set_current_state(TASK_INTERRUPTIBLE);
    schedule();   // another task is queued: the switch would be a direct one
    ss.returned = true;
    ss.state = (long)get_current()->__state;
    ss.still_pending = signal_pending(get_current());
    return 0;
}

}  // namespace

TEST_CASE("A task that calls schedule() in TASK_INTERRUPTIBLE with a signal pending stays runnable while another task is queued", "[sched]")
{
    ss = SignalledSleep{};
    order.clear();
    TestKernel k;
    k.run_task([] {
        kthread_run(sleep_signalled, nullptr, "sigsleep");
        kthread_run(record_once, (void *)1, "other");
        return 0L;
    });
    CHECK(k.run_until_idle());
    CHECK(ss.returned);   // nobody wakes it: only __schedule's signal check keeps it running
    CHECK(ss.state == TASK_RUNNING);
    CHECK(ss.still_pending);
    CHECK(order == std::vector<int>{1});
}

namespace {

// Whether the hrtimer fired, and what the task queued behind its arming saw.
struct DueTimer {
    hrtimer timer;
    bool fired = false;
    int seen_by_next = -1;
};
DueTimer dt;

enum hrtimer_restart due_timer_fn(hrtimer *)
{
    dt.fired = true;
    return HRTIMER_NORESTART;
}

int arm_due_timer(void *)
{
    hrtimer_init(&dt.timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
    dt.timer.function = due_timer_fn;
    hrtimer_start(&dt.timer, 0, HRTIMER_MODE_REL);   // due at once
    schedule();   // TASK_RUNNING, another task queued: the switch would be a direct one
    return 0;
}

int see_due_timer(void *)
{
    dt.seen_by_next = dt.fired;
    return 0;
}

}  // namespace

TEST_CASE("A timer due when a task calls schedule() fires before the task queued next runs", "[sched]")
{
    dt.fired = false;
    dt.seen_by_next = -1;
    TestKernel k;
    k.run_task([] {
        kthread_run(arm_due_timer, nullptr, "armer");
        kthread_run(see_due_timer, nullptr, "next");
        return 0L;
    });
    CHECK(k.run_until_idle());
    CHECK(dt.fired);
    CHECK(dt.seen_by_next == 1);
    CHECK(k.now_ns() == 0);
}

TEST_CASE("A run's goal still stops it at a direct switch after a nested run to a deadline ended", "[sched]")
{
    TestKernel k;
    create_ping_pong(k);
    bool nested = false;
    // The outer goal's first test, on the host with nothing queued, runs a run of its own (as
    // a host callback may) and only then starts the ping-pong.
    CHECK(k.run_until([&] {
        if (!nested) {
            nested = true;
            k.run_for(0);
            wake_up_process(pp.side[0]);
        }
        return pp.handovers >= 10;
    }, 1000000000ull));
    CHECK(pp.handovers == 10);
    CHECK(k.run_until_idle());
    CHECK(pp.handovers == 200);
}
