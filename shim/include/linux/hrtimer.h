/* High-resolution timers: nanosecond expiry on the shim clock, callbacks in hardirq context
 * (or softirq context for the _SOFT modes) on a virtual CPU, as in Linux 6.1. */
#ifndef _LINUX_HRTIMER_H
#define _LINUX_HRTIMER_H

#include "linux/hrtimer_defs.h"
#include "linux/init.h"
#include "linux/list.h"
#include "linux/timer.h"
#include "linux/timerqueue.h"
#include "linux/types.h"

struct hrtimer_clock_base;
struct hrtimer_cpu_base;
struct task_struct;

/* Bits of a mode: ABS or REL, optionally PINNED, and SOFT (softirq expiry) or HARD. */
enum hrtimer_mode {
	HRTIMER_MODE_ABS	= 0x00,
	HRTIMER_MODE_REL	= 0x01,
	HRTIMER_MODE_PINNED	= 0x02,
	HRTIMER_MODE_SOFT	= 0x04,
	HRTIMER_MODE_HARD	= 0x08,

	HRTIMER_MODE_ABS_PINNED = HRTIMER_MODE_ABS | HRTIMER_MODE_PINNED,
	HRTIMER_MODE_REL_PINNED = HRTIMER_MODE_REL | HRTIMER_MODE_PINNED,

	HRTIMER_MODE_ABS_SOFT	= HRTIMER_MODE_ABS | HRTIMER_MODE_SOFT,
	HRTIMER_MODE_REL_SOFT	= HRTIMER_MODE_REL | HRTIMER_MODE_SOFT,

	HRTIMER_MODE_ABS_PINNED_SOFT = HRTIMER_MODE_ABS_PINNED | HRTIMER_MODE_SOFT,
	HRTIMER_MODE_REL_PINNED_SOFT = HRTIMER_MODE_REL_PINNED | HRTIMER_MODE_SOFT,

	HRTIMER_MODE_ABS_HARD	= HRTIMER_MODE_ABS | HRTIMER_MODE_HARD,
	HRTIMER_MODE_REL_HARD	= HRTIMER_MODE_REL | HRTIMER_MODE_HARD,

	HRTIMER_MODE_ABS_PINNED_HARD = HRTIMER_MODE_ABS_PINNED | HRTIMER_MODE_HARD,
	HRTIMER_MODE_REL_PINNED_HARD = HRTIMER_MODE_REL_PINNED | HRTIMER_MODE_HARD,
};

/* What a callback returns: whether the timer is queued again at its (forwarded) expiry. */
enum hrtimer_restart {
	HRTIMER_NORESTART,
	HRTIMER_RESTART,
};

/* timer->state: ENQUEUED while the timer waits for its expiry (until its callback starts). */
#define HRTIMER_STATE_INACTIVE	0x00
#define HRTIMER_STATE_ENQUEUED	0x01

struct hrtimer {
	struct timerqueue_node		node;		/* node.expires: the hard expiry */
	ktime_t				_softexpires;
	enum hrtimer_restart		(*function)(struct hrtimer *);
	struct hrtimer_clock_base	*base;
	u8				state;
	u8				is_rel;
	u8				is_soft;
	u8				is_hard;
	unsigned long			__kshim[5];	/* the runtime's queue entry */
};

struct hrtimer_sleeper {
	struct hrtimer timer;
	struct task_struct *task;
};

/* The clock bases of a CPU, in 6.1's order: hard ones first, then the softirq ones. */
enum hrtimer_base_type {
	HRTIMER_BASE_MONOTONIC,
	HRTIMER_BASE_REALTIME,
	HRTIMER_BASE_BOOTTIME,
	HRTIMER_BASE_TAI,
	HRTIMER_BASE_MONOTONIC_SOFT,
	HRTIMER_BASE_REALTIME_SOFT,
	HRTIMER_BASE_BOOTTIME_SOFT,
	HRTIMER_BASE_TAI_SOFT,
	HRTIMER_MAX_CLOCK_BASES,
};

/* One clock on one CPU. `running` is the timer whose callback runs now, or NULL. */
struct hrtimer_clock_base {
	struct hrtimer_cpu_base	*cpu_base;
	unsigned int		index;
	clockid_t		clockid;
	struct hrtimer		*running;
	ktime_t			(*get_time)(void);
	ktime_t			offset;
};

