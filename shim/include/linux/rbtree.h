/* Red-black trees: rb_insert_color, rb_erase, iteration, rb_add/rb_find helpers and the cached-root forms. */
#ifndef _LINUX_RBTREE_H
#define _LINUX_RBTREE_H

#include "linux/container_of.h"
#include "linux/rbtree_types.h"
#include "linux/stddef.h"
#include "linux/rcupdate.h"

#define rb_parent(r)	((struct rb_node *)((r)->__rb_parent_color & ~3UL))
#define rb_entry(ptr, type, member)	container_of(ptr, type, member)
#define RB_EMPTY_ROOT(root)	(READ_ONCE((root)->rb_node) == NULL)
/* A node that is in no tree points at itself (RB_CLEAR_NODE). */
#define RB_EMPTY_NODE(node)	((node)->__rb_parent_color == (unsigned long)(node))
#define RB_CLEAR_NODE(node)	((node)->__rb_parent_color = (unsigned long)(node))

#ifdef __cplusplus
extern "C" {
#endif
/* All of these need no context; the caller serialises changes to one tree. O(log n). */
void rb_insert_color(struct rb_node *node, struct rb_root *root);
void rb_erase(struct rb_node *node, struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
/* Post-order: children before their parent, so each node may be freed as it is visited. */
struct rb_node *rb_first_postorder(const struct rb_root *root);
struct rb_node *rb_next_postorder(const struct rb_node *node);
/* new takes victim's place (and colour) without rebalancing; victim is left as it was. */
void rb_replace_node(struct rb_node *victim, struct rb_node *new_node, struct rb_root *root);
void rb_replace_node_rcu(struct rb_node *victim, struct rb_node *new_node, struct rb_root *root);
#ifdef __cplusplus
}
#endif

/* Links node as the child *rb_link of parent (red, no children): then rb_insert_color. */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent, struct rb_node **rb_link)
{
	node->__rb_parent_color = (unsigned long)parent;
	node->rb_left = node->rb_right = NULL;
	*rb_link = node;
}

static inline void rb_link_node_rcu(struct rb_node *node, struct rb_node *parent,
				    struct rb_node **rb_link)
{
	node->__rb_parent_color = (unsigned long)parent;
	node->rb_left = node->rb_right = NULL;
	rcu_assign_pointer(*rb_link, node);
}

#define rb_entry_safe(ptr, type, member)					\
	({ __typeof__(ptr) ____ptr = (ptr); ____ptr ? rb_entry(____ptr, type, member) : NULL; })

/* Visits every entry in post-order; pos may be freed in the body. */
#define rbtree_postorder_for_each_entry_safe(pos, n, root, field)		\
	for (pos = rb_entry_safe(rb_first_postorder(root), __typeof__(*pos), field); \
	     pos && ({ n = rb_entry_safe(rb_next_postorder(&pos->field), __typeof__(*pos), field); 1; }); \
	     pos = n)

#define rb_first_cached(root)	(root)->rb_leftmost

static inline void rb_insert_color_cached(struct rb_node *node, struct rb_root_cached *root,
					  bool leftmost)
{
	if (leftmost)
		root->rb_leftmost = node;
	rb_insert_color(node, &root->rb_root);
}

/* Returns the new leftmost node if node was the leftmost, else NULL. */
static inline struct rb_node *rb_erase_cached(struct rb_node *node, struct rb_root_cached *root)
{
	struct rb_node *leftmost = NULL;

	if (root->rb_leftmost == node)
		leftmost = root->rb_leftmost = rb_next(node);
	rb_erase(node, &root->rb_root);
	return leftmost;
}

static inline void rb_replace_node_cached(struct rb_node *victim, struct rb_node *new_node,
					  struct rb_root_cached *root)
{
	if (root->rb_leftmost == victim)
		root->rb_leftmost = new_node;
	rb_replace_node(victim, new_node, &root->rb_root);
}

/* rb_add_cached: inserts node after its equals by less(); returns node if it is the new
 * leftmost, else NULL. */
static inline struct rb_node *rb_add_cached(struct rb_node *node, struct rb_root_cached *tree,
					    bool (*less)(struct rb_node *, const struct rb_node *))
{
	struct rb_node **link = &tree->rb_root.rb_node, *parent = NULL;
	bool leftmost = true;

	while (*link) {
		parent = *link;
		if (less(node, parent)) {
			link = &parent->rb_left;
		} else {
			link = &parent->rb_right;
			leftmost = false;
		}
	}
	rb_link_node(node, parent, link);
	rb_insert_color_cached(node, tree, leftmost);
	return leftmost ? node : NULL;
}

static inline void rb_add(struct rb_node *node, struct rb_root *tree,
			  bool (*less)(struct rb_node *, const struct rb_node *))
{
	struct rb_node **link = &tree->rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		link = less(node, parent) ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(node, parent, link);
	rb_insert_color(node, tree);
}

/* Inserts node unless cmp() finds an equal one: NULL when inserted, else the equal node. */
static inline struct rb_node *rb_find_add(struct rb_node *node, struct rb_root *tree,
					  int (*cmp)(struct rb_node *, const struct rb_node *))
{
	struct rb_node **link = &tree->rb_node, *parent = NULL;
	int c;

	while (*link) {
		parent = *link;
		c = cmp(node, parent);
		if (c < 0)
			link = &parent->rb_left;
		else if (c > 0)
			link = &parent->rb_right;
		else
			return parent;
	}
	rb_link_node(node, parent, link);
	rb_insert_color(node, tree);
	return NULL;
}

/* Some node equal to key by cmp(key, node), or NULL. */
static inline struct rb_node *rb_find(const void *key, const struct rb_root *tree,
				      int (*cmp)(const void *key, const struct rb_node *))
{
	struct rb_node *node = tree->rb_node;
	int c;

	while (node) {
		c = cmp(key, node);
		if (c < 0)
			node = node->rb_left;
		else if (c > 0)
			node = node->rb_right;
		else
			return node;
	}
	return NULL;
}

/* The leftmost node equal to key, or NULL. */
static inline struct rb_node *rb_find_first(const void *key, const struct rb_root *tree,
					    int (*cmp)(const void *key, const struct rb_node *))
{
	struct rb_node *node = tree->rb_node, *match = NULL;
	int c;

	while (node) {
		c = cmp(key, node);
		if (c <= 0) {
			if (!c)
				match = node;
			node = node->rb_left;
		} else {
			node = node->rb_right;
		}
	}
	return match;
}

/* The next node after node if it still equals key, else NULL. */
static inline struct rb_node *rb_next_match(const void *key, struct rb_node *node,
					    int (*cmp)(const void *key, const struct rb_node *))
{
	node = rb_next(node);
	if (node && cmp(key, node))
		node = NULL;
	return node;
}

#define rb_for_each(node, key, tree, cmp)					\
	for ((node) = rb_find_first((key), (tree), (cmp)); (node);		\
	     (node) = rb_next_match((key), (node), (cmp)))

#endif
