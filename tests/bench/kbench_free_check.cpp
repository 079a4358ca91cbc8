// Benchmark: kmalloc + kfree (debugobjects' free check) with 1,000 timer_lists and hrtimers armed, against the same with none armed; heap allocations counted.
#include <cstdint>
#include <cstdio>

#include "alloc_count.hpp"
#include "bench_util.hpp"
#include "kshim/testing.hpp"

#include "linux/hrtimer.h"
#include "linux/jiffies.h"
#include "linux/slab.h"
#include "linux/timer.h"

namespace {

constexpr int kRuns = 5;
constexpr long kPairs = 200000;
constexpr int kArmed = 500;   // of each kind: 1,000 armed in all

struct timer_list timers[kArmed];
struct hrtimer hrtimers[kArmed];

void never_fn(struct timer_list *) {}
enum hrtimer_restart never_hr(struct hrtimer *) { return HRTIMER_NORESTART; }

// Arms (or with arm=false disarms) the first n timer_lists and hrtimers, an hour ahead. Task context.
void arm_all(int n, bool arm)
{
    for (int i = 0; i < n; ++i) {
        if (!arm) {
            del_timer_sync(&timers[i]);
            hrtimer_cancel(&hrtimers[i]);
            continue;
        }
        timer_setup(&timers[i], never_fn, 0);
        mod_timer(&timers[i], jiffies + 3600 * HZ);
        hrtimer_init(&hrtimers[i], CLOCK_MONOTONIC, HRTIMER_MODE_REL);
        hrtimers[i].function = never_hr;
        hrtimer_start(&hrtimers[i], ktime_set(3600, 0), HRTIMER_MODE_REL);
    }
}

// Wall ns per kmalloc(64) + kfree pair in a fresh kernel with n timer_lists and n hrtimers
// armed; counts the allocations made by the pairs.
double pair_ns(int n)
{
    kshim::testing::TestKernel k;
    double ns = 0;
    k.run_task([&] {
        arm_all(n, true);
        bench::counting = true;
        uint64_t t0 = bench::now_ns();
        for (long i = 0; i < kPairs; ++i)
            kfree(kmalloc(64, GFP_KERNEL));
        uint64_t t1 = bench::now_ns();
        bench::counting = false;
        ns = (double)(t1 - t0) / kPairs;
        arm_all(n, false);
        return 0L;
    });
    return ns;
}

}  // namespace

int main()
{
    const bench::Alternated a = bench::alternate(kRuns, [](bool busy) { return pair_ns(busy ? kArmed : 0); });
    const double b = a.busy_ns, p = a.idle_ns;
    const double runs = (double)kRuns * kPairs;
    const double extra = (double)(a.busy_allocs - a.idle_allocs) / runs;
    std::printf("kbench_free_check: kmalloc+kfree with %d timer_lists and %d hrtimers armed: %.1f ns per pair "
                "(median of %d), %.3f heap allocations per pair\n", kArmed, kArmed, b, kRuns, a.busy_allocs / runs);
    std::printf("kbench_free_check: peer kmalloc+kfree with no timer armed: %.1f ns per pair, %.3f heap allocations "
                "per pair\n", p, a.idle_allocs / runs);
    std::printf("kbench_free_check: ratio armed/none = %.2fx\n", b / p);
    return bench::verdict("kbench_free_check", extra <= 0 && b < 1.5 * p,
                          "no allocation for the armed timers, and 1,000 armed cost < 1.5x none");
}
