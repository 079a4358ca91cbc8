// The test API's schedule exploration: explore(n, fn) and replay(seed, fn) over fresh TestKernels.
#include <cstdio>
#include <exception>
#include <utility>

#include "kshim/testing.hpp"
#include "testing/assertion_probe.hpp"
#include "debug/report.hpp"
#include "kernel.hpp"
#include "module/module_image.hpp"
#include "sched/scheduler.hpp"

namespace kshim::testing {

namespace {

// The test framework's probe (set_assertion_probe), or none. Test thread.
AssertionProbe &probe()
{
    static AssertionProbe p;
    return p;
}

// fn's verdict on tk: "" when it passed, else why the run failed. A failed assertion of the test
// framework (a CHECK that went on, or a REQUIRE that threw) comes first. Test thread.
std::string run_fn(const ExploreFn &fn, TestKernel &tk)
{
    const AssertionProbe &p = probe();
    if (p.begin)
        p.begin();
    std::string why;
    try {
        why = fn(tk) ? "" : "the test's check failed";
    } catch (const std::exception &e) {
        why = std::string("the test threw: ") + e.what();
    } catch (...) {
        why = "the test threw (a failed REQUIRE?)";
    }
    std::string failed = p.failure ? p.failure() : "";
    return failed.empty() ? why : "an assertion failed: " + failed;
}

// One run: a fresh kernel of cfg with seed, fn's verdict and the kernel's reports. Test thread.
ExploreResult run_one(uint64_t seed, const ExploreFn &fn, Config cfg)
{
    if (cfg.sched == "fifo")
        cfg.sched = "random";
    cfg.seed = seed;
    ExploreResult r;
    r.seed = seed;
    r.runs = 1;
    TestKernel tk(cfg);
    r.sched = tk.kernel().sched().config().describe(seed);
    r.why = run_fn(fn, tk);
    if (r.why.empty() && (tk.bugs() || tk.warnings())) {
        auto reps = tk.reports();
        r.why = std::to_string(tk.bugs()) + " BUG(s), " + std::to_string(tk.warnings()) + " WARNING(s)" +
                (reps.empty() ? "" : ": " + reps.front().text);
    }
    r.failed = !r.why.empty();
    if (r.failed)
        r.log = tk.log_texts();
    return r;
}

// A failed run is announced where the test's output goes: the probe's way, else stderr.
void announce(const ExploreResult &r)
{
    if (!r.failed)
        return;
    if (probe().failed_run)
        probe().failed_run(r);
    else
        std::fprintf(stderr, "%s\n", r.describe().c_str());
}

}  // namespace

void set_assertion_probe(AssertionProbe p) { probe() = std::move(p); }

ExploreResult explore(unsigned n, const ExploreFn &fn, Config cfg, uint64_t first_seed)
{
    ExploreResult last;
    KeepModuleImages keep;   // each module dlopened once; every run starts from its pristine data
    for (unsigned i = 0; i < n; ++i) {
        last = run_one(first_seed + i, fn, cfg);
        last.runs = i + 1;
        if (last.failed)
            break;
    }
    announce(last);
    return last;
}

ExploreResult replay(uint64_t seed, const ExploreFn &fn, Config cfg)
{
    ExploreResult r = run_one(seed, fn, cfg);
    announce(r);
    return r;
}

std::string ExploreResult::describe() const
{
    if (!failed)
        return "explore: " + std::to_string(runs) + " run(s), none failed";
    return "explore: run " + std::to_string(runs) + " (" + sched + ") failed: " + why +
           "; replay with kshim::testing::replay(" + std::to_string(seed) + ", fn, cfg)";
}

}  // namespace kshim::testing
