/* Augmented red-black trees: per-subtree values kept up to date through rotations, inserts and erases. */
#ifndef _LINUX_RBTREE_AUGMENTED_H
#define _LINUX_RBTREE_AUGMENTED_H

#include "linux/compiler.h"
#include "linux/rbtree.h"
#include "linux/rcupdate.h"

/*
 * propagate(rb, stop): recompute the value of rb and its ancestors up to stop (exclusive),
 * ending early where a value does not change; copy(old, new): new takes old's value; rotate(old,
 * new): new took old's place in a rotation (new gets old's value, old's is recomputed).
 */
struct rb_augment_callbacks {
	void (*propagate)(struct rb_node *node, struct rb_node *stop);
	void (*copy)(struct rb_node *old, struct rb_node *new_node);
	void (*rotate)(struct rb_node *old, struct rb_node *new_node);
};

#define RB_RED		0
#define RB_BLACK	1
#define __rb_parent(pc)		((struct rb_node *)((pc) & ~3UL))
#define __rb_color(pc)		((pc) & 1)
#define __rb_is_black(pc)	__rb_color(pc)
#define __rb_is_red(pc)		(!__rb_color(pc))
#define rb_color(rb)		__rb_color((rb)->__rb_parent_color)
#define rb_is_red(rb)		__rb_is_red((rb)->__rb_parent_color)
#define rb_is_black(rb)		__rb_is_black((rb)->__rb_parent_color)

static inline void rb_set_parent(struct rb_node *rb, struct rb_node *p)
{
	rb->__rb_parent_color = rb_color(rb) | (unsigned long)p;
}

static inline void rb_set_parent_color(struct rb_node *rb, struct rb_node *p, int color)
{
	rb->__rb_parent_color = (unsigned long)p | (unsigned long)color;
}

#ifdef __cplusplus
extern "C" {
#endif
/* The engines behind the inline forms below; augment may not be NULL. */
void __rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			   void (*augment_rotate)(struct rb_node *old, struct rb_node *new_node));
void kshim_rb_erase_augmented(struct rb_node *node, struct rb_root *root,
			      const struct rb_augment_callbacks *augment);
#ifdef __cplusplus
}
#endif

/* The caller has already updated the values on the path down to node (as Linux requires). */
static inline void rb_insert_augmented(struct rb_node *node, struct rb_root *root,
				       const struct rb_augment_callbacks *augment)
{
	__rb_insert_augmented(node, root, augment->rotate);
}

static inline void rb_insert_augmented_cached(struct rb_node *node, struct rb_root_cached *root,
					      bool newleft, const struct rb_augment_callbacks *augment)
{
	if (newleft)
		root->rb_leftmost = node;
	rb_insert_augmented(node, &root->rb_root, augment);
}

static inline void rb_erase_augmented(struct rb_node *node, struct rb_root *root,
				      const struct rb_augment_callbacks *augment)
{
	kshim_rb_erase_augmented(node, root, augment);
}

static inline void rb_erase_augmented_cached(struct rb_node *node, struct rb_root_cached *root,
					     const struct rb_augment_callbacks *augment)
{
	if (root->rb_leftmost == node)
		root->rb_leftmost = rb_next(node);
	rb_erase_augmented(node, &root->rb_root, augment);
}

/* RB_DECLARE_CALLBACKS(static, name, struct, field, augmented, compute): compute(node, exit)
 * stores node's value and, with exit, returns true when it was already right. */
#define RB_DECLARE_CALLBACKS(RBSTATIC, RBNAME, RBSTRUCT, RBFIELD, RBAUGMENTED, RBCOMPUTE) \
	static inline void RBNAME##_propagate(struct rb_node *rb, struct rb_node *stop)	\
	{										\
		for (; rb != stop; rb = rb_parent(rb))					\
			if (RBCOMPUTE(rb_entry(rb, RBSTRUCT, RBFIELD), true))		\
				break;							\
	}										\
	static inline void RBNAME##_copy(struct rb_node *rb_old, struct rb_node *rb_new) \
	{										\
		rb_entry(rb_new, RBSTRUCT, RBFIELD)->RBAUGMENTED =			\
			rb_entry(rb_old, RBSTRUCT, RBFIELD)->RBAUGMENTED;		\
	}										\
	static void RBNAME##_rotate(struct rb_node *rb_old, struct rb_node *rb_new)	\
	{										\
		RBNAME##_copy(rb_old, rb_new);						\
		RBCOMPUTE(rb_entry(rb_old, RBSTRUCT, RBFIELD), false);			\
	}										\
	RBSTATIC const struct rb_augment_callbacks RBNAME = {				\
		.propagate = RBNAME##_propagate,					\
		.copy = RBNAME##_copy,							\
		.rotate = RBNAME##_rotate						\
	}

/* RB_DECLARE_CALLBACKS_MAX: the value is the maximum of RBCOMPUTE(node) over the subtree. */
#define RB_DECLARE_CALLBACKS_MAX(RBSTATIC, RBNAME, RBSTRUCT, RBFIELD, RBTYPE, RBAUGMENTED, RBCOMPUTE) \
	static inline bool RBNAME##_compute_max(RBSTRUCT *node, bool exit)		\
	{										\
		RBTYPE max = RBCOMPUTE(node);						\
		struct rb_node *kids[2] = { node->RBFIELD.rb_left, node->RBFIELD.rb_right }; \
		int i;									\
		for (i = 0; i < 2; i++)							\
			if (kids[i] && rb_entry(kids[i], RBSTRUCT, RBFIELD)->RBAUGMENTED > max) \
				max = rb_entry(kids[i], RBSTRUCT, RBFIELD)->RBAUGMENTED; \
		if (exit && node->RBAUGMENTED == max)					\
			return true;							\
		node->RBAUGMENTED = max;						\
		return false;								\
	}										\
	RB_DECLARE_CALLBACKS(RBSTATIC, RBNAME, RBSTRUCT, RBFIELD, RBAUGMENTED, RBNAME##_compute_max)

#endif
