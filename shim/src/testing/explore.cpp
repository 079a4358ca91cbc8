// The test API's schedule exploration: explore(n, fn) and replay(seed, fn) over fresh TestKernels.
#include <exception>

#include "kshim/testing.hpp"
#include "debug/report.hpp"
#include "kernel.hpp"
#include "module/module_image.hpp"
#include "sched/scheduler.hpp"

namespace kshim::testing {

namespace {

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
    bool ok = false;
    try {
        ok = fn(tk);
        r.why = ok ? "" : "the test's check failed";
    } catch (const std::exception &e) {
        r.why = std::string("the test threw: ") + e.what();
    } catch (...) {
        r.why = "the test threw (a failed REQUIRE?)";
    }
    if (ok && (tk.bugs() || tk.warnings())) {
        auto reps = tk.reports();
        r.why = std::to_string(tk.bugs()) + " BUG(s), " + std::to_string(tk.warnings()) + " WARNING(s)" +
                (reps.empty() ? "" : ": " + reps.front().text);
    }
    r.failed = !r.why.empty();
    if (r.failed)
        r.log = tk.log_texts();
    return r;
}

}  // namespace

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
    return last;
}

ExploreResult replay(uint64_t seed, const ExploreFn &fn, Config cfg) { return run_one(seed, fn, cfg); }

std::string ExploreResult::describe() const
{
    if (!failed)
        return "explore: " + std::to_string(runs) + " run(s), none failed";
    return "explore: run " + std::to_string(runs) + " (" + sched + ") failed: " + why +
           "; replay with kshim::testing::replay(" + std::to_string(seed) + ", fn, cfg)";
}

}  // namespace kshim::testing
