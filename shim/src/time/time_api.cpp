// C API bridges for clocks and delays (linux/timekeeping.h, delay.h, jiffies.h).
#include "kernel.hpp"
#include "sched/scheduler.hpp"

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

// Rounds an absolute jiffy value to a whole second (a multiple of HZ, as Linux 6.1's
// __round_jiffies: skewed by 3 jiffies per CPU; a result that is not in the future gives back
// the original value).
static unsigned long round_jiffies_common(unsigned long j, unsigned int cpu, bool force_up)
{
    unsigned long original = j;
    unsigned long skew = 3ul * cpu;
    j += skew;
    unsigned long rem = j % HZ;
    if (rem < HZ / 4 && !force_up)
        j -= rem;
    else
        j = j - rem + HZ;
    j -= skew;
    return time_is_after_jiffies(j) ? j : original;
}

unsigned long round_jiffies(unsigned long j) { return round_jiffies_common(j, kshim_smp_processor_id(), false); }
unsigned long round_jiffies_relative(unsigned long j)
{
    unsigned long j0 = jiffies;
    return round_jiffies_common(j + j0, kshim_smp_processor_id(), false) - j0;
}
unsigned long round_jiffies_up(unsigned long j) { return round_jiffies_common(j, kshim_smp_processor_id(), true); }
unsigned long round_jiffies_up_relative(unsigned long j)
{
    unsigned long j0 = jiffies;
    return round_jiffies_common(j + j0, kshim_smp_processor_id(), true) - j0;
}

void ndelay(unsigned long nsecs) { Kernel::get().sched().busy_wait_until(clk().now() + nsecs); }
void udelay(unsigned long usecs) { ndelay(usecs * 1000); }
void mdelay(unsigned long msecs) { ndelay(msecs * 1000000); }

void msleep(unsigned int msecs)
{
    kshim_might_sleep(__FILE__, __LINE__);
    long timeout = (long)msecs_to_jiffies(msecs) + 1;
    while (timeout)
        timeout = schedule_timeout_uninterruptible(timeout);
}

unsigned long msleep_interruptible(unsigned int msecs)
{
    kshim_might_sleep(__FILE__, __LINE__);
    long timeout = (long)msecs_to_jiffies(msecs) + 1;
    while (timeout)
        timeout = schedule_timeout_interruptible(timeout);
    return jiffies_to_msecs((unsigned long)timeout);
}

// An hrtimer sleep: the kernel programs the hard expiry (max), so an idle system wakes at max.
void usleep_range_state(unsigned long min, unsigned long max, unsigned int state)
{
    kshim_might_sleep(__FILE__, __LINE__);
    if (max < min)
        max = min;
    Kernel::get().sched().sleep_until(clk().now() + max * 1000, state);
}

void fsleep(unsigned long usecs)
{
    if (usecs <= 10)
        udelay(usecs);
    else if (usecs <= 20000)
        usleep_range(usecs, 2 * usecs);
    else
        msleep((unsigned int)((usecs + 999) / 1000));
}

}  // extern "C"
