/* Lock validator (kshim's lockdep-lite): lock classes, held-lock assertions, nesting annotations. */
#ifndef __LINUX_LOCKDEP_H
#define __LINUX_LOCKDEP_H

#include "linux/types.h"
#include "linux/compiler.h"
#include "linux/kernel.h"
#include "linux/irqflags.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/smp.h"
#endif

struct task_struct;

#define MAX_LOCKDEP_SUBCLASSES		8UL
#define SINGLE_DEPTH_NESTING		1
#define LOCK_STATE_UNKNOWN		-1
#define LOCK_STATE_NOT_HELD		0
#define LOCK_STATE_HELD			1

/* Wait types, as printed in "{+.+.}-{2:2}": 2 spinning locks, 3 sleeping locks. */
#define LD_WAIT_INV			0
#define LD_WAIT_FREE			1
#define LD_WAIT_SPIN			2
#define LD_WAIT_CONFIG			LD_WAIT_SPIN
#define LD_WAIT_SLEEP			3

/* Only the address of a key matters: one static key per init site is one lock class. */
struct lock_class_key {
	char __kshim_unused;
};

/* Embedded in every validated lock. key == NULL: a statically defined lock, whose class is
 * the lock's own address (as for the kernel's static objects). */
struct lockdep_map {
	struct lock_class_key	*key;
	const char		*name;
	unsigned char		wait_type_inner;
};

#define STATIC_LOCKDEP_MAP_INIT(_name, _key)	{ .key = (_key), .name = (_name), .wait_type_inner = 0 }

#ifdef __cplusplus
extern "C" {
#endif

/* Nonzero while lock checking is on; the first locking bug report turns it off, as in Linux. */
extern int debug_locks;
/* Keys no class is created for (lockdep_set_novalidate_class). */
extern struct lock_class_key __lockdep_no_validate__;

/* All atomic-safe. */
void lockdep_init_map_type(struct lockdep_map *lock, const char *name, struct lock_class_key *key,
			   int subclass, unsigned char inner);
void lock_acquire(struct lockdep_map *lock, unsigned int subclass, int trylock, int read,
		  int check, struct lockdep_map *nest_lock, unsigned long ip);
void lock_release(struct lockdep_map *lock, unsigned long ip);
/* 1 if the current task holds lock (read: -1 any, 0 write, 1 read). */
int lock_is_held_type(const struct lockdep_map *lock, int read);
/* Number of locks the current task holds (spinning and sleeping, lockdep-tracked). */
int kshim_lockdep_depth(void);
/* Prints "N locks held by comm/pid:" and one " #i: ..." line per lock. */
void debug_show_held_locks(struct task_struct *task);
void debug_show_all_locks(void);
/* Reports "WARNING: comm/pid still has locks held!" if the current task holds any. */
void debug_check_no_locks_held(void);
/* Forgets the classes keyed inside [start, start+size): call when a module's memory goes away. */
void lockdep_free_key_range(void *start, unsigned long size);
void lockdep_register_key(struct lock_class_key *key);
void lockdep_unregister_key(struct lock_class_key *key);
void lockdep_off(void);
void lockdep_on(void);
/* A lockdep_assert*() failed at file:line: the WARNING its WARN_ON prints. */
void kshim_lockdep_assert_failed(const char *file, int line, unsigned long ip);

#ifdef __cplusplus
}
#endif

#define lockdep_init_map(lock, name, key, sub) \
	lockdep_init_map_type(lock, name, key, sub, 0)
#define lock_is_held(lock)		lock_is_held_type(lock, -1)
#define lockdep_is_held(lock)		lock_is_held(&(lock)->dep_map)
#define lockdep_is_held_type(lock, r)	lock_is_held_type(&(lock)->dep_map, (r))
#define lockdep_depth(tsk)		kshim_lockdep_depth()

#define lockdep_set_class(lock, key) \
	lockdep_init_map_type(&(lock)->dep_map, #key, key, 0, (lock)->dep_map.wait_type_inner)
#define lockdep_set_class_and_name(lock, key, name) \
	lockdep_init_map_type(&(lock)->dep_map, name, key, 0, (lock)->dep_map.wait_type_inner)
#define lockdep_set_class_and_subclass(lock, key, sub) \
	lockdep_init_map_type(&(lock)->dep_map, #key, key, sub, (lock)->dep_map.wait_type_inner)
#define lockdep_set_subclass(lock, sub) \
	lockdep_init_map_type(&(lock)->dep_map, (lock)->dep_map.name, (lock)->dep_map.key, sub, \
			      (lock)->dep_map.wait_type_inner)
#define lockdep_set_novalidate_class(lock) \
	lockdep_set_class_and_name(lock, &__lockdep_no_validate__, #lock)
#define lockdep_match_class(lock, key)	((lock)->dep_map.key == (key))

/* As 6.1's WARN_ON(debug_locks && !(cond)), counted as a lockdep report of its own. */
#define lockdep_assert(cond) do {						\
		if (debug_locks && !(cond))					\
			kshim_lockdep_assert_failed(__FILE__, __LINE__, __kshim_this_ip()); \
	} while (0)
#define lockdep_assert_once(cond) do {						\
		static int __kshim_warned;					\
		if (debug_locks && !(cond) && !__kshim_warned) {		\
			__kshim_warned = 1;					\
			kshim_lockdep_assert_failed(__FILE__, __LINE__, __kshim_this_ip()); \
		}								\
	} while (0)
#define lockdep_assert_held(l)		lockdep_assert(lockdep_is_held(l))
#define lockdep_assert_not_held(l)	lockdep_assert(!lockdep_is_held(l))
#define lockdep_assert_held_write(l)	lockdep_assert(lockdep_is_held_type(l, 0))
#define lockdep_assert_held_read(l)	lockdep_assert(lockdep_is_held_type(l, 1))
#define lockdep_assert_held_once(l)	lockdep_assert_once(lockdep_is_held(l))
#define lockdep_assert_none_held_once()	lockdep_assert_once(!kshim_lockdep_depth())
#define lockdep_assert_irqs_enabled()	lockdep_assert_once(!irqs_disabled())
#define lockdep_assert_irqs_disabled()	lockdep_assert_once(irqs_disabled())
#define lockdep_assert_preemption_disabled() do { } while (0)
#define lockdep_assert_preemption_enabled() do { } while (0)
#define lockdep_assert_RT_in_threaded_ctx() do { } while (0)
#define lockdep_pin_lock(l)		((void)0)
#define lockdep_unpin_lock(l, c)	((void)(c))

#define lock_map_acquire(l)		lock_acquire(l, 0, 0, 0, 1, NULL, _THIS_IP_)
#define lock_map_acquire_read(l)	lock_acquire(l, 0, 0, 2, 1, NULL, _THIS_IP_)
#define lock_map_release(l)		lock_release(l, _THIS_IP_)

/* Divergence: might_lock() records no dependency (the kernel acquires and releases the map). */
#define might_lock(lock)		do { (void)(lock); } while (0)
#define might_lock_read(lock)		do { (void)(lock); } while (0)
#define might_lock_nested(lock, sub)	do { (void)(lock); (void)(sub); } while (0)

#endif
