// Benchmark (issue 7): a 1 ms periodic hrtimer for a virtual hour, against timer_list re-arming every jiffy for as many expiries.
#include <cstdint>
#include <cstdio>
#include <vector>

#include "bench_util.hpp"
#include "kshim/testing.hpp"

#include <random>   // before linux/init.h (via hrtimer.h): its __init and __ref are libstdc++ names

#include "linux/hrtimer.h"
#include "linux/jiffies.h"
#include "linux/ktime.h"
#include "linux/timer.h"

namespace {

constexpr int kRuns = 5;
constexpr uint64_t kHourNs = 3600ull * 1000000000ull;
long fired = 0;

// Hardirq context: counts and forwards by 1 ms.
enum hrtimer_restart tick_fn(struct hrtimer *t)
{
    ++fired;
    hrtimer_forward_now(t, ms_to_ktime(1));
    return HRTIMER_RESTART;
}

// Softirq context: counts and re-arms one jiffy on.
void jiffy_fn(struct timer_list *t)
{
    ++fired;
    mod_timer(t, jiffies + 1);
}

// Wall time of one virtual hour of the 1 ms hrtimer in a fresh kernel; sets fired.
double hrtimer_hour_ms()
{
    kshim::testing::TestKernel k;
    static struct hrtimer t;
    fired = 0;
    k.run_task([] {
        hrtimer_setup(&t, tick_fn, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
        hrtimer_start(&t, ms_to_ktime(1), HRTIMER_MODE_REL);
        return 0L;
    });
    uint64_t t0 = bench::now_ns();
    k.run_for(kHourNs);
    uint64_t t1 = bench::now_ns();
    hrtimer_cancel(&t);
    return (double)(t1 - t0) / 1e6;
}

// The peer: a timer_list re-armed for the next jiffy (the wheel fires it one jiffy after that,
// so every 2 jiffies) until it has expired `count` times.
double timer_list_ms(long count)
{
    kshim::testing::TestKernel k;
    static struct timer_list t;
    fired = 0;
    k.run_task([] {
        timer_setup(&t, jiffy_fn, 0);
        mod_timer(&t, jiffies + 1);
        return 0L;
    });
    uint64_t t0 = bench::now_ns();
    k.run_for((uint64_t)count * 2 * (1000000000ull / HZ));
    uint64_t t1 = bench::now_ns();
    del_timer_sync(&t);
    return (double)(t1 - t0) / 1e6;
}

}  // namespace

int main()
{
    std::vector<double> hr, tl;
    long hr_fired = 0, tl_fired = 0;
    for (int i = 0; i < kRuns; ++i) {
        hr.push_back(hrtimer_hour_ms());
        hr_fired = fired;
        tl.push_back(timer_list_ms(hr_fired));
        tl_fired = fired;
    }
    if (hr_fired != 3600000) {
        std::fprintf(stderr, "kbench_hrtimer: %ld expiries in a virtual hour, not 3600000\n", hr_fired);
        return 2;
    }
    double h = bench::median(hr), p = bench::median(tl);
    std::printf("kbench_hrtimer: 1 ms periodic hrtimer (hardirq callback, hrtimer_forward_now) for a virtual hour: "
                "%.1f ms for %ld expiries (median of %d; %.0f ns per expiry)\n", h, hr_fired, kRuns, h * 1e6 / hr_fired);
    std::printf("kbench_hrtimer: peer timer_list re-armed for jiffies + 1 (softirq in ksoftirqd), %ld expiries: %.1f ms "
                "(%.0f ns per expiry)\n", tl_fired, p, p * 1e6 / tl_fired);
    std::printf("kbench_hrtimer: ratio hrtimer/timer_list per expiry = %.2fx\n", (h / hr_fired) / (p / tl_fired));
    return bench::verdict("kbench_hrtimer", h < 500.0, "a virtual hour of a 1 ms hrtimer in < 500 ms");
}
