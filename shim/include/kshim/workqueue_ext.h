/* kshim extensions to workqueues (not Linux APIs): bounded queues and statistics. */
#ifndef _KSHIM_WORKQUEUE_EXT_H
#define _KSHIM_WORKQUEUE_EXT_H

#include "linux/workqueue.h"

struct kshim_wq_stats {
	unsigned long long queued;	/* work items accepted */
	unsigned long long executed;	/* work functions run to completion */
	unsigned long long rejected;	/* queue attempts refused because the item was pending */
	unsigned long long dropped;	/* refused because the bounded queue was full */
	unsigned long long max_depth;	/* most items pending at once */
	unsigned long long longest_wait_ns; /* longest time from queueing to start */
};

#ifdef __cplusplus
extern "C" {
#endif

/* Caps how many items may be pending on wq at once (0: no cap, the default). Beyond the cap,
 * queue_work() returns false and the item is counted as dropped. Atomic-safe. */
void kshim_workqueue_set_max_pending(struct workqueue_struct *wq, unsigned int max_pending);
void kshim_workqueue_get_stats(struct workqueue_struct *wq, struct kshim_wq_stats *stats);
const char *kshim_workqueue_name(struct workqueue_struct *wq);

#ifdef __cplusplus
}
#endif

#endif
