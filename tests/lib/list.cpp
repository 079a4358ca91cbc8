// Kernel list_head/hlist semantics: insertion order, deletion poisoning, splicing, cutting, iteration.
#include <catch2/catch.hpp>
#include <vector>

#include "linux/list.h"

namespace {

struct item {
	int value;
	struct list_head node;
	struct hlist_node hnode;
};

std::vector<int> values(struct list_head *head)
{
	std::vector<int> out;
	struct item *pos;
	list_for_each_entry(pos, head, node)
		out.push_back(pos->value);
	return out;
}

std::vector<int> values_reverse(struct list_head *head)
{
	std::vector<int> out;
	struct item *pos;
	list_for_each_entry_reverse(pos, head, node)
		out.push_back(pos->value);
	return out;
}

} // namespace

TEST_CASE("An initialised list head is empty and points at itself", "[lib]")
{
	LIST_HEAD(head);
	CHECK(list_empty(&head));
	CHECK(head.next == &head);
	CHECK(head.prev == &head);
	CHECK_FALSE(list_is_singular(&head));
	CHECK(list_count_nodes(&head) == 0);

	struct list_head other;
	INIT_LIST_HEAD(&other);
	CHECK(list_empty(&other));
	CHECK(list_empty_careful(&other));
}

TEST_CASE("list_add pushes at the front and list_add_tail appends", "[lib]")
{
	LIST_HEAD(head);
	item a{1, {}, {}}, b{2, {}, {}}, c{3, {}, {}};
	list_add(&a.node, &head);
	list_add(&b.node, &head);
	list_add_tail(&c.node, &head);
	CHECK(values(&head) == std::vector<int>{2, 1, 3});
	CHECK(values_reverse(&head) == std::vector<int>{3, 1, 2});
	CHECK(list_count_nodes(&head) == 3);
	CHECK(list_first_entry(&head, struct item, node) == &b);
	CHECK(list_last_entry(&head, struct item, node) == &c);
	CHECK(list_is_first(&b.node, &head));
	CHECK(list_is_last(&c.node, &head));
	CHECK(list_next_entry(&b, node) == &a);
	CHECK(list_prev_entry(&c, node) == &a);
	CHECK(list_next_entry_circular(&c, &head, node) == &b);
	CHECK(list_prev_entry_circular(&b, &head, node) == &c);
}

TEST_CASE("list_del unlinks and poisons the entry, list_del_init leaves it empty", "[lib]")
{
	LIST_HEAD(head);
	item a{1, {}, {}}, b{2, {}, {}};
	list_add_tail(&a.node, &head);
	list_add_tail(&b.node, &head);

	list_del(&a.node);
	CHECK(values(&head) == std::vector<int>{2});
	CHECK(a.node.next == static_cast<struct list_head *>(LIST_POISON1));
	CHECK(a.node.prev == static_cast<struct list_head *>(LIST_POISON2));
	CHECK(list_is_singular(&head));

	list_del_init(&b.node);
	CHECK(list_empty(&head));
	CHECK(list_empty(&b.node));
}

TEST_CASE("list_first_entry_or_null returns NULL only for an empty list", "[lib]")
{
	LIST_HEAD(head);
	CHECK(list_first_entry_or_null(&head, struct item, node) == nullptr);
	item a{7, {}, {}};
	list_add(&a.node, &head);
	CHECK(list_first_entry_or_null(&head, struct item, node) == &a);
}

TEST_CASE("list_replace, list_swap, list_move and list_rotate_left reorder as in Linux", "[lib]")
{
	LIST_HEAD(head);
	LIST_HEAD(other);
	item a{1, {}, {}}, b{2, {}, {}}, c{3, {}, {}}, d{4, {}, {}};
	list_add_tail(&a.node, &head);
	list_add_tail(&b.node, &head);
	list_add_tail(&c.node, &head);

	list_replace(&b.node, &d.node);
	CHECK(values(&head) == std::vector<int>{1, 4, 3});
	list_replace_init(&d.node, &b.node);
	CHECK(values(&head) == std::vector<int>{1, 2, 3});
	CHECK(list_empty(&d.node));

	list_swap(&a.node, &c.node);
	CHECK(values(&head) == std::vector<int>{3, 2, 1});
	list_swap(&c.node, &b.node); // adjacent entries
	CHECK(values(&head) == std::vector<int>{2, 3, 1});

	list_rotate_left(&head);
	CHECK(values(&head) == std::vector<int>{3, 1, 2});
	list_rotate_to_front(&b.node, &head);
	CHECK(values(&head) == std::vector<int>{2, 3, 1});

	list_move(&a.node, &other);
	list_move_tail(&c.node, &other);
	CHECK(values(&head) == std::vector<int>{2});
	CHECK(values(&other) == std::vector<int>{1, 3});

	list_bulk_move_tail(&head, &a.node, &c.node);
	CHECK(values(&head) == std::vector<int>{2, 1, 3});
	CHECK(list_empty(&other));
}

