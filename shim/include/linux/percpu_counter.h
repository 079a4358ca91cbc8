/* Per-CPU counters: percpu_counter_init/add/sum/read/compare/destroy with 6.1's batch semantics. */
#ifndef _LINUX_PERCPU_COUNTER_H
#define _LINUX_PERCPU_COUNTER_H

#include "linux/spinlock.h"
#include "linux/smp.h"
#include "linux/list.h"
#include "linux/percpu.h"
#include "linux/types.h"
#include "linux/gfp.h"
#include "linux/limits.h"

/* The batch of percpu_counter_add_local(): the CPU's count is folded only when it overflows. */
#define PERCPU_COUNTER_LOCAL_BATCH	INT_MAX

struct percpu_counter {
	raw_spinlock_t lock;	/* kept for layout; kshim's updates have no switch point inside */
	s64 count;
	struct list_head list;
	s32 __percpu *counters;
};

#ifdef __cplusplus
extern "C" {
#endif
/* max(32, 2 * online CPUs), as 6.1 sets it at boot. */
extern int percpu_counter_batch;

/* May sleep with GFP_KERNEL; 0 or -ENOMEM. */
int __percpu_counter_init(struct percpu_counter *fbc, s64 amount, gfp_t gfp,
			  struct lock_class_key *key);
/* The rest: any context. */
void percpu_counter_destroy(struct percpu_counter *fbc);
void percpu_counter_set(struct percpu_counter *fbc, s64 amount);
void percpu_counter_add_batch(struct percpu_counter *fbc, s64 amount, s32 batch);
s64 __percpu_counter_sum(struct percpu_counter *fbc);
int __percpu_counter_compare(struct percpu_counter *fbc, s64 rhs, s32 batch);
void percpu_counter_sync(struct percpu_counter *fbc);
#ifdef __cplusplus
}
#endif

#define percpu_counter_init(fbc, value, gfp)					\
	({									\
		static struct lock_class_key __key;				\
		__percpu_counter_init(fbc, value, gfp, &__key);			\
	})

static inline int percpu_counter_compare(struct percpu_counter *fbc, s64 rhs)
{
	return __percpu_counter_compare(fbc, rhs, percpu_counter_batch);
}

static inline void percpu_counter_add(struct percpu_counter *fbc, s64 amount)
{
	percpu_counter_add_batch(fbc, amount, percpu_counter_batch);
}

static inline void percpu_counter_add_local(struct percpu_counter *fbc, s64 amount)
{
	percpu_counter_add_batch(fbc, amount, PERCPU_COUNTER_LOCAL_BATCH);
}

static inline s64 percpu_counter_sum_positive(struct percpu_counter *fbc)
{
	s64 ret = __percpu_counter_sum(fbc);

	return ret < 0 ? 0 : ret;
}

static inline s64 percpu_counter_sum(struct percpu_counter *fbc)
{
	return __percpu_counter_sum(fbc);
}

static inline s64 percpu_counter_read(struct percpu_counter *fbc)
{
	return fbc->count;
}

/* fbc->count may be a little negative for a counter that never is: read it as 0 then. */
static inline s64 percpu_counter_read_positive(struct percpu_counter *fbc)
{
	s64 ret = READ_ONCE(fbc->count);

	return ret >= 0 ? ret : 0;
}

static inline bool percpu_counter_initialized(struct percpu_counter *fbc)
{
	return fbc->counters != NULL;
}

static inline void percpu_counter_inc(struct percpu_counter *fbc)
{
	percpu_counter_add(fbc, 1);
}

static inline void percpu_counter_dec(struct percpu_counter *fbc)
{
	percpu_counter_add(fbc, -1);
}

static inline void percpu_counter_sub(struct percpu_counter *fbc, s64 amount)
{
	percpu_counter_add(fbc, -amount);
}

static inline void percpu_counter_sub_local(struct percpu_counter *fbc, s64 amount)
{
	percpu_counter_add_local(fbc, -amount);
}

#endif