/* A virtual CPU's hrtimer state (kshim keeps only what modules may read). */
struct hrtimer_cpu_base {
	unsigned int			cpu;
	unsigned int			hres_active;
	struct hrtimer_clock_base	clock_base[HRTIMER_MAX_CLOCK_BASES];
};

/* Nanosecond resolution: the clocks are high resolution. */
#define hrtimer_resolution	((unsigned int)HIGH_RES_NSEC)

/* Expiry accessors: any context; the caller serialises against the timer's own updates. */
static inline void hrtimer_set_expires(struct hrtimer *timer, ktime_t time)
{
	timer->node.expires = time;
	timer->_softexpires = time;
}

static inline void hrtimer_set_expires_range(struct hrtimer *timer, ktime_t time, ktime_t delta)
{
	timer->_softexpires = time;
	timer->node.expires = ktime_add_safe(time, delta);
}

static inline void hrtimer_set_expires_range_ns(struct hrtimer *timer, ktime_t time, u64 delta)
{
	timer->_softexpires = time;
	timer->node.expires = ktime_add_safe(time, ns_to_ktime(delta));
}

static inline void hrtimer_set_expires_tv64(struct hrtimer *timer, s64 tv64)
{
	timer->node.expires = tv64;
	timer->_softexpires = tv64;
}

static inline void hrtimer_add_expires(struct hrtimer *timer, ktime_t time)
{
	timer->node.expires = ktime_add_safe(timer->node.expires, time);
	timer->_softexpires = ktime_add_safe(timer->_softexpires, time);
}

static inline void hrtimer_add_expires_ns(struct hrtimer *timer, u64 ns)
{
	timer->node.expires = ktime_add_ns(timer->node.expires, ns);
	timer->_softexpires = ktime_add_ns(timer->_softexpires, ns);
}

static inline ktime_t hrtimer_get_expires(const struct hrtimer *timer) { return timer->node.expires; }
static inline ktime_t hrtimer_get_softexpires(const struct hrtimer *timer) { return timer->_softexpires; }
static inline s64 hrtimer_get_expires_tv64(const struct hrtimer *timer) { return timer->node.expires; }
static inline s64 hrtimer_get_softexpires_tv64(const struct hrtimer *timer) { return timer->_softexpires; }
static inline s64 hrtimer_get_expires_ns(const struct hrtimer *timer) { return ktime_to_ns(timer->node.expires); }

/* The time of the timer's clock base now. Atomic-safe; the timer must be initialised. */
static inline ktime_t hrtimer_cb_get_time(struct hrtimer *timer) { return timer->base->get_time(); }

static inline ktime_t hrtimer_expires_remaining(const struct hrtimer *timer)
{
	return ktime_sub(timer->node.expires, timer->base->get_time());
}

static inline int hrtimer_is_hres_active(struct hrtimer *timer) { return timer->base->cpu_base->hres_active; }

