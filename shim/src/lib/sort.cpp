// sort()/sort_r() and bsearch (as kshim_bsearch) of <linux/sort.h> and <linux/bsearch.h> for libkshim.
#include <cstddef>
#include <cstring>

#include "linux/sort.h"
#include "linux/bsearch.h"

namespace {

// Exchange two elements of size bytes through a small bounce buffer.
void swap_bytes(void *a, void *b, size_t size)
{
	unsigned char tmp[64];
	auto *pa = static_cast<unsigned char *>(a);
	auto *pb = static_cast<unsigned char *>(b);
	while (size) {
		size_t n = size < sizeof(tmp) ? size : sizeof(tmp);
		std::memcpy(tmp, pa, n);
		std::memcpy(pa, pb, n);
		std::memcpy(pb, tmp, n);
		pa += n;
		pb += n;
		size -= n;
	}
}

// In-place heap sort: no allocation, O(n log n) worst case, like Linux's lib/sort.c.
template <typename Cmp, typename Swap>
void heap_sort(void *base, size_t num, size_t size, Cmp cmp, Swap swap)
{
	auto *b = static_cast<char *>(base);
	auto at = [b, size](size_t i) { return b + i * size; };

	// Push element i down until the subtree rooted there (within n elements) is a max-heap.
	auto sift_down = [&](size_t i, size_t n) {
		for (;;) {
			size_t child = 2 * i + 1;
			if (child >= n)
				return;
			if (child + 1 < n && cmp(at(child), at(child + 1)) < 0)
				child++;
			if (cmp(at(i), at(child)) >= 0)
				return;
			swap(at(i), at(child));
			i = child;
		}
	};

	if (num < 2 || size == 0)
		return;
	for (size_t i = num / 2; i-- > 0;)
		sift_down(i, num);
	for (size_t n = num - 1; n > 0; n--) {
		swap(at(0), at(n));
		sift_down(0, n);
	}
}

} // namespace

extern "C" {

void sort_r(void *base, size_t num, size_t size, cmp_r_func_t cmp_func,
	    swap_r_func_t swap_func, const void *priv)
{
	auto cmp = [cmp_func, priv](const void *a, const void *b) { return cmp_func(a, b, priv); };
	if (swap_func) {
		heap_sort(base, num, size, cmp, [swap_func, size, priv](void *a, void *b) {
			swap_func(a, b, static_cast<int>(size), priv);
		});
	} else {
		heap_sort(base, num, size, cmp, [size](void *a, void *b) { swap_bytes(a, b, size); });
	}
}

void sort(void *base, size_t num, size_t size, cmp_func_t cmp_func, swap_func_t swap_func)
{
	auto cmp = [cmp_func](const void *a, const void *b) { return cmp_func(a, b); };
	if (swap_func) {
		heap_sort(base, num, size, cmp, [swap_func, size](void *a, void *b) {
			swap_func(a, b, static_cast<int>(size));
		});
	} else {
		heap_sort(base, num, size, cmp, [size](void *a, void *b) { swap_bytes(a, b, size); });
	}
}

void *kshim_bsearch(const void *key, const void *base, size_t num, size_t size, cmp_func_t cmp)
{
	return __inline_bsearch(key, base, num, size, cmp);
}

} // extern "C"
