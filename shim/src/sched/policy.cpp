// The exploring policies (seeded random, PCT) and the parsing and printing of their options.
#include "sched/policy.hpp"

#include <algorithm>
#include <cstdlib>

#include "sched/task.hpp"

namespace kshim {

namespace {

// The policy's stream is the seed's, moved off the one get_random draws from.
constexpr uint64_t kStreamSalt = 0x9e3779b97f4a7c15ull;
// PCT's k, the number of steps its change points are spread over: fixed, so that a seed alone
// gives the run. Each pick and each switch point the policy is asked about is a step.
constexpr uint64_t kPctSteps = 1000;

// Uniform over the run queue, and a switch at a point as often as the running task is one of
// the n + 1 that could run.
class RandomPolicy final : public Policy {
public:
    explicit RandomPolicy(uint64_t seed) : rng_(seed ^ kStreamSalt) {}
    size_t pick(const std::vector<Task *> &queued) override { return rng_.u64() % queued.size(); }
    bool preempt(Task &, const std::vector<Task *> &queued) override
    {
        return rng_.u64() % (queued.size() + 1) != 0;
    }

private:
    Random rng_;
};

// PCT: every task gets a random priority at creation, the highest-priority runnable task runs,
// and at d - 1 random steps the running task drops below every initial priority (to the
// change point's index, so later drops go lower still).
class PctPolicy final : public Policy {
public:
    PctPolicy(uint64_t seed, unsigned depth) : rng_(seed ^ kStreamSalt), depth_(depth ? depth : 1)
    {
        for (unsigned i = 1; i < depth_; ++i)
            changes_.push_back(1 + rng_.u64() % kPctSteps);
    }
    void created(Task &t) override { t.explore_prio = depth_ + 1 + rng_.u64() % (1ull << 40); }
    size_t pick(const std::vector<Task *> &queued) override
    {
        step();
        size_t best = 0;
        for (size_t i = 1; i < queued.size(); ++i)
            if (queued[i]->explore_prio > queued[best]->explore_prio)
                best = i;
        return best;
    }
    bool preempt(Task &t, const std::vector<Task *> &queued) override
    {
        if (unsigned i = step())   // a change point: the running task drops
            t.explore_prio = depth_ - i;
        for (Task *q : queued)
            if (q->explore_prio > t.explore_prio)
                return true;
        return false;
    }

private:
    // Counts a step; the change point's number (1 .. d-1) if this step is one, else 0.
    unsigned step()
    {
        ++steps_;
        for (size_t i = 0; i < changes_.size(); ++i)
            if (changes_[i] == steps_)
                return (unsigned)i + 1;
        return 0;
    }

    Random rng_;
    unsigned depth_;
    uint64_t steps_ = 0;
    std::vector<uint64_t> changes_;
};

// The names of the preemption points, in bit order.
constexpr const char *kPointNames[] = {"unlock", "atomic", "wakeup"};

}  // namespace

std::unique_ptr<Policy> Policy::make(const SchedConfig &cfg, uint64_t seed)
{
    switch (cfg.policy) {
    case PolicyKind::Fifo: return nullptr;
    case PolicyKind::Random: return std::make_unique<RandomPolicy>(seed);
    case PolicyKind::Pct: return std::make_unique<PctPolicy>(seed, cfg.pct_depth);
    }
    return nullptr;
}

bool SchedConfig::parse(const std::string &text, SchedConfig &out)
{
    if (text == "fifo" || text == "random") {
        out.policy = text == "fifo" ? PolicyKind::Fifo : PolicyKind::Random;
        return true;
    }
    if (text.rfind("pct", 0) != 0)
        return false;
    out.policy = PolicyKind::Pct;
    if (text.size() == 3)
        return true;
    char *end = nullptr;
    long d = std::strtol(text.c_str() + 4, &end, 10);
    if (text[3] != ':' || !text[4] || *end || d < 1 || d > 100)
        return false;
    out.pct_depth = (unsigned)d;
    return true;
}

bool SchedConfig::parse_points(const std::string &text, unsigned &out)
{
    if (text == "all" || text == "none") {
        out = text == "all" ? (unsigned)kPointAll : 0u;
        return true;
    }
    out = 0;
    for (size_t start = 0; start <= text.size();) {
        size_t comma = std::min(text.find(',', start), text.size());
        std::string name = text.substr(start, comma - start);
        const auto *it = std::find(std::begin(kPointNames), std::end(kPointNames), name);
        if (it == std::end(kPointNames))
            return false;
        out |= 1u << (it - std::begin(kPointNames));
        start = comma + 1;
    }
    return true;
}

namespace {

std::string policy_name(const SchedConfig &c)
{
    switch (c.policy) {
    case PolicyKind::Fifo: return "fifo";
    case PolicyKind::Random: return "random";
    case PolicyKind::Pct: return "pct:" + std::to_string(c.pct_depth);
    }
    return "?";
}

std::string points_name(unsigned points)
{
    if (points == kPointAll)
        return "all";
    std::string out;
    for (unsigned i = 0; i < 3; ++i)
        if (points & (1u << i))
            out += std::string(out.empty() ? "" : ",") + kPointNames[i];
    return out.empty() ? "none" : out;
}

}  // namespace

std::string SchedConfig::describe(uint64_t seed) const
{
    std::string out = "sched=" + policy_name(*this) + " seed=" + std::to_string(seed);
    if (policy != PolicyKind::Fifo)
        out += " preempt-points=" + points_name(points);
    return out;
}

std::string SchedConfig::options() const
{
    std::string out = "--sched " + policy_name(*this);
    if (policy != PolicyKind::Fifo && points != kPointAll)
        out += " --preempt-points " + points_name(points);
    return out;
}

}  // namespace kshim
