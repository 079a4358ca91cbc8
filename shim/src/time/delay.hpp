// Delays of linux/delay.h: busy-waits (udelay), timed sleeps (msleep, usleep_range) and fsleep's choice between them.
#pragma once

#include <cstdint>

#include "linux/delay.h"
#include "linux/kernel.h"
#include "linux/jiffies.h"

namespace kshim {

class Kernel;

// The delay policies of one kernel, over its clock and scheduler. Reached through
// Kernel::delay().
class Delay {
public:
    explicit Delay(Kernel &k) : k_(k) {}

    // ndelay/udelay/mdelay: keeps the CPU busy for ns while the clock moves on (other tasks
    // may run meanwhile). Atomic-safe.
    void busy(uint64_t ns);
    // msleep: at least msecs, counted as whole jiffies plus one, as the kernel does. May sleep.
    // Written against the C API and inline so that the msleep bridge keeps the code whose
    // frame call traces print (samples/*/expected.txt pins "msleep+0x35/0x3f").
    static void msleep(unsigned int msecs)
    {
        kshim_might_sleep(__FILE__, __LINE__);
        long timeout = (long)msecs_to_jiffies(msecs) + 1;
        while (timeout)
            timeout = schedule_timeout_uninterruptible(timeout);
    }
    // msleep_interruptible: as msleep in TASK_INTERRUPTIBLE, ended by a pending signal; the msecs
    // left (0 when it slept the whole time).
    // May sleep.
    unsigned long msleep_interruptible(unsigned int msecs);
    // usleep_range_state: an hrtimer sleep in `state`. The kernel programs the hard expiry
    // (max), so an idle system wakes at max. May sleep.
    void sleep_range(unsigned long min_us, unsigned long max_us, unsigned int state);
    // fsleep: busy-waits up to 10 us, sleeps a range [us, 2 us] up to 20 ms, msleeps beyond.
    // May sleep (atomic-safe for up to 10 us).
    void fsleep(unsigned long us);

private:
    Kernel &k_;
};

}  // namespace kshim
