/* Sequence counters and sequential locks: seqcount_t (and its lock-associated forms), seqlock_t. */
#ifndef __LINUX_SEQLOCK_H
#define __LINUX_SEQLOCK_H

#include "linux/compiler.h"
#include "linux/lockdep.h"
#include "linux/mutex.h"
#include "linux/preempt.h"
#include "linux/spinlock.h"
#include "asm/barrier.h"

/*
 * A reader takes the (even) sequence, reads, and retries if the sequence changed; a writer
 * makes it odd for the length of its update. kshim's tasks switch only at sleeping or
 * voluntary points, so a reader sees an odd count only when a writer slept inside its write
 * section; it then waits at a voluntary point until the writer ends it.
 */
typedef struct seqcount {
	unsigned sequence;
} seqcount_t;

#define SEQCNT_ZERO(name)	{ .sequence = 0 }
#define seqcount_init(s)	do { (s)->sequence = 0; } while (0)
#define seqcount_lockdep_reader_access(s) do { (void)(s); } while (0)

/* A seqcount with the lock that serialises its writers (6.1's seqcount_LOCKNAME_t). */
typedef struct seqcount_raw_spinlock { seqcount_t seqcount; raw_spinlock_t *lock; } seqcount_raw_spinlock_t;
typedef struct seqcount_spinlock { seqcount_t seqcount; spinlock_t *lock; } seqcount_spinlock_t;
typedef struct seqcount_rwlock { seqcount_t seqcount; rwlock_t *lock; } seqcount_rwlock_t;
typedef struct seqcount_mutex { seqcount_t seqcount; struct mutex *lock; } seqcount_mutex_t;
typedef struct { seqcount_t seqcount; } seqcount_latch_t;

#define SEQCOUNT_LOCKNAME_ZERO(name, _lock)	{ .seqcount = SEQCNT_ZERO(name), .lock = (_lock) }
#define SEQCNT_RAW_SPINLOCK_ZERO(name, lock)	SEQCOUNT_LOCKNAME_ZERO(name, lock)
#define SEQCNT_SPINLOCK_ZERO(name, lock)	SEQCOUNT_LOCKNAME_ZERO(name, lock)
#define SEQCNT_RWLOCK_ZERO(name, lock)		SEQCOUNT_LOCKNAME_ZERO(name, lock)
#define SEQCNT_MUTEX_ZERO(name, lock)		SEQCOUNT_LOCKNAME_ZERO(name, lock)
#define SEQCNT_LATCH_ZERO(seq_name)		{ .seqcount = SEQCNT_ZERO(seq_name.seqcount) }

#define __kshim_seqcount_lock_init(s, _lock)					\
	do { seqcount_init(&(s)->seqcount); (s)->lock = (_lock); } while (0)
#define seqcount_raw_spinlock_init(s, lock)	__kshim_seqcount_lock_init(s, lock)
#define seqcount_spinlock_init(s, lock)		__kshim_seqcount_lock_init(s, lock)
#define seqcount_rwlock_init(s, lock)		__kshim_seqcount_lock_init(s, lock)
#define seqcount_mutex_init(s, lock)		__kshim_seqcount_lock_init(s, lock)
#define seqcount_latch_init(s)			seqcount_init(&(s)->seqcount)

#ifdef __cplusplus
extern "C" {
#endif
int _cond_resched(void);
#ifdef __cplusplus
}
#endif

/* __seqprop_ptr(s): the seqcount_t inside any of the forms. */
#ifdef __cplusplus
static inline seqcount_t *__seqprop_ptr(seqcount_t *s) { return s; }
static inline const seqcount_t *__seqprop_ptr(const seqcount_t *s) { return s; }
static inline seqcount_t *__seqprop_ptr(seqcount_raw_spinlock_t *s) { return &s->seqcount; }
static inline seqcount_t *__seqprop_ptr(seqcount_spinlock_t *s) { return &s->seqcount; }
static inline seqcount_t *__seqprop_ptr(seqcount_rwlock_t *s) { return &s->seqcount; }
static inline seqcount_t *__seqprop_ptr(seqcount_mutex_t *s) { return &s->seqcount; }
static inline bool __seqprop_preemptible(const seqcount_t *) { return false; }
static inline bool __seqprop_preemptible(const seqcount_raw_spinlock_t *) { return false; }
static inline bool __seqprop_preemptible(const seqcount_spinlock_t *) { return false; }
static inline bool __seqprop_preemptible(const seqcount_rwlock_t *) { return false; }
static inline bool __seqprop_preemptible(const seqcount_mutex_t *) { return true; }
#define seqprop_ptr(s)		__seqprop_ptr(s)
#define seqprop_preemptible(s)	__seqprop_preemptible(s)
#else
#define seqprop_ptr(s) _Generic(*(s),						\
	seqcount_t: (seqcount_t *)(s),						\
	seqcount_raw_spinlock_t: &((seqcount_raw_spinlock_t *)(s))->seqcount,	\
	seqcount_spinlock_t: &((seqcount_spinlock_t *)(s))->seqcount,		\
	seqcount_rwlock_t: &((seqcount_rwlock_t *)(s))->seqcount,		\
	seqcount_mutex_t: &((seqcount_mutex_t *)(s))->seqcount)