#ifdef __cplusplus
extern "C" {
#endif

/* Initialises timer on the current CPU's base of clock_id (CLOCK_MONOTONIC, _REALTIME,
 * _BOOTTIME, _TAI); a relative CLOCK_REALTIME timer uses CLOCK_MONOTONIC, as in 6.1. The caller
 * then sets timer->function. Any context. */
void hrtimer_init(struct hrtimer *timer, clockid_t clock_id, enum hrtimer_mode mode);
/* hrtimer_init plus the callback in one call: the interface of Linux 6.13 and later, not 6.1. */
void hrtimer_setup(struct hrtimer *timer, enum hrtimer_restart (*function)(struct hrtimer *),
		   clockid_t clock_id, enum hrtimer_mode mode);
/* (Re)arms timer for tim (absolute, or relative to its clock now with a _REL mode), with a slack
 * of range_ns after it; a queued timer is moved. Atomic-safe. */
void hrtimer_start_range_ns(struct hrtimer *timer, ktime_t tim, u64 range_ns, const enum hrtimer_mode mode);
/* 1 if timer was queued and is dequeued, 0 if it was not queued, -1 if its callback runs now
 * (it is then left alone). Atomic-safe. */
int hrtimer_try_to_cancel(struct hrtimer *timer);
/* Dequeues timer and waits for a running callback to finish; returns whether it was queued.
 * May wait; from the timer's own callback it would deadlock (kshim reports that). */
int hrtimer_cancel(struct hrtimer *timer);
/* Moves the expiry forward by whole intervals until it is after now; returns how many intervals
 * it moved (0 if it was after now already). The timer must not be queued. Atomic-safe. */
u64 hrtimer_forward(struct hrtimer *timer, ktime_t now, ktime_t interval);
/* Whether timer is queued or its callback runs now. Atomic-safe. */
bool hrtimer_active(const struct hrtimer *timer);
/* The hard expiry minus the clock now (negative once due). Atomic-safe. */
ktime_t __hrtimer_get_remaining(const struct hrtimer *timer, bool adjust);
/* A sleeper: an hrtimer whose expiry wakes sl->task (the current task) and clears it. */
void hrtimer_init_sleeper(struct hrtimer_sleeper *sl, clockid_t clock_id, enum hrtimer_mode mode);
void hrtimer_sleeper_start_expires(struct hrtimer_sleeper *sl, enum hrtimer_mode mode);
/* Sleeps in the state the caller set until expires (+ delta slack): 0 once it expired, -EINTR
 * when woken earlier (or at once for a NULL expires, which sleeps until woken). May sleep. */
int schedule_hrtimeout_range_clock(ktime_t *expires, u64 delta, const enum hrtimer_mode mode, clockid_t clock_id);
/* debugobjects: an hrtimer still queued is reported (ODEBUG free active) and cancelled. */
void destroy_hrtimer_on_stack(struct hrtimer *timer);
/* hrtimer_init (or hrtimer_init_sleeper), and debugobjects registers the timer as on the stack
 * (queued at its frame's end: ODEBUG free active). */
void hrtimer_init_on_stack(struct hrtimer *timer, clockid_t clock_id, enum hrtimer_mode mode);
void hrtimer_init_sleeper_on_stack(struct hrtimer_sleeper *sl, clockid_t clock_id, enum hrtimer_mode mode);

#ifdef __cplusplus
}
#endif


static inline int schedule_hrtimeout_range(ktime_t *expires, u64 delta, const enum hrtimer_mode mode)
{
	return schedule_hrtimeout_range_clock(expires, delta, mode, CLOCK_MONOTONIC);
}

static inline int schedule_hrtimeout(ktime_t *expires, const enum hrtimer_mode mode)
{
	return schedule_hrtimeout_range(expires, 0, mode);
}

static inline void hrtimer_start(struct hrtimer *timer, ktime_t tim, const enum hrtimer_mode mode)
{
	hrtimer_start_range_ns(timer, tim, 0, mode);
}

static inline void hrtimer_start_expires(struct hrtimer *timer, enum hrtimer_mode mode)
{
	ktime_t soft = hrtimer_get_softexpires(timer);
	ktime_t hard = hrtimer_get_expires(timer);

	hrtimer_start_range_ns(timer, soft, (u64)ktime_to_ns(ktime_sub(hard, soft)), mode);
}

static inline void hrtimer_restart(struct hrtimer *timer) { hrtimer_start_expires(timer, HRTIMER_MODE_ABS); }

static inline ktime_t hrtimer_get_remaining(const struct hrtimer *timer)
{
	return __hrtimer_get_remaining(timer, false);
}

/* Atomic-safe snapshots. */
static inline bool hrtimer_is_queued(struct hrtimer *timer)
{
	return !!(READ_ONCE(timer->state) & HRTIMER_STATE_ENQUEUED);
}

static inline int hrtimer_callback_running(struct hrtimer *timer) { return timer->base->running == timer; }

/* hrtimer_forward from the timer's clock now: safe in the timer's own callback. */
static inline u64 hrtimer_forward_now(struct hrtimer *timer, ktime_t interval)
{
	return hrtimer_forward(timer, timer->base->get_time(), interval);
}

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/rbtree.h"
#include "linux/percpu.h"
#include "linux/seqlock.h"
#endif

#endif
