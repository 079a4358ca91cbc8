// Tests for irq_work (shim/src/irq/irq_work.cpp): hardirq context soon after queueing, claiming, sync.
#include <string>
#include <vector>

#include "kshim/testing.hpp"

#include "linux/interrupt.h"
#include "linux/irq_work.h"
#include "linux/sched.h"
#include "linux/smp.h"

#undef WARN
#include <catch2/catch.hpp>

using kshim::testing::TestKernel;

namespace {

struct Seen {
    int runs = 0;
    int hardirq = -1, irqs_off = -1, cpu = -1, pending_inside = -1, busy_inside = -1;
    std::string comm;
};
Seen seen;

void note(struct irq_work *w)
{
    ++seen.runs;
    seen.hardirq = in_hardirq() != 0;
    seen.irqs_off = irqs_disabled() != 0;
    seen.cpu = (int)smp_processor_id();
    seen.comm = get_current()->comm;
    seen.pending_inside = irq_work_is_pending(w);
    seen.busy_inside = irq_work_is_busy(w);
}

}  // namespace

TEST_CASE("irq_work_queue runs the callback in hardirq context on this CPU before it returns", "[irq]")
{
    TestKernel k;
    seen = Seen{};
    static struct irq_work w;
    std::vector<int> got;
    k.run_task([&got] {
        init_irq_work(&w, note);
        got.push_back(irq_work_queue(&w));
        got.push_back(seen.runs);
        got.push_back(irq_work_is_busy(&w));
        return 0L;
    });
    CHECK(got == std::vector<int>{1, 1, 0});
    CHECK(seen.hardirq == 1);
    CHECK(seen.irqs_off == 1);
    CHECK(seen.cpu == 0);
    CHECK(seen.comm == "test");        // the self-IPI interrupts the queueing task
    CHECK(seen.pending_inside == 0);   // PENDING is cleared before the callback, BUSY stays
    CHECK(seen.busy_inside == 1);
}

TEST_CASE("irq_work queued from a hardirq handler runs after that handler, and a second queue while pending is refused", "[irq]")
{
    TestKernel k;
    seen = Seen{};
    static DEFINE_IRQ_WORK(w, note);
    static std::vector<int> in_handler;
    in_handler.clear();
    k.run_task([] {
        return (long)request_irq(10, [](int, void *) {
            in_handler.push_back(irq_work_queue(&w));
            in_handler.push_back(irq_work_queue(&w));
            in_handler.push_back(seen.runs);
            return IRQ_HANDLED;
        }, 0, "iw", nullptr);
    });
    k.raise_irq(10);
    CHECK(in_handler == std::vector<int>{1, 0, 0});
    CHECK(seen.runs == 1);
    CHECK(seen.comm == "swapper/0");
}

TEST_CASE("irq_work_queue_on runs the callback on the named CPU", "[irq]")
{
    TestKernel k;
    seen = Seen{};
    static struct irq_work w = IRQ_WORK_INIT_HARD(note);
    k.run_task([] {
        irq_work_queue_on(&w, 1);
        irq_work_sync(&w);
        return 0L;
    });
    CHECK(seen.runs == 1);
    CHECK(seen.cpu == 1);
    CHECK(seen.comm == "swapper/1");
    CHECK(irq_work_is_hard(&w));
}
