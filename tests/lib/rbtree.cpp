// Tests for red-black trees (shim/src/lib/rbtree.cpp, linux/rbtree.h, rbtree_augmented.h): invariants under random changes, order, cached and augmented forms.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <set>
#include <vector>

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/rbtree.h"
#include "linux/rbtree_augmented.h"

namespace {

struct item {
    int key;
    int weight;
    int subtree_max;   // augmented: max weight in the subtree
    struct rb_node node;
};

int key_of(const rb_node *n) { return rb_entry(n, const item, node)->key; }

// Returns the black height of n's subtree; fails the test on a broken invariant.
int check_subtree(const rb_node *n, const rb_node *parent, int lo, int hi)
{
    if (!n)
        return 1;
    REQUIRE(rb_parent(n) == parent);
    REQUIRE(key_of(n) >= lo);
    REQUIRE(key_of(n) <= hi);
    if (rb_is_red(n)) {
        REQUIRE((!n->rb_left || rb_is_black(n->rb_left)));   // no red node has a red child
        REQUIRE((!n->rb_right || rb_is_black(n->rb_right)));
    }
    int l = check_subtree(n->rb_left, n, lo, key_of(n));
    int r = check_subtree(n->rb_right, n, key_of(n), hi);
    REQUIRE(l == r);                                          // equal black heights
    return l + (rb_is_black(n) ? 1 : 0);
}

void check_tree(const rb_root &root)
{
    if (root.rb_node)
        REQUIRE(rb_is_black(root.rb_node));
    check_subtree(root.rb_node, nullptr, INT32_MIN, INT32_MAX);
}

bool item_less(struct rb_node *a, const struct rb_node *b) { return key_of(a) < key_of(b); }
int item_cmp(const void *key, const struct rb_node *n)
{
    int k = *(const int *)key;
    return k < key_of(n) ? -1 : k > key_of(n) ? 1 : 0;
}

std::vector<int> in_order(const rb_root &root)
{
    std::vector<int> out;
    for (rb_node *n = rb_first(&root); n; n = rb_next(n))
        out.push_back(key_of(n));
    return out;
}

int weight_of(item *it) { return it->weight; }
RB_DECLARE_CALLBACKS_MAX(static, item_aug, struct item, node, int, subtree_max, weight_of);

int real_max(const rb_node *n)
{
    if (!n)
        return INT32_MIN;
    const item *it = rb_entry(n, const item, node);
    return std::max({it->weight, real_max(n->rb_left), real_max(n->rb_right)});
}

void check_aug(const rb_node *n)
{
    if (!n)
        return;
    REQUIRE(rb_entry(n, const item, node)->subtree_max == real_max(n));
    check_aug(n->rb_left);
    check_aug(n->rb_right);
}

void insert_aug(item *it, rb_root *root)
{
    rb_node **link = &root->rb_node, *parent = nullptr;
    it->subtree_max = it->weight;
    while (*link) {
        parent = *link;
        item *p = rb_entry(parent, item, node);
        if (p->subtree_max < it->weight)
            p->subtree_max = it->weight;   // the path down is updated before linking, as Linux expects
        link = it->key < p->key ? &parent->rb_left : &parent->rb_right;
    }
    rb_link_node(&it->node, parent, link);
    rb_insert_augmented(&it->node, root, &item_aug);
}

}  // namespace

TEST_CASE("rbtree keeps the red-black invariants and sorted order under random inserts and erases", "[lib][rbtree]")
{
    std::mt19937 rng(7);
    std::vector<item> items(2000);
    struct rb_root root = RB_ROOT;
    std::multiset<int> model;
    std::vector<item *> in_tree;
    for (size_t i = 0; i < items.size(); ++i) {
        items[i].key = (int)(rng() % 500);
        RB_CLEAR_NODE(&items[i].node);
        CHECK(RB_EMPTY_NODE(&items[i].node));
    }
    CHECK(RB_EMPTY_ROOT(&root));
    size_t next = 0;
    for (int step = 0; step < 6000; ++step) {
        if (in_tree.empty() && next == items.size())
            break;
        bool add = next < items.size() && (in_tree.empty() || rng() % 3 != 0);
        if (add) {
            item *it = &items[next++];
            rb_add(&it->node, &root, item_less);
            model.insert(it->key);
            in_tree.push_back(it);
        } else {
            size_t i = rng() % in_tree.size();
            rb_erase(&in_tree[i]->node, &root);
            model.erase(model.find(in_tree[i]->key));
            in_tree[i] = in_tree.back();
            in_tree.pop_back();
        }
        if (step % 97 == 0) {
            check_tree(root);
            CHECK(in_order(root) == std::vector<int>(model.begin(), model.end()));
        }
    }
    check_tree(root);
    CHECK(in_order(root) == std::vector<int>(model.begin(), model.end()));
    std::vector<int> back;
    for (rb_node *n = rb_last(&root); n; n = rb_prev(n))
        back.push_back(key_of(n));
    CHECK(back == std::vector<int>(model.rbegin(), model.rend()));
}

