// Red-black trees (linux/rbtree.h): insertion and deletion rebalancing, iteration, node replacement.
#include "linux/rbtree.h"
#include "linux/rbtree_augmented.h"

// Written from the textbook algorithm (Cormen et al.), on Linux's node layout: the parent and
// the colour share __rb_parent_color; NULL children are the black leaves. The augmented forms
// run the callbacks at each rotation and on the path that a deletion changes.

namespace {

using Rotate = void (*)(rb_node *old_node, rb_node *new_node);

bool red(const rb_node *n) { return n && rb_is_red(n); }
bool black(const rb_node *n) { return !red(n); }
void paint(rb_node *n, int color) { rb_set_parent_color(n, rb_parent(n), color); }

// Makes parent's link to old_child (or the root's) point at new_child.
void relink(rb_node *parent, rb_node *old_child, rb_node *new_child, rb_root *root)
{
    if (!parent)
        WRITE_ONCE(root->rb_node, new_child);
    else if (parent->rb_left == old_child)
        WRITE_ONCE(parent->rb_left, new_child);
    else
        WRITE_ONCE(parent->rb_right, new_child);
}

// A child slot: the left one, or the right one when right is true.
rb_node *&child(rb_node *n, bool right) { return right ? n->rb_right : n->rb_left; }

// x goes down on the `left` side (left: a left rotation); its child on the other side takes
// its place.
void rotate(rb_node *x, bool left, rb_root *root, Rotate aug)
{
    rb_node *y = child(x, left);
    rb_node *inner = child(y, !left);
    WRITE_ONCE(child(x, left), inner);
    if (inner)
        rb_set_parent(inner, x);
    rb_node *p = rb_parent(x);
    rb_set_parent(y, p);
    relink(p, x, y, root);
    WRITE_ONCE(child(y, !left), x);
    rb_set_parent(x, y);
    if (aug)
        aug(x, y);
}

void rotate_left(rb_node *x, rb_root *root, Rotate aug) { rotate(x, true, root, aug); }
void rotate_right(rb_node *x, rb_root *root, Rotate aug) { rotate(x, false, root, aug); }

// A red node under a red parent: recolour while the uncle is red, else rotate once or twice.
void insert_fixup(rb_node *z, rb_root *root, Rotate aug)
{
    rb_node *p;
    while ((p = rb_parent(z)) && red(p)) {
        rb_node *g = rb_parent(p);   // exists: a red node is never the root
        bool left = p == g->rb_left;
        rb_node *uncle = left ? g->rb_right : g->rb_left;
        if (red(uncle)) {            // case 1: push the blackness down from g
            paint(p, RB_BLACK);
            paint(uncle, RB_BLACK);
            paint(g, RB_RED);
            z = g;
            continue;
        }
        if (z == (left ? p->rb_right : p->rb_left)) {   // case 2: make z an outer child
            left ? rotate_left(p, root, aug) : rotate_right(p, root, aug);
            z = p;
            p = rb_parent(z);
        }
        paint(p, RB_BLACK);          // case 3: rotate g away
        paint(g, RB_RED);
        left ? rotate_right(g, root, aug) : rotate_left(g, root, aug);
    }
    paint(root->rb_node, RB_BLACK);
}

// x (maybe NULL) under parent lacks one black on its paths: borrow from or push up to the
// sibling's side.
void erase_fixup(rb_node *x, rb_node *parent, rb_root *root, Rotate aug)
{
    while (x != root->rb_node && black(x)) {
        bool left = x == parent->rb_left;
        rb_node *w = left ? parent->rb_right : parent->rb_left;   // exists: black height
        if (red(w)) {                // case 1: make the sibling black
            paint(w, RB_BLACK);
            paint(parent, RB_RED);
            left ? rotate_left(parent, root, aug) : rotate_right(parent, root, aug);
            w = left ? parent->rb_right : parent->rb_left;
        }
        rb_node *near = left ? w->rb_left : w->rb_right, *far = left ? w->rb_right : w->rb_left;
        if (black(near) && black(far)) {   // case 2: the sibling gives up a black
            paint(w, RB_RED);
            x = parent;
            parent = rb_parent(x);
            continue;
        }
        if (black(far)) {            // case 3: turn the red near nephew into the far one
            paint(near, RB_BLACK);
            paint(w, RB_RED);
            left ? rotate_right(w, root, aug) : rotate_left(w, root, aug);
            w = left ? parent->rb_right : parent->rb_left;
            far = left ? w->rb_right : w->rb_left;
        }
        paint(w, rb_color(parent));  // case 4: rotate the extra black in
        paint(parent, RB_BLACK);
        paint(far, RB_BLACK);
        left ? rotate_left(parent, root, aug) : rotate_right(parent, root, aug);
        x = root->rb_node;
        break;
    }
    if (x)
        paint(x, RB_BLACK);
}

void propagate(const rb_augment_callbacks *aug, rb_node *from, rb_node *stop)
{
    if (aug && from)
        aug->propagate(from, stop);
}

// Unlinks z; with two children its successor y takes its place and colour.
void erase(rb_node *z, rb_root *root, const rb_augment_callbacks *aug)
{
    rb_node *child, *parent;
    int removed;
    if (!z->rb_left || !z->rb_right) {
        child = z->rb_left ? z->rb_left : z->rb_right;
        parent = rb_parent(z);
        removed = rb_color(z);
        relink(parent, z, child, root);
        if (child)
            rb_set_parent(child, parent);
        propagate(aug, parent, nullptr);
    } else {
        rb_node *y = z->rb_right;
        while (y->rb_left)
            y = y->rb_left;
        child = y->rb_right;
        removed = rb_color(y);
        rb_node *old_parent = rb_parent(y);
        if (old_parent == z) {
            parent = y;
        } else {
            parent = old_parent;
            WRITE_ONCE(parent->rb_left, child);
            if (child)
                rb_set_parent(child, parent);
            WRITE_ONCE(y->rb_right, z->rb_right);
            rb_set_parent(z->rb_right, y);
        }
        WRITE_ONCE(y->rb_left, z->rb_left);
        rb_set_parent(z->rb_left, y);
        rb_node *zp = rb_parent(z);
        relink(zp, z, y, root);
        rb_set_parent_color(y, zp, rb_color(z));
        if (aug) {
            aug->copy(z, y);
            if (parent != y)
                aug->propagate(parent, y);
            aug->propagate(y, nullptr);
        }
    }
    if (removed == RB_BLACK)
        erase_fixup(child, parent, root, aug ? aug->rotate : nullptr);
}

rb_node *leftmost(rb_node *n)
{
    while (n && n->rb_left)
        n = n->rb_left;
    return n;
}

rb_node *rightmost(rb_node *n)
{
    while (n && n->rb_right)
        n = n->rb_right;
    return n;
}

// The first node in post-order under n: the deepest on the left-first path.
rb_node *left_deepest(rb_node *n)
{
    while (n && (n->rb_left || n->rb_right))
        n = n->rb_left ? n->rb_left : n->rb_right;
    return n;
}

}  // namespace

