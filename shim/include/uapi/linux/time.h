/* The POSIX clock ids (CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME, ...) and TIMER_ABSTIME. */
#ifndef _UAPI_LINUX_TIME_H
#define _UAPI_LINUX_TIME_H

#define CLOCK_REALTIME			0
#define CLOCK_MONOTONIC			1
#define CLOCK_PROCESS_CPUTIME_ID	2
#define CLOCK_THREAD_CPUTIME_ID		3
#define CLOCK_MONOTONIC_RAW		4
#define CLOCK_REALTIME_COARSE		5
#define CLOCK_MONOTONIC_COARSE		6
#define CLOCK_BOOTTIME			7
#define CLOCK_REALTIME_ALARM		8
#define CLOCK_BOOTTIME_ALARM		9
#define CLOCK_SGI_CYCLE			10
#define CLOCK_TAI			11
#define MAX_CLOCKS			16

#define TIMER_ABSTIME			1

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/types.h"
#endif

#endif
