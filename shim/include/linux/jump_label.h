/* Static keys: DEFINE_STATIC_KEY_TRUE/FALSE, static_branch_likely/unlikely/enable/disable/inc/dec, static_key_enabled. */
#ifndef _LINUX_JUMP_LABEL_H
#define _LINUX_JUMP_LABEL_H

#include "linux/types.h"
#include "linux/compiler.h"
#include "linux/atomic.h"
#include "linux/bug.h"

/*
 * Linux patches the branch sites when a key changes; kshim tests the key's count at each site
 * (the same results, a load and a compare each). enabled: the number of users, 0 disabled.
 */
struct static_key {
	atomic_t enabled;
};

struct static_key_true {
	struct static_key key;
};

struct static_key_false {
	struct static_key key;
};

#define STATIC_KEY_INIT_TRUE	{ .enabled = ATOMIC_INIT(1) }
#define STATIC_KEY_INIT_FALSE	{ .enabled = ATOMIC_INIT(0) }
#define STATIC_KEY_INIT		STATIC_KEY_INIT_FALSE
#define STATIC_KEY_TRUE_INIT	(struct static_key_true) { .key = STATIC_KEY_INIT_TRUE }
#define STATIC_KEY_FALSE_INIT	(struct static_key_false) { .key = STATIC_KEY_INIT_FALSE }

#define DEFINE_STATIC_KEY_TRUE(name)	struct static_key_true name = STATIC_KEY_TRUE_INIT
#define DEFINE_STATIC_KEY_TRUE_RO(name)	DEFINE_STATIC_KEY_TRUE(name)
#define DECLARE_STATIC_KEY_TRUE(name)	extern struct static_key_true name
#define DEFINE_STATIC_KEY_FALSE(name)	struct static_key_false name = STATIC_KEY_FALSE_INIT
#define DEFINE_STATIC_KEY_FALSE_RO(name) DEFINE_STATIC_KEY_FALSE(name)
#define DECLARE_STATIC_KEY_FALSE(name)	extern struct static_key_false name
#define DEFINE_STATIC_KEY_ARRAY_TRUE(name, count)				\
	struct static_key_true name[count] = { [0 ... (count) - 1] = STATIC_KEY_TRUE_INIT }
#define DEFINE_STATIC_KEY_ARRAY_FALSE(name, count)				\
	struct static_key_false name[count] = { [0 ... (count) - 1] = STATIC_KEY_FALSE_INIT }
#define DEFINE_STATIC_KEY_MAYBE(cfg, name)	DEFINE_STATIC_KEY_FALSE(name)

#ifdef __cplusplus
extern "C" {
#endif
/* Any context in kshim (Linux takes jump_label_mutex: may sleep). Misuse warns as 6.1 does. */
bool static_key_slow_inc(struct static_key *key);
void static_key_slow_dec(struct static_key *key);
void static_key_enable(struct static_key *key);
void static_key_disable(struct static_key *key);
bool static_key_fast_inc_not_disabled(struct static_key *key);
#ifdef __cplusplus
}
#endif

#define static_key_slow_inc_cpuslocked(key)	static_key_slow_inc(key)
#define static_key_slow_dec_cpuslocked(key)	static_key_slow_dec(key)
#define static_key_enable_cpuslocked(key)	static_key_enable(key)
#define static_key_disable_cpuslocked(key)	static_key_disable(key)

static inline int static_key_count(struct static_key *key)
{
	/* a relaxed read of the count: atomic.h may still be on its way in (it reaches this header) */
	int n = __atomic_load_n(&key->enabled.counter, __ATOMIC_RELAXED);

	return n >= 0 ? n : 1;
}

/* x: a struct static_key, static_key_true or static_key_false (the key is their first member). */
#define static_key_enabled(x)	(static_key_count((struct static_key *)(x)) > 0)
#define static_key_true(x)	likely(static_key_count(x) > 0)
#define static_key_false(x)	unlikely(static_key_count(x) > 0)
#define static_branch_likely(x)		likely(static_key_enabled(&(x)->key))
#define static_branch_unlikely(x)	unlikely(static_key_enabled(&(x)->key))
#define static_branch_maybe(config, x)	static_branch_unlikely(x)

#define static_branch_inc(x)		static_key_slow_inc(&(x)->key)
#define static_branch_dec(x)		static_key_slow_dec(&(x)->key)
#define static_branch_inc_cpuslocked(x)	static_key_slow_inc(&(x)->key)
#define static_branch_dec_cpuslocked(x)	static_key_slow_dec(&(x)->key)
#define static_branch_enable(x)		static_key_enable(&(x)->key)
#define static_branch_disable(x)	static_key_disable(&(x)->key)
#define static_branch_enable_cpuslocked(x)	static_key_enable(&(x)->key)
#define static_branch_disable_cpuslocked(x)	static_key_disable(&(x)->key)

#define jump_label_init()		do { } while (0)
#define static_key_initialized		true

#endif
