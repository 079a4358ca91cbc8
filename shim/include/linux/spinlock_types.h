/* Spinning lock types: raw_spinlock_t, spinlock_t, rwlock_t and their static initializers. */
#ifndef __LINUX_SPINLOCK_TYPES_H
#define __LINUX_SPINLOCK_TYPES_H

#include "linux/types.h"
#include "linux/stddef.h"
#include "linux/lockdep.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "asm/byteorder.h"
#endif

#define SPINLOCK_MAGIC		0xdead4ead
#define RWLOCK_MAGIC		0xdeaf1eed
#define SPINLOCK_OWNER_INIT	((void *)-1L)

typedef struct {
	unsigned int val;		/* 1 while held */
} arch_spinlock_t;

typedef struct {
	int readers;			/* read holders */
	int writer;			/* 1 while write-held */
} arch_rwlock_t;

/* The debug fields are those of CONFIG_DEBUG_SPINLOCK, which the runtime checks. */
typedef struct raw_spinlock {
	arch_spinlock_t		raw_lock;
	unsigned int		magic, owner_cpu;
	void			*owner;
	struct lockdep_map	dep_map;
} raw_spinlock_t;

#define LOCK_PADSIZE (offsetof(struct raw_spinlock, dep_map))

typedef struct spinlock {
	union {
		struct raw_spinlock rlock;
		struct {
			u8 __padding[LOCK_PADSIZE];
			struct lockdep_map dep_map;
		};
	};
} spinlock_t;

typedef struct {
	arch_rwlock_t		raw_lock;
	unsigned int		magic, owner_cpu;
	void			*owner;
	struct lockdep_map	dep_map;
} rwlock_t;

#define __RAW_SPIN_LOCK_INITIALIZER(lockname)					\
	{ .raw_lock = { 0 }, .magic = SPINLOCK_MAGIC, .owner_cpu = (unsigned int)-1,	\
	  .owner = SPINLOCK_OWNER_INIT,						\
	  .dep_map = { .key = 0, .name = #lockname, .wait_type_inner = LD_WAIT_SPIN } }
#define __RAW_SPIN_LOCK_UNLOCKED(lockname)	\
	((raw_spinlock_t)__RAW_SPIN_LOCK_INITIALIZER(lockname))
#define __SPIN_LOCK_INITIALIZER(lockname)	\
	{ { .rlock = __RAW_SPIN_LOCK_INITIALIZER(lockname) } }
#define __SPIN_LOCK_UNLOCKED(lockname)		\
	((spinlock_t)__SPIN_LOCK_INITIALIZER(lockname))
#define __RW_LOCK_UNLOCKED(lockname)						\
	((rwlock_t){ .raw_lock = { 0, 0 }, .magic = RWLOCK_MAGIC,		\
		     .owner_cpu = (unsigned int)-1, .owner = SPINLOCK_OWNER_INIT,	\
		     .dep_map = { .key = 0, .name = #lockname, .wait_type_inner = LD_WAIT_SPIN } })

#define DEFINE_RAW_SPINLOCK(x)	raw_spinlock_t x = __RAW_SPIN_LOCK_INITIALIZER(x)
#define DEFINE_SPINLOCK(x)	spinlock_t x = __SPIN_LOCK_INITIALIZER(x)
#define DEFINE_RWLOCK(x)	rwlock_t x = __RW_LOCK_UNLOCKED(x)

#endif
