// C API bridges for clocks and delays (linux/timekeeping.h, delay.h, jiffies.h).
#include "kernel.hpp"
#include "time/delay.hpp"

#include "linux/delay.h"
#include "linux/jiffies.h"
#include "linux/ktime.h"
#include "linux/smp.h"

using kshim::Kernel;

namespace {
kshim::Clock &clk() { return Kernel::get().clock(); }
}

extern "C" {

ktime_t ktime_get(void) { return (ktime_t)clk().now(); }
ktime_t ktime_get_boottime(void) { return (ktime_t)clk().now(); }
ktime_t ktime_get_raw(void) { return (ktime_t)clk().now(); }
ktime_t ktime_get_coarse(void) { return (ktime_t)kshim::Clock::ns_of_jiffy(clk().jiffies()); }
ktime_t ktime_get_real(void) { return (ktime_t)(clk().real_offset() + clk().now()); }
time64_t ktime_get_seconds(void) { return ktime_get() / NSEC_PER_SEC; }
time64_t ktime_get_real_seconds(void) { return ktime_get_real() / NSEC_PER_SEC; }
void ktime_get_ts64(struct timespec64 *ts) { *ts = ns_to_timespec64(ktime_get()); }
void ktime_get_real_ts64(struct timespec64 *ts) { *ts = ns_to_timespec64(ktime_get_real()); }
void ktime_get_coarse_real_ts64(struct timespec64 *ts) { *ts = ns_to_timespec64(ktime_get_real()); }
void ktime_get_boottime_ts64(struct timespec64 *ts) { *ts = ns_to_timespec64(ktime_get_boottime()); }

unsigned long round_jiffies(unsigned long j)
{
    return kshim::Clock::round_jiffies(j, jiffies, kshim_smp_processor_id(), false);
}
unsigned long round_jiffies_relative(unsigned long j)
{
    return kshim::Clock::round_jiffies_relative(j, jiffies, kshim_smp_processor_id(), false);
}
unsigned long round_jiffies_up(unsigned long j)
{
    return kshim::Clock::round_jiffies(j, jiffies, kshim_smp_processor_id(), true);
}
unsigned long round_jiffies_up_relative(unsigned long j)
{
    return kshim::Clock::round_jiffies_relative(j, jiffies, kshim_smp_processor_id(), true);
}

void ndelay(unsigned long nsecs) { Kernel::get().delay().busy(nsecs); }
void udelay(unsigned long usecs) { Kernel::get().delay().busy(usecs * 1000); }
void mdelay(unsigned long msecs) { Kernel::get().delay().busy(msecs * 1000000); }
void msleep(unsigned int msecs) { kshim::Delay::msleep(msecs); }
unsigned long msleep_interruptible(unsigned int msecs) { return Kernel::get().delay().msleep_interruptible(msecs); }
void usleep_range_state(unsigned long min, unsigned long max, unsigned int state)
{
    Kernel::get().delay().sleep_range(min, max, state);
}
void fsleep(unsigned long usecs) { Kernel::get().delay().fsleep(usecs); }

}  // extern "C"
