/* struct ratelimit_state and DEFINE_RATELIMIT_STATE. */
#ifndef _LINUX_RATELIMIT_TYPES_H
#define _LINUX_RATELIMIT_TYPES_H

#include "linux/types.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/bits.h"
#include "asm/byteorder.h"
#endif

#define DEFAULT_RATELIMIT_INTERVAL	(5 * 250)
#define DEFAULT_RATELIMIT_BURST		10
#define RATELIMIT_MSG_ON_RELEASE	1

struct ratelimit_state {
	int		interval;
	int		burst;
	int		printed;
	int		missed;
	unsigned long	begin;
	unsigned long	flags;
};

#define RATELIMIT_STATE_INIT(name, interval_init, burst_init) {	\
		.interval	= interval_init,			\
		.burst		= burst_init,				\
	}

#define DEFINE_RATELIMIT_STATE(name, interval_init, burst_init)		\
	struct ratelimit_state name =					\
		RATELIMIT_STATE_INIT(name, interval_init, burst_init)

#ifdef __cplusplus
extern "C" {
#endif
int ___ratelimit(struct ratelimit_state *rs, const char *func);
#ifdef __cplusplus
}
#endif

#define __ratelimit(state) ___ratelimit(state, __func__)

#endif
