// Example: a driver whose interrupt handler defers to a workqueue (example_sensor.c): raise the interrupt, check the bottom half.
#include <kshim/catch2.hpp>

#include <string>

using namespace kshim::testing;

namespace {

constexpr unsigned kIrq = 9;

}  // namespace

KSHIM_TEST_CASE("Each interrupt is counted in the handler and processed by the work item", "[examples]")
{
    TestKernel &k = kernel();
    REQUIRE(k.load(KSHIM_KO_example_sensor, {"irq=9"}) == 0);
    CHECK_THAT(k, LogContains("example_sensor: sensor on irq 9"));

    // raise_irq runs the handler at once, in interrupt context on the line's CPU; the work item
    // it queued runs when the kernel next runs.
    k.raise_irq(kIrq);
    CHECK_THAT(k, !LogContains("batch 1"));
    k.run_until_idle();
    CHECK_THAT(k, LogContains("example_sensor: batch 1: 1 sample(s), 1 in total"));

    // Three interrupts before the work runs: queue_work finds it pending, one batch takes all three.
    for (int i = 0; i < 3; ++i)
        k.raise_irq(kIrq);
    k.run_until_idle();
    CHECK_THAT(k, LogContains("example_sensor: batch 2: 3 sample(s), 4 in total"));
    WorkqueueStats s = k.workqueue_stats("sensor_wq");
    CHECK(s.queued == 2);
    CHECK(s.rejected == 2);
    CHECK(s.executed == 2);

    // The batches ran in a kworker, never in the interrupt's context.
    for (const LogLine &l : k.log())
        if (l.text.find("batch") != std::string::npos)
            CHECK(l.task.rfind("kworker/", 0) == 0);

    CHECK(k.unload("example_sensor").error == 0);
    CHECK_THAT(k, LogContains("example_sensor: 4 sample(s) in 2 batch(es)"));
    CHECK(k.live_allocations() == 0);
}
