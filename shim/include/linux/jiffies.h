/* jiffies at HZ=250 (as Debian's kernel), the wrap-safe comparisons and unit conversions. */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include "linux/types.h"
#include "linux/limits.h"
#include "linux/time64.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/cache.h"
#include "linux/math.h"
#include "linux/minmax.h"
#include "linux/time.h"
#endif

#define HZ		250
#define USER_HZ		100
#ifndef CLOCKS_PER_SEC
#define CLOCKS_PER_SEC	USER_HZ
#endif
#define TICK_NSEC	((NSEC_PER_SEC + HZ / 2) / HZ)
#define TICK_USEC	((USEC_PER_SEC + HZ / 2) / HZ)

/* jiffies starts five minutes before its 32-bit wrap, so wrap bugs show up early. */
#define INITIAL_JIFFIES ((unsigned long)(unsigned int)(-300 * HZ))
#define MAX_JIFFY_OFFSET ((LONG_MAX >> 1) - 1)
#define MAX_SCHEDULE_TIMEOUT LONG_MAX

#define typecheck_jiffies(a, b) ((void)0)

#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)
#define time_after_eq(a, b)	((long)((a) - (b)) >= 0)
#define time_before_eq(a, b)	time_after_eq(b, a)
#define time_in_range(a, b, c)	(time_after_eq(a, b) && time_before_eq(a, c))
#define time_in_range_open(a, b, c) (time_after_eq(a, b) && time_before(a, c))
#define time_after64(a, b)	((s64)((b) - (a)) < 0)
#define time_before64(a, b)	time_after64(b, a)
#define time_after_eq64(a, b)	((s64)((a) - (b)) >= 0)
#define time_before_eq64(a, b)	time_after_eq64(b, a)
#define time_in_range64(a, b, c) (time_after_eq64(a, b) && time_before_eq64(a, c))
#define time_is_before_jiffies(a)	time_after(jiffies, a)
#define time_is_before_jiffies64(a)	time_after64(get_jiffies_64(), a)
#define time_is_after_jiffies(a)	time_before(jiffies, a)
#define time_is_after_jiffies64(a)	time_before64(get_jiffies_64(), a)
#define time_is_before_eq_jiffies(a)	time_after_eq(jiffies, a)
#define time_is_after_eq_jiffies(a)	time_before_eq(jiffies, a)

#ifdef __cplusplus
extern "C" {
#endif

/* Updated by the shim clock; read them freely (they are the current kernel's tick count). */
extern volatile unsigned long jiffies;
extern u64 jiffies_64;

unsigned long round_jiffies(unsigned long j);
unsigned long round_jiffies_relative(unsigned long j);
unsigned long round_jiffies_up(unsigned long j);
unsigned long round_jiffies_up_relative(unsigned long j);

#ifdef __cplusplus
}
#endif

static inline u64 get_jiffies_64(void) { return (u64)jiffies; }

static inline unsigned int jiffies_to_msecs(const unsigned long j)
{
	return (unsigned int)((MSEC_PER_SEC / HZ) * j);
}

static inline unsigned int jiffies_to_usecs(const unsigned long j)
{
	return (unsigned int)((USEC_PER_SEC / HZ) * j);
}

static inline u64 jiffies_to_nsecs(const unsigned long j)
{
	return (u64)jiffies_to_usecs(j) * NSEC_PER_USEC;
}

static inline u64 jiffies64_to_nsecs(u64 j)
{
	return j * (NSEC_PER_SEC / HZ);
}

static inline u64 jiffies64_to_msecs(u64 j)
{
	return j * (MSEC_PER_SEC / HZ);
}

static inline unsigned long msecs_to_jiffies(const unsigned int m)
{
	if ((int)m < 0)
		return MAX_JIFFY_OFFSET;
	return (m + (MSEC_PER_SEC / HZ) - 1) / (MSEC_PER_SEC / HZ);
}

static inline unsigned long usecs_to_jiffies(const unsigned int u)
{
	if (u > jiffies_to_usecs(MAX_JIFFY_OFFSET))
		return MAX_JIFFY_OFFSET;
	return (u + (USEC_PER_SEC / HZ) - 1) / (USEC_PER_SEC / HZ);
}

static inline unsigned long nsecs_to_jiffies(u64 n)
{
	return (unsigned long)(n / (NSEC_PER_SEC / HZ));
}

static inline u64 nsecs_to_jiffies64(u64 n)
{
	return n / (NSEC_PER_SEC / HZ);
}

static inline unsigned long timespec64_to_jiffies(const struct timespec64 *value)
{
	return nsecs_to_jiffies((u64)timespec64_to_ns(value) + (NSEC_PER_SEC / HZ) - 1);
}

static inline void jiffies_to_timespec64(const unsigned long j, struct timespec64 *value)
{
	*value = ns_to_timespec64((s64)jiffies_to_nsecs(j));
}

static inline clock_t jiffies_to_clock_t(unsigned long x)
{
	return (clock_t)(x / (HZ / USER_HZ));
}

static inline unsigned long jiffies_delta_to_msecs(long delta)
{
	return jiffies_to_msecs(delta > 0 ? (unsigned long)delta : 0);
}

#define secs_to_jiffies(s) ((unsigned long)(s) * HZ)

#endif
