// Scheduling policies behind one interface: FIFO (the default), seeded random and PCT.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "lib/random.hpp"

namespace kshim {

struct Task;

enum class PolicyKind : uint8_t {
    Fifo,     // run queue order; a voluntary point switches when the slice is used up
    Random,   // any queued task next, and a switch at any switch point, drawn from the seed
    Pct,      // priority-based probabilistic concurrency testing (Burckhardt et al., ASPLOS 2010)
};

// The optional preemption points the exploring policies add to the calls that can switch
// anyway (bits of kshim_preempt_points, shim/include/kshim/internal/preempt_point.h).
enum PreemptPoint : unsigned {
    kPointUnlock = 1,   // spin/rw/mutex/semaphore/rwsem release
    kPointAtomic = 2,   // atomic_t read-modify-writes (atomic_inc, cmpxchg, ...)
    kPointWakeup = 4,   // wake_up_process, wake_up*, complete*
    kPointAll = 7,
};

// The runner's --sched, --seed and --preempt-points; the test API's Config. The seed is the
// kernel's (Options::seed): get_random and the policy both draw from it.
struct SchedConfig {
    PolicyKind policy = PolicyKind::Fifo;
    unsigned pct_depth = 3;         // PCT's d: d - 1 priority change points per run
    unsigned points = kPointAll;    // the exploring policies' extra points (FIFO takes none)
    // "fifo", "random", "pct:3" as --sched takes them; false if text is none of those.
    static bool parse(const std::string &text, SchedConfig &out);
    // --preempt-points: "all", "none" or a list of unlock,atomic,wakeup; false if malformed.
    static bool parse_points(const std::string &text, unsigned &out);
    // What the run's report prints: "sched=random seed=7 preempt-points=unlock,atomic,wakeup".
    std::string describe(uint64_t seed) const;
    // The runner options that give this policy ("--sched pct:3", "--sched random
    // --preempt-points unlock"); the seed goes with --seed or --replay.
    std::string options() const;
};

// An exploring policy's decisions. The scheduler asks only when some other task is queued;
// `queued` lists the tasks that could run now, in FIFO order. All atomic-safe, host or task.
class Policy {
public:
    virtual ~Policy() = default;
    // The index in queued of the task to run next.
    virtual size_t pick(const std::vector<Task *> &queued) = 0;
    // At a switch point of the running task t: should it give way now? (PCT may lower t.)
    virtual bool preempt(Task &t, const std::vector<Task *> &queued) = 0;
    // A new task exists (PCT gives it its priority).
    virtual void created(Task &) {}

    // The policy of cfg drawing from seed; nullptr for FIFO (the scheduler's own fast path).
    static std::unique_ptr<Policy> make(const SchedConfig &cfg, uint64_t seed);
};

}  // namespace kshim
