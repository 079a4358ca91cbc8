// Tests for softirq context (shim/src/irq/softirq.cpp): open and raise a vector, ksoftirqd/N runs it.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "irq/softirq.hpp"
#include "kernel.hpp"
#include "kshim/testing.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/preempt.h"
#include "linux/sched.h"
#include "linux/smp.h"

using kshim::testing::TestKernel;

namespace {

struct Seen {
    std::vector<unsigned> cpus;
    std::vector<std::string> comms;
    bool in_softirq = true;
};

void record(void *ctx, unsigned cpu)
{
    auto *s = static_cast<Seen *>(ctx);
    s->cpus.push_back(cpu);
    s->comms.push_back(get_current()->comm);
    s->in_softirq = s->in_softirq && in_serving_softirq() && smp_processor_id() == (int)cpu;
}

}  // namespace

TEST_CASE("a raised softirq runs its handler once in ksoftirqd of that CPU, with the softirq count held", "[irq]")
{
    TestKernel k;
    Seen seen;
    kshim::Softirq &sirq = k.kernel().softirq();
    sirq.open(kshim::TimerSoftirq, &record, &seen);
    k.run_task([&sirq] {
        sirq.raise(kshim::TimerSoftirq, 1);
        sirq.raise(kshim::TimerSoftirq, 1);  // raised twice before it runs: runs once
        return 0L;
    });
    REQUIRE(k.run_until_idle());
    REQUIRE(seen.cpus == std::vector<unsigned>{1});
    CHECK(seen.comms == std::vector<std::string>{"ksoftirqd/1"});
    CHECK(seen.in_softirq);
}
