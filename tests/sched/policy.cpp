// Tests for the scheduling policies (shim/src/sched/policy.cpp): parsing, FIFO as before, seeded random and PCT interleavings that repeat per seed and differ across seeds, the preemption points.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kshim/testing.hpp"
#include "sched/policy.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/atomic.h"
#include "linux/kthread.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/spinlock.h"

using kshim::PolicyKind;
using kshim::SchedConfig;
using kshim::testing::Config;
using kshim::testing::TestKernel;

namespace {

std::string trace;   // which thread ran each step, one letter a step
atomic_t hits;
DEFINE_SPINLOCK(trace_lock);

// Steps with a cond_resched() between them: a voluntary point.
int stepper(void *name)
{
    for (int i = 0; i < 20; ++i) {
        trace += *(const char *)name;
        cond_resched();
    }
    return 0;
}

// Steps separated only by an atomic read-modify-write: a preemption point of kind atomic.
int atomic_stepper(void *name)
{
    for (int i = 0; i < 20; ++i) {
        trace += *(const char *)name;
        atomic_inc(&hits);
    }
    return 0;
}

// Steps separated only by a spin_unlock: a preemption point of kind unlock.
int unlock_stepper(void *name)
{
    for (int i = 0; i < 20; ++i) {
        spin_lock(&trace_lock);
        trace += *(const char *)name;
        spin_unlock(&trace_lock);
    }
    return 0;
}

// Three kthreads running fn under cfg to the end; the interleaving of their steps.
std::string interleaving(Config cfg, int (*fn)(void *))
{
    trace.clear();
    TestKernel k(cfg);
    k.run_task([fn] {
        kthread_run(fn, (void *)"a", "step_a");
        kthread_run(fn, (void *)"b", "step_b");
        kthread_run(fn, (void *)"c", "step_c");
        return 0L;
    });
    REQUIRE(k.run_until_idle());
    return trace;
}

// How many times the running thread changes in a trace (2 for three threads one after another).
size_t switches(const std::string &t)
{
    size_t n = 0;
    for (size_t i = 1; i < t.size(); ++i)
        n += t[i] != t[i - 1];
    return n;
}

Config with(const std::string &sched, uint64_t seed, const std::string &points = "all")
{
    Config c;
    c.sched = sched;
    c.seed = seed;
    c.preempt_points = points;
    return c;
}

}  // namespace

TEST_CASE("The --sched values parse into policies and bad ones are refused", "[sched]")
{
    SchedConfig c;
    CHECK(SchedConfig::parse("random", c));
    CHECK(c.policy == PolicyKind::Random);
    CHECK(SchedConfig::parse("pct:5", c));
    CHECK(c.policy == PolicyKind::Pct);
    CHECK(c.pct_depth == 5);
    CHECK(SchedConfig::parse("fifo", c));
    CHECK(c.policy == PolicyKind::Fifo);
    for (const char *bad : {"", "pct:", "pct:0", "pct:x", "pct5", "rand", "fifo:2"})
        CHECK_FALSE(SchedConfig::parse(bad, c));
    unsigned points = 0;
    CHECK(SchedConfig::parse_points("unlock,wakeup", points));
    CHECK(points == (kshim::kPointUnlock | kshim::kPointWakeup));
    CHECK(SchedConfig::parse_points("none", points));
    CHECK(points == 0);
    CHECK_FALSE(SchedConfig::parse_points("unlock,", points));
    CHECK_FALSE(SchedConfig::parse_points("locks", points));
    SchedConfig r;
    r.policy = PolicyKind::Pct;
    r.points = kshim::kPointAtomic;
    CHECK(r.describe(7) == "sched=pct:3 seed=7 preempt-points=atomic");
    CHECK(r.options() == "--sched pct:3 --preempt-points atomic");
    CHECK(SchedConfig{}.describe(9) == "sched=fifo seed=9");
}

TEST_CASE("Under FIFO a voluntary point does not switch before the time slice is used up", "[sched]")
{
    std::string fifo = interleaving(Config{}, stepper);
    CHECK(fifo == std::string(20, 'a') + std::string(20, 'b') + std::string(20, 'c'));
    CHECK(interleaving(with("fifo", 5), stepper) == fifo);   // the seed changes nothing here
}

TEST_CASE("The random policy gives the same interleaving for the same seed and others for other seeds", "[sched]")
{
    std::string one = interleaving(with("random", 1), stepper);
    CHECK(one.size() == 60);
    CHECK(one != std::string(20, 'a') + std::string(20, 'b') + std::string(20, 'c'));
    CHECK(interleaving(with("random", 1), stepper) == one);
    std::vector<std::string> seen{one};
    for (uint64_t seed = 2; seed <= 6; ++seed)
        seen.push_back(interleaving(with("random", seed), stepper));
    std::sort(seen.begin(), seen.end());
    CHECK(std::unique(seen.begin(), seen.end()) == seen.end());   // six seeds, six interleavings
}

TEST_CASE("PCT runs the highest-priority task until a change point, the same way for the same seed", "[sched]")
{
    std::vector<std::string> runs;
    for (uint64_t seed = 1; seed <= 8; ++seed) {
        std::string t = interleaving(with("pct:2", seed), stepper);
        CHECK(interleaving(with("pct:2", seed), stepper) == t);
        runs.push_back(t);
    }
    // With depth 2 a run has at most one change point: few switches (the creator's wake-ups
    // add some), not random's shuffle.
    for (const std::string &t : runs)
        CHECK(switches(t) <= 6);
    CHECK(switches(interleaving(with("random", 1), stepper)) > 15);
    std::sort(runs.begin(), runs.end());
    CHECK(std::unique(runs.begin(), runs.end()) - runs.begin() >= 3);
}

TEST_CASE("Atomic read-modify-writes and lock releases are preemption points only when enabled", "[sched]")
{
    CHECK(switches(interleaving(with("random", 3, "none"), atomic_stepper)) == 2);
    CHECK(switches(interleaving(with("random", 3, "unlock"), atomic_stepper)) == 2);
    CHECK(switches(interleaving(with("random", 3, "atomic"), atomic_stepper)) > 10);
    CHECK(switches(interleaving(with("random", 3, "atomic"), unlock_stepper)) == 2);
    CHECK(switches(interleaving(with("random", 3, "unlock"), unlock_stepper)) > 10);
    CHECK(switches(interleaving(Config{}, atomic_stepper)) == 2);   // FIFO takes none of them
}
