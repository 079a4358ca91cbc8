/* Delays: busy-waits (udelay/ndelay/mdelay) and sleeps (msleep, usleep_range, fsleep). */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

#include "linux/math.h"
#include "linux/sched.h"

#define MAX_UDELAY_MS 5

#ifdef __cplusplus
extern "C" {
#endif

/* Busy-waits: atomic-safe; the virtual CPU stays busy while the clock moves on. */
void udelay(unsigned long usecs);
void ndelay(unsigned long nsecs);
void mdelay(unsigned long msecs);
/* Sleeps: may sleep. msleep rounds up to jiffies plus one, as the kernel does. */
void msleep(unsigned int msecs);
unsigned long msleep_interruptible(unsigned int msecs);
void usleep_range_state(unsigned long min, unsigned long max, unsigned int state);
void fsleep(unsigned long usecs);

#ifdef __cplusplus
}
#endif

static inline void usleep_range(unsigned long min, unsigned long max)
{
	usleep_range_state(min, max, TASK_UNINTERRUPTIBLE);
}

static inline void usleep_idle_range(unsigned long min, unsigned long max)
{
	usleep_range_state(min, max, TASK_IDLE);
}

static inline void ssleep(unsigned int seconds)
{
	msleep(seconds * 1000);
}

#endif
