/* Time types and conversions (timespec64, NSEC_PER_SEC, ...). */
#ifndef _LINUX_TIME_H
#define _LINUX_TIME_H

#include "linux/time64.h"
#include "linux/math.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/cache.h"
#include "linux/init.h"
#include "asm/ptrace.h"
#include "asm/current.h"
#include "asm/errno.h"
#include "linux/cpumask.h"
#include "linux/irqflags.h"
#include "asm/page.h"
#include "linux/ioctl.h"
#include "asm/processor.h"
#endif

#ifndef __cplusplus
/* Broken-down time as time64_to_tm() fills it (6.1 layout; C++ keeps glibc's struct tm). */
struct tm {
	int tm_sec;
	int tm_min;
	int tm_hour;
	int tm_mday;
	int tm_mon;
	long tm_year;
	int tm_wday;
	int tm_yday;
};
#endif

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/static_key.h"
#endif

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "asm/special_insns.h"
#endif

#endif
