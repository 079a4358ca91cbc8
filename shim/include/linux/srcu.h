/* Sleepable RCU: srcu_read_lock/unlock (readers may sleep), synchronize_srcu, per srcu_struct. */
#ifndef _LINUX_SRCU_H
#define _LINUX_SRCU_H

#include "linux/types.h"
#include "linux/compiler.h"
#include "linux/lockdep.h"
#include "linux/rcupdate.h"

/* Readers count themselves in the half that kshim_idx named when they entered; a grace
 * period flips kshim_idx and waits for the old half to drain. kshim_gp is non-zero while one
 * runs (grace periods of one srcu_struct are serialised). */
struct srcu_struct {
	int kshim_readers[2];
	int kshim_idx;
	int kshim_gp;
	struct lockdep_map dep_map;
};

#define __SRCU_STRUCT_INIT(_srcu, _pcpu) \
	{ .kshim_readers = { 0, 0 }, .kshim_idx = 0, .kshim_gp = 0, \
	  .dep_map = { .key = 0, .name = #_srcu, .wait_type_inner = LD_WAIT_SLEEP } }
#define DEFINE_SRCU(_srcu)		struct srcu_struct _srcu = __SRCU_STRUCT_INIT(_srcu, _srcu)
#define DEFINE_STATIC_SRCU(_srcu)	static struct srcu_struct _srcu = __SRCU_STRUCT_INIT(_srcu, _srcu)

#define init_srcu_struct(ssp) ({					\
		static struct lock_class_key __srcu_key;		\
		__init_srcu_struct((ssp), #ssp, &__srcu_key);		\
	})

#define srcu_dereference_check(p, ssp, c)	rcu_dereference_check(p, (c) || srcu_read_lock_held(ssp))
#define srcu_dereference(p, ssp)		srcu_dereference_check((p), (ssp), 0)
#define srcu_dereference_notrace(p, ssp)	srcu_dereference_check((p), (ssp), 1)

#ifdef __cplusplus
extern "C" {
#endif

/* 0; the structure is ready for readers, its lockdep class named and keyed by the
 * init_srcu_struct() call site. Atomic-safe. */
int __init_srcu_struct(struct srcu_struct *ssp, const char *name, struct lock_class_key *key);
/* Ends its use; readers still inside are reported (WARN, as 6.1). May sleep. */
void cleanup_srcu_struct(struct srcu_struct *ssp);
/* Enter/leave a read-side section; the reader may sleep inside. Atomic-safe. */
int __srcu_read_lock(struct srcu_struct *ssp);
void __srcu_read_unlock(struct srcu_struct *ssp, int idx);
/* 1 while the current task is inside a read-side section of ssp (lockdep's view). */
int srcu_read_lock_held(const struct srcu_struct *ssp);
/* Waits until every reader that had entered ssp has left. May sleep. */
void synchronize_srcu(struct srcu_struct *ssp);
void synchronize_srcu_expedited(struct srcu_struct *ssp);
/* Loud stubs (docs/api-coverage.md): SRCU callbacks. */
void call_srcu(struct srcu_struct *ssp, struct rcu_head *head, rcu_callback_t func);
void srcu_barrier(struct srcu_struct *ssp);

#ifdef __cplusplus
}
#endif

static inline int srcu_read_lock(struct srcu_struct *ssp)
{
	return __srcu_read_lock(ssp);
}

static inline void srcu_read_unlock(struct srcu_struct *ssp, int idx)
{
	__srcu_read_unlock(ssp, idx);
}

static inline int srcu_read_lock_notrace(struct srcu_struct *ssp)
{
	return __srcu_read_lock(ssp);
}

static inline void srcu_read_unlock_notrace(struct srcu_struct *ssp, int idx)
{
	__srcu_read_unlock(ssp, idx);
}

static inline void smp_mb__after_srcu_read_unlock(void)
{
}

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/completion.h"
#include "linux/mutex.h"
#include "linux/wait.h"
#include "linux/workqueue.h"
#endif

#endif /* _LINUX_SRCU_H */