TEST_CASE("list_splice variants insert a whole list at the front or the tail", "[lib]")
{
	LIST_HEAD(head);
	LIST_HEAD(extra);
	item a{1, {}, {}}, b{2, {}, {}}, c{3, {}, {}}, d{4, {}, {}};
	list_add_tail(&a.node, &head);
	list_add_tail(&b.node, &head);
	list_add_tail(&c.node, &extra);
	list_add_tail(&d.node, &extra);

	list_splice_init(&extra, &head);
	CHECK(values(&head) == std::vector<int>{3, 4, 1, 2});
	CHECK(list_empty(&extra));

	list_cut_position(&extra, &head, &d.node);
	CHECK(values(&extra) == std::vector<int>{3, 4});
	CHECK(values(&head) == std::vector<int>{1, 2});

	list_splice_tail_init(&extra, &head);
	CHECK(values(&head) == std::vector<int>{1, 2, 3, 4});

	list_cut_before(&extra, &head, &c.node);
	CHECK(values(&extra) == std::vector<int>{1, 2});
	CHECK(values(&head) == std::vector<int>{3, 4});

	list_splice_tail(&extra, &head);
	CHECK(values(&head) == std::vector<int>{3, 4, 1, 2});

	// Cutting at the head itself yields an empty list.
	LIST_HEAD(none);
	list_cut_position(&none, &head, &head);
	CHECK(list_empty(&none));
	CHECK(list_count_nodes(&head) == 4);
}

TEST_CASE("The safe iterators allow deleting the current entry", "[lib]")
{
	LIST_HEAD(head);
	item items[5];
	for (int i = 0; i < 5; i++) {
		items[i].value = i;
		list_add_tail(&items[i].node, &head);
	}
	struct item *pos, *n;
	list_for_each_entry_safe(pos, n, &head, node) {
		if (pos->value % 2)
			list_del(&pos->node);
	}
	CHECK(values(&head) == std::vector<int>{0, 2, 4});

	struct list_head *p, *q;
	int seen = 0;
	list_for_each_safe(p, q, &head) {
		list_del_init(p);
		seen++;
	}
	CHECK(seen == 3);
	CHECK(list_empty(&head));
}

TEST_CASE("The continue and from iterators start where pos points", "[lib]")
{
	LIST_HEAD(head);
	item items[4];
	for (int i = 0; i < 4; i++) {
		items[i].value = i;
		list_add_tail(&items[i].node, &head);
	}
	std::vector<int> out;
	struct item *pos = &items[1];
	list_for_each_entry_continue(pos, &head, node)
		out.push_back(pos->value);
	CHECK(out == std::vector<int>{2, 3});

	out.clear();
	pos = &items[1];
	list_for_each_entry_from(pos, &head, node)
		out.push_back(pos->value);
	CHECK(out == std::vector<int>{1, 2, 3});

	out.clear();
	pos = &items[2];
	list_for_each_entry_continue_reverse(pos, &head, node)
		out.push_back(pos->value);
	CHECK(out == std::vector<int>{1, 0});

	out.clear();
	struct list_head *lp;
	list_for_each_prev(lp, &head)
		out.push_back(list_entry(lp, struct item, node)->value);
	CHECK(out == std::vector<int>{3, 2, 1, 0});

	// A NULL pos in list_prepare_entry means "from the start".
	struct item *none = nullptr;
	pos = list_prepare_entry(none, &head, node);
	out.clear();
	list_for_each_entry_continue(pos, &head, node)
		out.push_back(pos->value);
	CHECK(out == std::vector<int>{0, 1, 2, 3});
}

TEST_CASE("hlist adds at the head, deletes with poisoning and iterates safely", "[lib]")
{
	HLIST_HEAD(bucket);
	CHECK(hlist_empty(&bucket));
	item a{1, {}, {}}, b{2, {}, {}}, c{3, {}, {}};
	INIT_HLIST_NODE(&a.hnode);
	CHECK(hlist_unhashed(&a.hnode));

	hlist_add_head(&a.hnode, &bucket);
	CHECK(hlist_is_singular_node(&a.hnode, &bucket));
	hlist_add_head(&b.hnode, &bucket);
	hlist_add_behind(&c.hnode, &b.hnode);

	std::vector<int> out;
	struct item *pos;
	hlist_for_each_entry(pos, &bucket, hnode)
		out.push_back(pos->value);
	CHECK(out == std::vector<int>{2, 3, 1});
	CHECK(hlist_count_nodes(&bucket) == 3);

	hlist_del(&c.hnode);
	CHECK(c.hnode.next == static_cast<struct hlist_node *>(LIST_POISON1));
	CHECK(c.hnode.pprev == static_cast<struct hlist_node **>(LIST_POISON2));

	hlist_add_before(&c.hnode, &a.hnode);
	out.clear();
	hlist_for_each_entry(pos, &bucket, hnode)
		out.push_back(pos->value);
	CHECK(out == std::vector<int>{2, 3, 1});

	struct hlist_node *tmp;
	int removed = 0;
	hlist_for_each_entry_safe(pos, tmp, &bucket, hnode) {
		hlist_del_init(&pos->hnode);
		removed++;
	}
	CHECK(removed == 3);
	CHECK(hlist_empty(&bucket));
	CHECK(hlist_unhashed(&a.hnode));

	HLIST_HEAD(moved);
	hlist_add_head(&a.hnode, &bucket);
	hlist_move_list(&bucket, &moved);
	CHECK(hlist_empty(&bucket));
	CHECK(moved.first == &a.hnode);
	CHECK(a.hnode.pprev == &moved.first);
}
