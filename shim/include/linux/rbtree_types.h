/* Red-black tree types: struct rb_node, rb_root, rb_root_cached and their initialisers. */
#ifndef _LINUX_RBTREE_TYPES_H
#define _LINUX_RBTREE_TYPES_H

/* The parent pointer and the colour (bit 0: 1 black, 0 red) share one word, as in Linux. */
struct rb_node {
	unsigned long  __rb_parent_color;
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __attribute__((aligned(sizeof(long))));

struct rb_root {
	struct rb_node *rb_node;
};

/* A root that also remembers its leftmost node (rb_first_cached in O(1)). */
struct rb_root_cached {
	struct rb_root rb_root;
	struct rb_node *rb_leftmost;
};

#define RB_ROOT		(struct rb_root) { (struct rb_node *)0 }
#define RB_ROOT_CACHED	(struct rb_root_cached) { { (struct rb_node *)0 }, (struct rb_node *)0 }

#endif
