/* Lock-less singly linked lists: llist_add, llist_del_all, llist_del_first, llist_reverse_order, iteration. */
#ifndef LLIST_H
#define LLIST_H

#include "linux/atomic.h"
#include "linux/container_of.h"
#include "linux/stddef.h"
#include "linux/types.h"

/*
 * Linux makes adds and deletes atomic with cmpxchg so producers need no lock. kshim's tasks
 * switch only at sleeping or voluntary points, none of them inside these, so plain loads and
 * stores are atomic here too.
 */
struct llist_head {
	struct llist_node *first;
};

struct llist_node {
	struct llist_node *next;
};

#define LLIST_HEAD_INIT(name)	{ NULL }
#define LLIST_HEAD(name)	struct llist_head name = LLIST_HEAD_INIT(name)

static inline void init_llist_head(struct llist_head *list)
{
	list->first = NULL;
}

/* A node on no list points at itself (later kernels' init_llist_node / llist_on_list). */
static inline void init_llist_node(struct llist_node *node)
{
	node->next = node;
}

static inline bool llist_on_list(const struct llist_node *node)
{
	return node->next != node;
}

#define llist_entry(ptr, type, member)	container_of(ptr, type, member)
#define member_address_is_nonnull(ptr, member)	((uintptr_t)(ptr) + offsetof(__typeof__(*(ptr)), member) != 0)

#define llist_for_each(pos, node)	for ((pos) = (node); (pos); (pos) = (pos)->next)
#define llist_for_each_safe(pos, n, node)					\
	for ((pos) = (node); (pos) && ((n) = (pos)->next, true); (pos) = (n))
#define llist_for_each_entry(pos, node, member)				\
	for ((pos) = llist_entry((node), __typeof__(*(pos)), member);		\
	     member_address_is_nonnull(pos, member);				\
	     (pos) = llist_entry((pos)->member.next, __typeof__(*(pos)), member))
#define llist_for_each_entry_safe(pos, n, node, member)			\
	for (pos = llist_entry((node), __typeof__(*pos), member);		\
	     member_address_is_nonnull(pos, member) &&				\
		(n = llist_entry(pos->member.next, __typeof__(*n), member), true); \
	     pos = n)

static inline bool llist_empty(const struct llist_head *head)
{
	return READ_ONCE(head->first) == NULL;
}

static inline struct llist_node *llist_next(struct llist_node *node)
{
	return node->next;
}

/* Adds the chain new_first..new_last at the head; true if the list was empty before. */
static inline bool __llist_add_batch(struct llist_node *new_first, struct llist_node *new_last,
				     struct llist_head *head)
{
	new_last->next = head->first;
	head->first = new_first;
	return new_last->next == NULL;
}

static inline bool llist_add_batch(struct llist_node *new_first, struct llist_node *new_last,
				   struct llist_head *head)
{
	return __llist_add_batch(new_first, new_last, head);
}

static inline bool llist_add(struct llist_node *new_node, struct llist_head *head)
{
	return llist_add_batch(new_node, new_node, head);
}

static inline bool __llist_add(struct llist_node *new_node, struct llist_head *head)
{
	return __llist_add_batch(new_node, new_node, head);
}

/* Takes the whole list (newest first); the head is left empty. */
static inline struct llist_node *llist_del_all(struct llist_head *head)
{
	struct llist_node *first = head->first;

	head->first = NULL;
	return first;
}

static inline struct llist_node *__llist_del_all(struct llist_head *head)
{
	return llist_del_all(head);
}

/* Takes the newest node, or NULL if the list is empty. */
static inline struct llist_node *llist_del_first(struct llist_head *head)
{
	struct llist_node *first = head->first;

	if (first)
		head->first = first->next;
	return first;
}

/* The chain in the opposite order (oldest first); returns its new head. */
static inline struct llist_node *llist_reverse_order(struct llist_node *head)
{
	struct llist_node *out = NULL, *next;

	for (; head; head = next) {
		next = head->next;
		head->next = out;
		out = head;
	}
	return out;
}

#endif
