/* Fixed-size hash tables of hlists: DEFINE_HASHTABLE, hash_add/del, hash_for_each(_possible) and the _rcu forms. */
#ifndef _LINUX_HASHTABLE_H
#define _LINUX_HASHTABLE_H

#include "linux/list.h"
#include "linux/types.h"
#include "linux/kernel.h"
#include "linux/hash.h"
#include "linux/log2.h"
#include "linux/rcupdate.h"

#define DEFINE_HASHTABLE(name, bits)						\
	struct hlist_head name[1 << (bits)] = { [0 ... ((1 << (bits)) - 1)] = HLIST_HEAD_INIT }
#define DEFINE_READ_MOSTLY_HASHTABLE(name, bits)	DEFINE_HASHTABLE(name, bits)
#define DECLARE_HASHTABLE(name, bits)	struct hlist_head name[1 << (bits)]

#define HASH_SIZE(name)	(ARRAY_SIZE(name))
#define HASH_BITS(name)	ilog2(HASH_SIZE(name))

/* The bucket of val: hash_32 for values up to 32 bits, hash_long above. */
#define hash_min(val, bits)							\
	(sizeof(val) <= 4 ? hash_32((u32)(val), bits) : hash_long((unsigned long)(val), bits))

static inline void __hash_init(struct hlist_head *ht, unsigned int sz)
{
	unsigned int i;

	for (i = 0; i < sz; i++)
		INIT_HLIST_HEAD(&ht[i]);
}

#define hash_init(hashtable)	__hash_init(hashtable, HASH_SIZE(hashtable))

#define hash_add(hashtable, node, key)						\
	hlist_add_head(node, &hashtable[hash_min(key, HASH_BITS(hashtable))])

static inline bool hash_hashed(struct hlist_node *node)
{
	return !hlist_unhashed(node);
}

static inline bool __hash_empty(struct hlist_head *ht, unsigned int sz)
{
	unsigned int i;

	for (i = 0; i < sz; i++)
		if (!hlist_empty(&ht[i]))
			return false;
	return true;
}

#define hash_empty(hashtable)	__hash_empty(hashtable, HASH_SIZE(hashtable))

static inline void hash_del(struct hlist_node *node)
{
	hlist_del_init(node);
}

/* Iteration over every bucket; bkt is the bucket index. */
#define hash_for_each(name, bkt, obj, member)					\
	for ((bkt) = 0, obj = NULL; obj == NULL && (bkt) < HASH_SIZE(name); (bkt)++) \
		hlist_for_each_entry(obj, &name[bkt], member)
#define hash_for_each_safe(name, bkt, tmp, obj, member)			\
	for ((bkt) = 0, obj = NULL; obj == NULL && (bkt) < HASH_SIZE(name); (bkt)++) \
		hlist_for_each_entry_safe(obj, tmp, &name[bkt], member)
/* Iteration over the one bucket key falls in (entries of other keys may be there too). */
#define hash_for_each_possible(name, obj, member, key)				\
	hlist_for_each_entry(obj, &name[hash_min(key, HASH_BITS(name))], member)
#define hash_for_each_possible_safe(name, obj, tmp, member, key)		\
	hlist_for_each_entry_safe(obj, tmp, &name[hash_min(key, HASH_BITS(name))], member)

/*
 * The _rcu forms. kshim runs readers and updaters on one host thread, switching only at
 * sleeping or voluntary points, so they are the plain forms with rcu_assign_pointer on
 * publication; readers still need rcu_read_lock() and freeing still needs a grace period.
 */
static inline void __kshim_hash_add_rcu(struct hlist_node *n, struct hlist_head *h)
{
	n->next = h->first;
	n->pprev = &h->first;
	if (h->first)
		h->first->pprev = &n->next;
	rcu_assign_pointer(h->first, n);
}

#define hash_add_rcu(hashtable, node, key)					\
	__kshim_hash_add_rcu(node, &hashtable[hash_min(key, HASH_BITS(hashtable))])

/* Unlinks node but leaves its next pointer, so a reader standing on it can go on. */
static inline void hash_del_rcu(struct hlist_node *node)
{
	if (!hlist_unhashed(node)) {
		struct hlist_node *next = node->next;

		WRITE_ONCE(*node->pprev, next);
		if (next)
			next->pprev = node->pprev;
		node->pprev = NULL;
	}
}

#define hash_for_each_rcu(name, bkt, obj, member)	hash_for_each(name, bkt, obj, member)
#define hash_for_each_possible_rcu(name, obj, member, key, cond...)		\
	hash_for_each_possible(name, obj, member, key)
#define hash_for_each_possible_rcu_notrace(name, obj, member, key)		\
	hash_for_each_possible(name, obj, member, key)

#endif
