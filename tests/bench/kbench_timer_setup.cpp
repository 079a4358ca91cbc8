// Benchmark: INIT_DELAYED_WORK (timer_setup's debugobjects check) with 1,000 timer_lists armed, against the same with none armed; heap allocations counted.
#include <cstdint>
#include <cstdio>

#include "alloc_count.hpp"
#include "bench_util.hpp"
#include "kshim/testing.hpp"

#include "linux/jiffies.h"
#include "linux/timer.h"
#include "linux/workqueue.h"

namespace {

constexpr int kRuns = 5;
constexpr long kCalls = 200000;
constexpr int kArmed = 1000;

struct timer_list armed[kArmed];
struct delayed_work dw;

void never_fn(struct timer_list *) {}
void work_fn(struct work_struct *) {}

// Wall ns per INIT_DELAYED_WORK of one idle delayed work in a fresh kernel with `n` timer_lists
// armed an hour ahead; counts the allocations made by the calls.
double init_ns(int n)
{
    kshim::testing::TestKernel k;
    double ns = 0;
    k.run_task([&] {
        for (int i = 0; i < n; ++i) {
            timer_setup(&armed[i], never_fn, 0);
            mod_timer(&armed[i], jiffies + 3600 * HZ);
        }
        bench::counting = true;
        uint64_t t0 = bench::now_ns();
        for (long i = 0; i < kCalls; ++i)
            INIT_DELAYED_WORK(&dw, work_fn);
        uint64_t t1 = bench::now_ns();
        bench::counting = false;
        ns = (double)(t1 - t0) / kCalls;
        for (int i = 0; i < n; ++i)
            del_timer_sync(&armed[i]);
        return 0L;
    });
    return ns;
}

}  // namespace

int main()
{
    const bench::Alternated a = bench::alternate(kRuns, [](bool busy) { return init_ns(busy ? kArmed : 0); });
    const double b = a.busy_ns, p = a.idle_ns;
    const double per_call = (double)a.busy_allocs / ((double)kRuns * kCalls);
    std::printf("kbench_timer_setup: INIT_DELAYED_WORK with %d timer_lists armed: %.1f ns per call (median of %d), "
                "%.3f heap allocations per call\n", kArmed, b, kRuns, per_call);
    std::printf("kbench_timer_setup: peer INIT_DELAYED_WORK with no timer armed: %.1f ns per call, %.3f heap "
                "allocations per call\n", p, (double)a.idle_allocs / ((double)kRuns * kCalls));
    std::printf("kbench_timer_setup: ratio armed/none = %.2fx\n", b / p);
    return bench::verdict("kbench_timer_setup", per_call == 0 && b < 2 * p,
                          "no allocation, and 1,000 armed timers cost < 2x none");
}
