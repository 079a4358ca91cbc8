// Example: an error path found with fault injection: fail each fallible call of example_sensor's init in turn.
#include <kshim/catch2.hpp>

#include <string>
#include <vector>

using namespace kshim::testing;

namespace {

struct Outcome {
    int error = 0;
    size_t leaked = 0;      // allocations still live after the failed init
};

// One kernel per try: its n-th fallible call from module code fails (Config::fail_nth, the
// runner's --fail-nth), and we look at what the failed init left behind.
Outcome load_failing(unsigned long nth, const std::vector<std::string> &params)
{
    Config cfg;
    cfg.fail_nth = nth;
    TestKernel k(cfg);
    Outcome o;
    o.error = k.load(KSHIM_KO_example_sensor, params);
    o.leaked = k.live_allocations();
    return o;
}

// How many fallible calls a successful init makes (allocations, the workqueue, request_irq).
// They are counted while fault injection is on: a fail_nth past any count turns it on and
// fails nothing.
unsigned long fallible_calls_of_init(const std::vector<std::string> &params)
{
    Config cfg;
    cfg.fail_nth = 1'000'000;
    TestKernel k(cfg);
    REQUIRE(k.load(KSHIM_KO_example_sensor, params) == 0);
    return k.fallible_calls();
}

}  // namespace

TEST_CASE("Failing each of init's fallible calls in turn finds the error path that leaks", "[examples]")
{
    unsigned long n = fallible_calls_of_init({});
    REQUIRE(n == 4);   // kzalloc, kcalloc, alloc_workqueue, request_irq
    std::vector<unsigned long> leaking;
    for (unsigned long nth = 1; nth <= n; ++nth) {
        Outcome o = load_failing(nth, {});
        INFO("fail-nth=" << nth);
        CHECK(o.error == -12);   // every one of them fails init with -ENOMEM
        if (o.leaked)
            leaking.push_back(nth);
    }
    // Failing alloc_workqueue (3) or request_irq (4) jumps past kfree(sensor->samples).
    CHECK(leaking == std::vector<unsigned long>{3, 4});
}

TEST_CASE("With the error path fixed, no failed init leaves anything behind", "[examples]")
{
    const std::vector<std::string> fixed = {"fixed_error_path=1"};
    unsigned long n = fallible_calls_of_init(fixed);
    for (unsigned long nth = 1; nth <= n; ++nth) {
        INFO("fail-nth=" << nth);
        Outcome o = load_failing(nth, fixed);
        CHECK(o.error == -12);
        CHECK(o.leaked == 0);
    }
}
