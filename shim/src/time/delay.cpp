// Busy-waits and timed sleeps over the clock and the scheduler, and fsleep's choice between them.
#include "time/delay.hpp"

#include "debug/report.hpp"
#include "kernel.hpp"
#include "sched/scheduler.hpp"

namespace kshim {

void Delay::busy(uint64_t ns) { k_.sched().busy_wait_until(k_.clock().now() + ns); }

unsigned long Delay::msleep_interruptible(unsigned int msecs)
{
    k_.reports().check_might_sleep(__FILE__, __LINE__);
    Scheduler &s = k_.sched();
    long timeout = (long)msecs_to_jiffies(msecs) + 1;
    // Ends early, with the ms left, once a signal is pending (as 6.1).
    while (timeout && !Scheduler::signal_pending(s.current_or_boot())) {
        s.current_or_boot().ts.__state = TASK_INTERRUPTIBLE;
        timeout = s.schedule_timeout(timeout);
    }
    return jiffies_to_msecs((unsigned long)timeout);
}

void Delay::sleep_range(unsigned long min_us, unsigned long max_us, unsigned int state)
{
    k_.reports().check_might_sleep(__FILE__, __LINE__);
    if (max_us < min_us)
        max_us = min_us;
    k_.sched().sleep_until(k_.clock().now() + max_us * 1000, state);
}

void Delay::fsleep(unsigned long us)
{
    if (us <= 10)
        busy(us * 1000);
    else if (us <= 20000)
        sleep_range(us, 2 * us, TASK_UNINTERRUPTIBLE);
    else
        msleep((unsigned int)((us + 999) / 1000));
}

}  // namespace kshim