TEST_CASE("rb_find, rb_find_first, rb_for_each and rb_find_add search by a comparison function", "[lib][rbtree]")
{
    item items[6] = {{5, 0, 0, {}}, {3, 0, 0, {}}, {5, 0, 0, {}}, {9, 0, 0, {}}, {1, 0, 0, {}}, {5, 0, 0, {}}};
    struct rb_root root = RB_ROOT;
    for (item &it : items)
        rb_add(&it.node, &root, item_less);
    int key = 5;
    CHECK(key_of(rb_find(&key, &root, item_cmp)) == 5);
    CHECK(rb_find_first(&key, &root, item_cmp) == &items[0].node);   // equal keys keep insertion order
    int n = 0;
    rb_node *node;
    rb_for_each(node, &key, &root, item_cmp)
        ++n;
    CHECK(n == 3);
    key = 4;
    CHECK(rb_find(&key, &root, item_cmp) == nullptr);
    item dup{9, 0, 0, {}}, fresh{4, 0, 0, {}};
    CHECK(rb_find_add(&dup.node, &root, [](struct rb_node *a, const struct rb_node *b) {
        return key_of(a) - key_of(b);
    }) == &items[3].node);
    CHECK(rb_find_add(&fresh.node, &root, [](struct rb_node *a, const struct rb_node *b) {
        return key_of(a) - key_of(b);
    }) == nullptr);
    CHECK(in_order(root) == std::vector<int>{1, 3, 4, 5, 5, 5, 9});
    check_tree(root);
}

TEST_CASE("the cached root tracks the leftmost node through rb_add_cached and rb_erase_cached", "[lib][rbtree]")
{
    item items[5] = {{30, 0, 0, {}}, {10, 0, 0, {}}, {20, 0, 0, {}}, {5, 0, 0, {}}, {40, 0, 0, {}}};
    struct rb_root_cached root = RB_ROOT_CACHED;
    CHECK(rb_add_cached(&items[0].node, &root, item_less) == &items[0].node);
    CHECK(rb_add_cached(&items[1].node, &root, item_less) == &items[1].node);
    CHECK(rb_add_cached(&items[2].node, &root, item_less) == nullptr);
    CHECK(rb_add_cached(&items[3].node, &root, item_less) == &items[3].node);
    CHECK(rb_add_cached(&items[4].node, &root, item_less) == nullptr);
    CHECK(rb_first_cached(&root) == &items[3].node);
    CHECK(rb_erase_cached(&items[2].node, &root) == nullptr);        // not the leftmost
    CHECK(rb_erase_cached(&items[3].node, &root) == &items[1].node); // the new leftmost
    CHECK(rb_first_cached(&root) == &items[1].node);
    item repl{10, 0, 0, {}};
    rb_replace_node_cached(&items[1].node, &repl.node, &root);
    CHECK(rb_first_cached(&root) == &repl.node);
    CHECK(in_order(root.rb_root) == std::vector<int>{10, 30, 40});
    check_tree(root.rb_root);
}

TEST_CASE("post-order visits children before parents, so every entry can be freed during the walk", "[lib][rbtree]")
{
    std::vector<item> items(100);
    struct rb_root root = RB_ROOT;
    for (int i = 0; i < 100; ++i) {
        items[i].key = (i * 37) % 100;
        rb_add(&items[i].node, &root, item_less);
    }
    std::set<const rb_node *> seen;
    item *pos, *n;
    rbtree_postorder_for_each_entry_safe(pos, n, &root, node) {
        if (pos->node.rb_left)
            CHECK(seen.count(pos->node.rb_left) == 1);
        if (pos->node.rb_right)
            CHECK(seen.count(pos->node.rb_right) == 1);
        seen.insert(&pos->node);
        pos->node.rb_left = pos->node.rb_right = nullptr;   // "freed": the walk must not look back
    }
    CHECK(seen.size() == 100);
}

TEST_CASE("an augmented tree keeps each subtree's maximum through inserts, rotations and erases", "[lib][rbtree]")
{
    std::mt19937 rng(11);
    std::vector<item> items(600);
    struct rb_root root = RB_ROOT;
    std::vector<item *> in_tree;
    for (size_t i = 0; i < items.size(); ++i) {
        items[i].key = (int)(rng() % 1000);
        items[i].weight = (int)(rng() % 10000);
        insert_aug(&items[i], &root);
        in_tree.push_back(&items[i]);
        if (i % 50 == 0)
            check_aug(root.rb_node);
    }
    check_tree(root);
    check_aug(root.rb_node);
    while (in_tree.size() > 10) {
        size_t i = rng() % in_tree.size();
        rb_erase_augmented(&in_tree[i]->node, &root, &item_aug);
        in_tree[i] = in_tree.back();
        in_tree.pop_back();
        check_aug(root.rb_node);
    }
    check_tree(root);
}