/* Writers of a mutex-protected seqcount are preemptible: write_seqcount_begin disables it. */
#define seqprop_preemptible(s) _Generic(*(s), seqcount_mutex_t: true, default: false)
#endif

/* The sequence once it is even (no writer in the middle). Any context. */
static inline unsigned __kshim_read_seqcount_begin(const seqcount_t *s)
{
	unsigned seq;

	while ((seq = READ_ONCE(s->sequence)) & 1)
		_cond_resched();
	return seq;
}

static inline int __kshim_read_seqcount_retry(const seqcount_t *s, unsigned start)
{
	return unlikely(READ_ONCE(s->sequence) != start);
}

static inline void __kshim_write_seqcount_begin(seqcount_t *s)
{
	s->sequence++;
	smp_wmb();
}

static inline void __kshim_write_seqcount_end(seqcount_t *s)
{
	smp_wmb();
	s->sequence++;
}

#define __read_seqcount_begin(s)	__kshim_read_seqcount_begin(seqprop_ptr(s))
#define raw_read_seqcount_begin(s)	({ unsigned __seq = __read_seqcount_begin(s); smp_rmb(); __seq; })
#define read_seqcount_begin(s)		raw_read_seqcount_begin(s)
/* raw_read_seqcount: the sequence as it is, odd or not; raw_seqcount_begin: it, made even. */
#define raw_read_seqcount(s)		({ unsigned __seq = READ_ONCE(seqprop_ptr(s)->sequence); smp_rmb(); __seq; })
#define raw_seqcount_begin(s)		(raw_read_seqcount(s) & ~1u)
#define __read_seqcount_retry(s, start)	__kshim_read_seqcount_retry(seqprop_ptr(s), start)
#define read_seqcount_retry(s, start)	({ smp_rmb(); __read_seqcount_retry(s, start); })

#define raw_write_seqcount_begin(s)						\
	do {									\
		if (seqprop_preemptible(s))					\
			preempt_disable();					\
		__kshim_write_seqcount_begin(seqprop_ptr(s));			\
	} while (0)
#define raw_write_seqcount_end(s)						\
	do {									\
		__kshim_write_seqcount_end(seqprop_ptr(s));			\
		if (seqprop_preemptible(s))					\
			preempt_enable();					\
	} while (0)
#define write_seqcount_begin(s)			raw_write_seqcount_begin(s)
#define write_seqcount_begin_nested(s, sub)	raw_write_seqcount_begin(s)
#define write_seqcount_end(s)			raw_write_seqcount_end(s)
/* Readers in the middle retry; the count stays even. */
#define raw_write_seqcount_barrier(s)						\
	do { seqprop_ptr(s)->sequence++; smp_wmb(); seqprop_ptr(s)->sequence++; } while (0)
#define write_seqcount_invalidate(s)						\
	do { smp_wmb(); seqprop_ptr(s)->sequence += 2; } while (0)

/* Latches: the reader picks the copy (sequence & 1) that the writer is not changing. */
static inline unsigned raw_read_seqcount_latch(const seqcount_latch_t *s)
{
	return READ_ONCE(s->seqcount.sequence);
}

static inline int read_seqcount_latch_retry(const seqcount_latch_t *s, unsigned start)
{
	return __kshim_read_seqcount_retry(&s->seqcount, start);
}

static inline void raw_write_seqcount_latch(seqcount_latch_t *s)
{
	smp_wmb();
	s->seqcount.sequence++;
	smp_wmb();
}

/* seqlock_t: a seqcount whose writers are serialised by the spinlock beside it. */
typedef struct {
	seqcount_spinlock_t seqcount;
	spinlock_t lock;
} seqlock_t;

