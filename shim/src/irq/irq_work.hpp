// irq_work: per-CPU lists of callbacks run in hardirq context by the controller's self-IPI.
#pragma once

#include <vector>

struct irq_work;

namespace kshim {

class Kernel;

// The flags word of an irq_work (node.a_flags):
//   0 -> PENDING|BUSY   queued (claimed); a second queue while PENDING is refused
//   PENDING|BUSY -> BUSY   the IPI handler takes it, just before the callback
//   BUSY -> 0           the callback returned (unless it queued the work again)
// Not thread-safe (one host thread).
class IrqWork {
public:
    explicit IrqWork(Kernel &k);
    // irq_work_queue_on(work, cpu): false if work is pending already. Atomic-safe.
    bool queue(irq_work *work, unsigned cpu);
    // irq_work_sync: waits (yielding) until work is not busy. May sleep.
    void sync(irq_work *work);

private:
    static void run_ipi(void *self, unsigned cpu);
    void run_cpu(unsigned cpu);

    Kernel &k_;
    std::vector<std::vector<irq_work *>> lists_;   // per CPU, in queueing order
};

}  // namespace kshim
