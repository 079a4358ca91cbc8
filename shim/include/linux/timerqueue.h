/* Time-ordered queue nodes (timerqueue_node: an expiry and its tree link), as hrtimers embed them. */
#ifndef _LINUX_TIMERQUEUE_H
#define _LINUX_TIMERQUEUE_H

#include "linux/ktime.h"

/* Divergence: kshim orders hrtimers in its own queue, so the node's tree link is opaque storage
 * of an rb_node's size, not a struct rb_node; `expires` is the kernel's field. */
struct timerqueue_node {
	struct {
		unsigned long __kshim[3];
	} node;
	ktime_t expires;
};

static inline void timerqueue_init(struct timerqueue_node *node)
{
	node->node.__kshim[0] = 0;
	node->node.__kshim[1] = 0;
	node->node.__kshim[2] = 0;
}

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/rbtree.h"
#endif

#endif
