/* Notifier chains: atomic, blocking, raw and SRCU lists of callbacks called in priority order. */
#ifndef _LINUX_NOTIFIER_H
#define _LINUX_NOTIFIER_H

#include "linux/types.h"
#include "linux/errno.h"
#include "linux/mutex.h"
#include "linux/rwsem.h"
#include "linux/spinlock.h"
#include "linux/srcu.h"

struct notifier_block;

typedef int (*notifier_fn_t)(struct notifier_block *nb, unsigned long action, void *data);

/* Higher priority is called first; equal priorities in registration order. */
struct notifier_block {
	notifier_fn_t notifier_call;
	struct notifier_block __rcu *next;
	int priority;
};

/* Called under RCU (callbacks must not sleep); registration takes the spinlock. */
struct atomic_notifier_head {
	spinlock_t lock;
	struct notifier_block __rcu *head;
};

/* Called under the rwsem held for reading (callbacks may sleep). */
struct blocking_notifier_head {
	struct rw_semaphore rwsem;
	struct notifier_block __rcu *head;
};

/* No locking at all: the caller serialises. */
struct raw_notifier_head {
	struct notifier_block __rcu *head;
};

/* Called inside an SRCU read-side section (callbacks may sleep). */
struct srcu_notifier_head {
	struct mutex mutex;
	struct srcu_struct srcu;
	struct notifier_block __rcu *head;
};

#define ATOMIC_INIT_NOTIFIER_HEAD(name) do {	\
		spin_lock_init(&(name)->lock);	\
		(name)->head = NULL;		\
	} while (0)
#define BLOCKING_INIT_NOTIFIER_HEAD(name) do {	\
		init_rwsem(&(name)->rwsem);	\
		(name)->head = NULL;		\
	} while (0)
#define RAW_INIT_NOTIFIER_HEAD(name) do {	\
		(name)->head = NULL;		\
	} while (0)
#define srcu_cleanup_notifier_head(name) cleanup_srcu_struct(&(name)->srcu)

#define ATOMIC_NOTIFIER_INIT(name) { .lock = __SPIN_LOCK_INITIALIZER(name.lock), .head = NULL }
#define BLOCKING_NOTIFIER_INIT(name) { .rwsem = __RWSEM_INITIALIZER((name).rwsem), .head = NULL }
#define RAW_NOTIFIER_INIT(name) { .head = NULL }
#define SRCU_NOTIFIER_INIT(name, pcpu)					\
	{ .mutex = __MUTEX_INITIALIZER(name.mutex),			\
	  .srcu = __SRCU_STRUCT_INIT(name.srcu, pcpu), .head = NULL }

#define ATOMIC_NOTIFIER_HEAD(name) struct atomic_notifier_head name = ATOMIC_NOTIFIER_INIT(name)
#define BLOCKING_NOTIFIER_HEAD(name) struct blocking_notifier_head name = BLOCKING_NOTIFIER_INIT(name)
#define RAW_NOTIFIER_HEAD(name) struct raw_notifier_head name = RAW_NOTIFIER_INIT(name)
#define SRCU_NOTIFIER_HEAD(name) struct srcu_notifier_head name = SRCU_NOTIFIER_INIT(name, name)
#define SRCU_NOTIFIER_HEAD_STATIC(name) static struct srcu_notifier_head name = SRCU_NOTIFIER_INIT(name, name)

#define NOTIFY_DONE		0x0000		/* nothing to say */
#define NOTIFY_OK		0x0001		/* handled */
#define NOTIFY_STOP_MASK	0x8000		/* call no further notifiers */
#define NOTIFY_BAD		(NOTIFY_STOP_MASK | 0x0002)	/* veto */
#define NOTIFY_STOP		(NOTIFY_OK | NOTIFY_STOP_MASK)

#define NETLINK_URELEASE	0x0001
#define KBD_KEYCODE		0x0001
#define KBD_UNBOUND_KEYCODE	0x0002
#define KBD_UNICODE		0x0003
#define KBD_KEYSYM		0x0004
#define KBD_POST_KEYSYM		0x0005

/* An errno as a notifier's veto (NOTIFY_STOP_MASK | (NOTIFY_OK - err)), 0 as NOTIFY_OK. */
static inline int notifier_from_errno(int err)
{
	if (err)
		return NOTIFY_STOP_MASK | (NOTIFY_OK - err);
	return NOTIFY_OK;
}

/* The errno a chain's result carries (0 when it was not a veto with one). */
static inline int notifier_to_errno(int ret)
{
	ret &= ~NOTIFY_STOP_MASK;
	return ret > NOTIFY_OK ? NOTIFY_OK - ret : 0;
}

#ifdef __cplusplus
extern "C" {
#endif

extern struct blocking_notifier_head reboot_notifier_list;

/* Registration: 0, -EEXIST with a WARNING when n is already on the chain, or (the
 * _unique_prio forms) -EBUSY when a block of the same priority is. Unregistration: 0 or
 * -ENOENT. The atomic forms are atomic-safe except unregister, which waits for a grace
 * period; the blocking and SRCU forms may sleep; the raw forms take no lock. */
int atomic_notifier_chain_register(struct atomic_notifier_head *nh, struct notifier_block *n);
int atomic_notifier_chain_register_unique_prio(struct atomic_notifier_head *nh, struct notifier_block *n);
int blocking_notifier_chain_register(struct blocking_notifier_head *nh, struct notifier_block *n);
int blocking_notifier_chain_register_unique_prio(struct blocking_notifier_head *nh, struct notifier_block *n);
int raw_notifier_chain_register(struct raw_notifier_head *nh, struct notifier_block *n);
int srcu_notifier_chain_register(struct srcu_notifier_head *nh, struct notifier_block *n);
int atomic_notifier_chain_unregister(struct atomic_notifier_head *nh, struct notifier_block *n);
int blocking_notifier_chain_unregister(struct blocking_notifier_head *nh, struct notifier_block *n);
int raw_notifier_chain_unregister(struct raw_notifier_head *nh, struct notifier_block *n);
int srcu_notifier_chain_unregister(struct srcu_notifier_head *nh, struct notifier_block *n);

/* Calls each notifier in turn with (val, v) until one returns a value with NOTIFY_STOP_MASK;
 * the last value returned (NOTIFY_DONE for an empty chain). The robust forms call the ones
 * already called again with val_down when one vetoes val_up. Atomic chains are atomic-safe;
 * blocking and SRCU chains may sleep. */
int atomic_notifier_call_chain(struct atomic_notifier_head *nh, unsigned long val, void *v);
int blocking_notifier_call_chain(struct blocking_notifier_head *nh, unsigned long val, void *v);
int raw_notifier_call_chain(struct raw_notifier_head *nh, unsigned long val, void *v);
int srcu_notifier_call_chain(struct srcu_notifier_head *nh, unsigned long val, void *v);
int blocking_notifier_call_chain_robust(struct blocking_notifier_head *nh, unsigned long val_up,
					unsigned long val_down, void *v);
int raw_notifier_call_chain_robust(struct raw_notifier_head *nh, unsigned long val_up,
				   unsigned long val_down, void *v);
bool atomic_notifier_call_chain_is_empty(struct atomic_notifier_head *nh);
void srcu_init_notifier_head(struct srcu_notifier_head *nh);

#ifdef __cplusplus
}
#endif

#endif /* _LINUX_NOTIFIER_H */