extern "C" {

void rb_insert_color(struct rb_node *node, struct rb_root *root) { insert_fixup(node, root, nullptr); }

void __rb_insert_augmented(struct rb_node *node, struct rb_root *root,
                           void (*augment_rotate)(struct rb_node *, struct rb_node *))
{
    insert_fixup(node, root, augment_rotate);
}

void rb_erase(struct rb_node *node, struct rb_root *root) { erase(node, root, nullptr); }

void kshim_rb_erase_augmented(struct rb_node *node, struct rb_root *root, const struct rb_augment_callbacks *augment)
{
    erase(node, root, augment);
}

struct rb_node *rb_first(const struct rb_root *root) { return leftmost(root->rb_node); }
struct rb_node *rb_last(const struct rb_root *root) { return rightmost(root->rb_node); }

struct rb_node *rb_next(const struct rb_node *node)
{
    if (RB_EMPTY_NODE(node))
        return nullptr;
    if (node->rb_right)
        return leftmost(node->rb_right);
    rb_node *p;
    while ((p = rb_parent(node)) && node == p->rb_right)
        node = p;
    return p;
}

struct rb_node *rb_prev(const struct rb_node *node)
{
    if (RB_EMPTY_NODE(node))
        return nullptr;
    if (node->rb_left)
        return rightmost(node->rb_left);
    rb_node *p;
    while ((p = rb_parent(node)) && node == p->rb_left)
        node = p;
    return p;
}

struct rb_node *rb_first_postorder(const struct rb_root *root) { return left_deepest(root->rb_node); }

struct rb_node *rb_next_postorder(const struct rb_node *node)
{
    if (!node)
        return nullptr;
    rb_node *p = rb_parent(node);
    if (p && node == p->rb_left && p->rb_right)
        return left_deepest(p->rb_right);
    return p;
}

void rb_replace_node(struct rb_node *victim, struct rb_node *new_node, struct rb_root *root)
{
    *new_node = *victim;
    if (victim->rb_left)
        rb_set_parent(victim->rb_left, new_node);
    if (victim->rb_right)
        rb_set_parent(victim->rb_right, new_node);
    relink(rb_parent(victim), victim, new_node, root);
}

// The same: kshim runs readers and writers on one host thread, so plain stores are enough.
void rb_replace_node_rcu(struct rb_node *victim, struct rb_node *new_node, struct rb_root *root)
{
    rb_replace_node(victim, new_node, root);
}

}  // extern "C"
