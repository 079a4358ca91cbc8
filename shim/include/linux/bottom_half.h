/* Bottom-half (softirq) disabling: local_bh_disable/enable count in the task's preempt_count. */
#ifndef _LINUX_BH_H
#define _LINUX_BH_H

#include "linux/preempt.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/stringify.h"
#include "linux/types.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif
/* Atomic-safe. They add and remove SOFTIRQ_DISABLE_OFFSET to the current preempt count. */
void local_bh_disable(void);
void local_bh_enable(void);
#ifdef __cplusplus
}
#endif

#define _local_bh_enable()		local_bh_enable()
#define local_bh_enable_ip(ip)		local_bh_enable()
#define local_bh_disable_notrace()	local_bh_disable()

#endif
