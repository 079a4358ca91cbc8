// Example: a race FIFO never shows, found by schedule exploration and replayed by its seed (example_stats.c).
#include <kshim/catch2.hpp>

#include <string>

using namespace kshim::testing;

namespace {

// One run's check: the module loads, and unloads cleanly. explore() also fails a run on any
// BUG or WARNING, which is how the lost update shows (example_stats WARNs on a wrong total).
bool load_and_unload(TestKernel &k, bool locked)
{
    if (k.load(KSHIM_KO_example_stats, {locked ? "locked=1" : "locked=0"}) != 0)
        return false;
    return k.unload("example_stats").error == 0;
}

}  // namespace

TEST_CASE("The unlocked update passes under FIFO, which never switches at its cond_resched", "[examples]")
{
    TestKernel k;
    REQUIRE(load_and_unload(k, false));
    CHECK(k.warnings() == 0);
    CHECK_THAT(k, LogContains("example_stats: total 6400 bytes"));
}

TEST_CASE("Exploration finds the lost update, and its seed replays the same run byte for byte", "[examples]")
{
    auto unlocked = [](TestKernel &k) { return load_and_unload(k, false); };
    Config cfg;
    cfg.sched = "random";
    ExploreResult r = explore(1000, unlocked, cfg);
    INFO(r.describe());
    REQUIRE(r.failed);
    CHECK(r.why.find("example_stats: total") != std::string::npos);
    ExploreResult again = replay(r.seed, unlocked, cfg);   // what a developer does with the seed
    CHECK(again.failed);
    CHECK(again.log == r.log);
}

TEST_CASE("With the lock taken around the update, exploration finds nothing", "[examples]")
{
    Config cfg;
    cfg.sched = "pct:3";
    ExploreResult r = explore(200, [](TestKernel &k) { return load_and_unload(k, true); }, cfg);
    INFO(r.describe());
    CHECK_FALSE(r.failed);
    CHECK(r.runs == 200);
}