#define __SEQLOCK_UNLOCKED(lockname)						\
	{ .seqcount = SEQCNT_SPINLOCK_ZERO(lockname, &(lockname).lock),		\
	  .lock = __SPIN_LOCK_INITIALIZER(lockname) }
#define DEFINE_SEQLOCK(sl)	seqlock_t sl = __SEQLOCK_UNLOCKED(sl)
#define seqlock_init(sl)							\
	do {									\
		spin_lock_init(&(sl)->lock);					\
		seqcount_spinlock_init(&(sl)->seqcount, &(sl)->lock);		\
	} while (0)

/* Readers: any context. */
static inline unsigned read_seqbegin(const seqlock_t *sl)
{
	unsigned seq = __kshim_read_seqcount_begin(&sl->seqcount.seqcount);

	smp_rmb();
	return seq;
}

static inline unsigned read_seqretry(const seqlock_t *sl, unsigned start)
{
	smp_rmb();
	return __kshim_read_seqcount_retry(&sl->seqcount.seqcount, start);
}

/* Writers: spin_lock's context rules for each form. */
#define __kshim_seqlock_write(sl, lockop)					\
	do { lockop(&(sl)->lock); __kshim_write_seqcount_begin(&(sl)->seqcount.seqcount); } while (0)
#define __kshim_sequnlock_write(sl, unlockop)					\
	do { __kshim_write_seqcount_end(&(sl)->seqcount.seqcount); unlockop(&(sl)->lock); } while (0)
#define write_seqlock(sl)		__kshim_seqlock_write(sl, spin_lock)
#define write_sequnlock(sl)		__kshim_sequnlock_write(sl, spin_unlock)
#define write_seqlock_bh(sl)		__kshim_seqlock_write(sl, spin_lock_bh)
#define write_sequnlock_bh(sl)		__kshim_sequnlock_write(sl, spin_unlock_bh)
#define write_seqlock_irq(sl)		__kshim_seqlock_write(sl, spin_lock_irq)
#define write_sequnlock_irq(sl)		__kshim_sequnlock_write(sl, spin_unlock_irq)
#define write_seqlock_irqsave(sl, flags)					\
	do {									\
		spin_lock_irqsave(&(sl)->lock, flags);				\
		__kshim_write_seqcount_begin(&(sl)->seqcount.seqcount);	\
	} while (0)
#define write_sequnlock_irqrestore(sl, flags)					\
	do {									\
		__kshim_write_seqcount_end(&(sl)->seqcount.seqcount);		\
		spin_unlock_irqrestore(&(sl)->lock, flags);			\
	} while (0)

/* Locking readers: exclude writers and each other, leave the sequence alone. */
#define read_seqlock_excl(sl)		spin_lock(&(sl)->lock)
#define read_sequnlock_excl(sl)		spin_unlock(&(sl)->lock)
#define read_seqlock_excl_bh(sl)	spin_lock_bh(&(sl)->lock)
#define read_sequnlock_excl_bh(sl)	spin_unlock_bh(&(sl)->lock)
#define read_seqlock_excl_irq(sl)	spin_lock_irq(&(sl)->lock)
#define read_sequnlock_excl_irq(sl)	spin_unlock_irq(&(sl)->lock)
#define read_seqlock_excl_irqsave(sl, flags)	spin_lock_irqsave(&(sl)->lock, flags)
#define read_sequnlock_excl_irqrestore(sl, flags) spin_unlock_irqrestore(&(sl)->lock, flags)

/* The lockless pass first (seq even), the locking one when *seq is odd (the caller's retry). */
#define read_seqbegin_or_lock(sl, seqp)						\
	do {									\
		if (!(*(seqp) & 1))						\
			*(seqp) = read_seqbegin(sl);				\
		else								\
			read_seqlock_excl(sl);					\
	} while (0)
#define need_seqretry(sl, seq)		(!((seq) & 1) && read_seqretry(sl, seq))
#define done_seqretry(sl, seq)							\
	do { if ((seq) & 1) read_sequnlock_excl(sl); } while (0)
#define read_seqbegin_or_lock_irqsave(sl, seqp)					\
	({									\
		unsigned long __flags = 0;					\
		if (!(*(seqp) & 1))						\
			*(seqp) = read_seqbegin(sl);				\
		else								\
			read_seqlock_excl_irqsave(sl, __flags);			\
		__flags;							\
	})
#define done_seqretry_irqrestore(sl, seq, flags)				\
	do { if ((seq) & 1) read_sequnlock_excl_irqrestore(sl, flags); } while (0)

#endif
