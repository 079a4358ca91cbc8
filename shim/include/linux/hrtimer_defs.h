/* The high-resolution clocks' resolution: one nanosecond, as with CONFIG_HIGH_RES_TIMERS. */
#ifndef _LINUX_HRTIMER_DEFS_H
#define _LINUX_HRTIMER_DEFS_H

#include "linux/ktime.h"

#define HIGH_RES_NSEC		1
#define KTIME_HIGH_RES		(HIGH_RES_NSEC)
#define MONOTONIC_RES_NSEC	HIGH_RES_NSEC
#define KTIME_MONOTONIC_RES	KTIME_HIGH_RES

#endif
