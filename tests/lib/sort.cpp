// Tests for shim/src/lib/sort.cpp: sort, sort_r and bsearch.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "linux/sort.h"
#include "linux/bsearch.h"

namespace {

int cmp_int(const void *a, const void *b)
{
	int x = *static_cast<const int *>(a), y = *static_cast<const int *>(b);
	return (x > y) - (x < y);
}

int swaps;

void swap_int(void *a, void *b, int size)
{
	CHECK(size == static_cast<int>(sizeof(int)));
	std::swap(*static_cast<int *>(a), *static_cast<int *>(b));
	swaps++;
}

struct rec {
	char name[24];
	int key;
};

int cmp_rec_r(const void *a, const void *b, const void *priv)
{
	int dir = *static_cast<const int *>(priv);
	return dir * cmp_int(&static_cast<const rec *>(a)->key, &static_cast<const rec *>(b)->key);
}

} // namespace

TEST_CASE("sort orders arrays in place with or without a swap callback", "[lib]")
{
	std::vector<int> v = {5, 3, 9, -1, 3, 0, 42, 7, 8, 1, 2};
	std::vector<int> expected = v;
	std::sort(expected.begin(), expected.end());

	std::vector<int> a = v;
	sort(a.data(), a.size(), sizeof(int), cmp_int, nullptr);
	CHECK(a == expected);

	std::vector<int> b = v;
	swaps = 0;
	sort(b.data(), b.size(), sizeof(int), cmp_int, swap_int);
	CHECK(b == expected);
	CHECK(swaps > 0);

	sort(b.data(), 0, sizeof(int), cmp_int, nullptr);
	sort(b.data(), 1, sizeof(int), cmp_int, nullptr);
	CHECK(b == expected);

	// Odd-sized records and a private argument (descending order).
	rec recs[100];
	for (int i = 0; i < 100; i++) {
		recs[i].key = (i * 37) % 100;
		std::snprintf(recs[i].name, sizeof(recs[i].name), "r%d", recs[i].key);
	}
	int descending = -1;
	sort_r(recs, 100, sizeof(rec), cmp_rec_r, nullptr, &descending);
	for (int i = 0; i < 100; i++) {
		CHECK(recs[i].key == 99 - i);
		CHECK(std::string(recs[i].name) == "r" + std::to_string(99 - i));
	}
}

TEST_CASE("bsearch finds present keys and returns NULL for absent ones", "[lib]")
{
	const int arr[] = {1, 3, 5, 7, 9, 11};
	for (int i = 0; i < 6; i++) {
		int key = arr[i];
		CHECK(kshim_bsearch(&key, arr, 6, sizeof(int), cmp_int) == &arr[i]);
		CHECK(__inline_bsearch(&key, arr, 6, sizeof(int), cmp_int) == &arr[i]);
	}
	int missing = 4;
	CHECK(kshim_bsearch(&missing, arr, 6, sizeof(int), cmp_int) == nullptr);
	int high = 12;
	CHECK(kshim_bsearch(&high, arr, 6, sizeof(int), cmp_int) == nullptr);
	CHECK(kshim_bsearch(&high, arr, 0, sizeof(int), cmp_int) == nullptr);
}
