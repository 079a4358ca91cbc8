/* Rate limiting of messages: ratelimit_state_init and the __ratelimit check. */
#ifndef _LINUX_RATELIMIT_H
#define _LINUX_RATELIMIT_H

#include "linux/ratelimit_types.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/sched.h"
#endif

static inline void ratelimit_state_init(struct ratelimit_state *rs, int interval, int burst)
{
	rs->interval = interval;
	rs->burst = burst;
	rs->printed = 0;
	rs->missed = 0;
	rs->begin = 0;
	rs->flags = 0;
}

static inline void ratelimit_set_flags(struct ratelimit_state *rs, unsigned long flags)
{
	rs->flags = flags;
}

#endif
