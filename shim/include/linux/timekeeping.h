/* Clocks: ktime_get (monotonic, from 0 at start), ktime_get_real (wall), boottime, raw. */
#ifndef _LINUX_TIMEKEEPING_H
#define _LINUX_TIMEKEEPING_H

#include "linux/ktime.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/errno.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* All clocks are atomic-safe and read the one shim clock (virtual or real). */
ktime_t ktime_get(void);
ktime_t ktime_get_real(void);
ktime_t ktime_get_boottime(void);
ktime_t ktime_get_raw(void);
ktime_t ktime_get_coarse(void);
time64_t ktime_get_seconds(void);
time64_t ktime_get_real_seconds(void);
void ktime_get_ts64(struct timespec64 *ts);
void ktime_get_real_ts64(struct timespec64 *ts);
void ktime_get_coarse_real_ts64(struct timespec64 *ts);
void ktime_get_boottime_ts64(struct timespec64 *ts);

#ifdef __cplusplus
}
#endif

static inline u64 ktime_get_ns(void) { return (u64)ktime_get(); }
static inline u64 ktime_get_real_ns(void) { return (u64)ktime_get_real(); }
static inline u64 ktime_get_boottime_ns(void) { return (u64)ktime_get_boottime(); }
static inline u64 ktime_get_raw_ns(void) { return (u64)ktime_get_raw(); }
static inline u64 ktime_get_mono_fast_ns(void) { return (u64)ktime_get(); }
static inline u64 ktime_get_boot_fast_ns(void) { return (u64)ktime_get_boottime(); }
static inline u64 ktime_get_real_fast_ns(void) { return (u64)ktime_get_real(); }
static inline u64 ktime_get_coarse_ns(void) { return (u64)ktime_get_coarse(); }
static inline void ktime_get_raw_ts64(struct timespec64 *ts) { *ts = ns_to_timespec64(ktime_get_raw()); }

#endif
