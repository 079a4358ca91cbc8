// atomic_t/atomic64_t/atomic_long_t operations, cmpxchg/xchg, refcount_t saturation and kref release.
#include <catch2/catch.hpp>
#include <thread>
#include <vector>

#include "linux/atomic.h"
#include "linux/refcount.h"
#include "linux/kref.h"
#include "linux/container_of.h"

TEST_CASE("atomic_t arithmetic returns new or old values as named", "[lib]")
{
	atomic_t v = ATOMIC_INIT(5);
	CHECK(atomic_read(&v) == 5);
	atomic_set(&v, 10);
	atomic_add(3, &v);
	atomic_sub(1, &v);
	atomic_inc(&v);
	atomic_dec(&v);
	CHECK(atomic_read(&v) == 12);
	CHECK(atomic_add_return(3, &v) == 15);
	CHECK(atomic_sub_return(5, &v) == 10);
	CHECK(atomic_inc_return(&v) == 11);
	CHECK(atomic_dec_return(&v) == 10);
	CHECK(atomic_fetch_add(2, &v) == 10);
	CHECK(atomic_fetch_sub(2, &v) == 12);
	CHECK(atomic_fetch_or(0x100, &v) == 10);
	CHECK(atomic_fetch_and(0xff, &v) == 0x10a);
	CHECK(atomic_fetch_xor(0x3, &v) == 10);
	CHECK(atomic_fetch_andnot(0x1, &v) == 9);
	CHECK(atomic_read(&v) == 8);
	CHECK(atomic_xchg(&v, 1) == 8);
	CHECK(atomic_dec_and_test(&v));
	CHECK_FALSE(atomic_inc_and_test(&v));
	CHECK(atomic_sub_and_test(1, &v));
	CHECK(atomic_add_negative(-1, &v));
	CHECK(atomic_read_acquire(&v) == -1);
	atomic_set_release(&v, 0);
	CHECK(atomic_read(&v) == 0);
}

TEST_CASE("atomic cmpxchg, try_cmpxchg and the conditional helpers", "[lib]")
{
	atomic_t v = ATOMIC_INIT(3);
	CHECK(atomic_cmpxchg(&v, 3, 4) == 3);
	CHECK(atomic_cmpxchg(&v, 3, 5) == 4);
	CHECK(atomic_read(&v) == 4);

	int old = 1;
	CHECK_FALSE(atomic_try_cmpxchg(&v, &old, 9));
	CHECK(old == 4);
	CHECK(atomic_try_cmpxchg(&v, &old, 9));
	CHECK(atomic_read(&v) == 9);

	CHECK(atomic_add_unless(&v, 1, 9) == false);
	CHECK(atomic_add_unless(&v, 1, 0) == true);
	CHECK(atomic_fetch_add_unless(&v, 5, 0) == 10);
	atomic_set(&v, 0);
	CHECK_FALSE(atomic_inc_not_zero(&v));
	CHECK(atomic_dec_if_positive(&v) == -1);
	CHECK(atomic_read(&v) == 0);
	atomic_set(&v, 2);
	CHECK(atomic_dec_if_positive(&v) == 1);
	CHECK(atomic_read(&v) == 1);
	CHECK(atomic_inc_unless_negative(&v));
	atomic_set(&v, -1);
	CHECK_FALSE(atomic_inc_unless_negative(&v));
	CHECK(atomic_dec_unless_positive(&v));
	CHECK(atomic_read(&v) == -2);
}

TEST_CASE("atomic64_t and atomic_long_t hold 64-bit values", "[lib]")
{
	atomic64_t v = ATOMIC64_INIT(1LL << 40);
	CHECK(atomic64_add_return(1, &v) == (1LL << 40) + 1);
	CHECK(atomic64_cmpxchg(&v, (1LL << 40) + 1, 7) == (1LL << 40) + 1);
	CHECK(atomic64_read(&v) == 7);
	s64 old64 = 7;
	CHECK(atomic64_try_cmpxchg(&v, &old64, 8));

	atomic_long_t l = ATOMIC_LONG_INIT(-5);
	CHECK(atomic_long_inc_return(&l) == -4L);
	long old = 0;
	CHECK_FALSE(atomic_long_try_cmpxchg(&l, &old, 1));
	CHECK(old == -4L);
	CHECK(atomic_long_xchg(&l, 100) == -4L);
	CHECK(atomic_long_read(&l) == 100L);
}

TEST_CASE("cmpxchg, try_cmpxchg and xchg work on plain scalars and pointers", "[lib]")
{
	unsigned long x = 5;
	CHECK(cmpxchg(&x, 5UL, 6UL) == 5UL);
	CHECK(cmpxchg(&x, 5UL, 7UL) == 6UL);
	CHECK(x == 6UL);
	unsigned long expected = 1;
	CHECK_FALSE(try_cmpxchg(&x, &expected, 2UL));
	CHECK(expected == 6UL);
	CHECK(xchg(&x, 9UL) == 6UL);

	int a = 0, b = 0;
	int *p = &a;
	CHECK(cmpxchg(&p, &a, &b) == &a);
	CHECK(p == &b);
	smp_store_release(&a, 3);
	CHECK(smp_load_acquire(&a) == 3);
	smp_mb();
}

TEST_CASE("Concurrent atomic_inc from several threads loses no increments", "[lib]")
{
	atomic_t v = ATOMIC_INIT(0);
	std::vector<std::thread> threads;
	for (int t = 0; t < 4; t++)
		threads.emplace_back([&v] {
			for (int i = 0; i < 10000; i++)
				atomic_inc(&v);
		});
	for (auto &t : threads)
		t.join();
	CHECK(atomic_read(&v) == 40000);
}

TEST_CASE("refcount_t counts normally and reports the last put", "[lib]")
{
	refcount_t r = REFCOUNT_INIT(1);
	refcount_inc(&r);
	refcount_add(2, &r);
	CHECK(refcount_read(&r) == 4u);
	refcount_dec(&r);
	CHECK_FALSE(refcount_sub_and_test(2, &r));
	CHECK(refcount_dec_and_test(&r));
	CHECK(refcount_read(&r) == 0u);

	CHECK_FALSE(refcount_inc_not_zero(&r));
	CHECK(refcount_read(&r) == 0u);
	refcount_set(&r, 1);
	CHECK(refcount_inc_not_zero(&r));
	CHECK(refcount_read(&r) == 2u);
	CHECK_FALSE(refcount_dec_if_one(&r));
	CHECK(refcount_dec_not_one(&r));
	CHECK_FALSE(refcount_dec_not_one(&r));
	CHECK(refcount_dec_if_one(&r));
	CHECK(refcount_read(&r) == 0u);
}

TEST_CASE("refcount_t saturates instead of overflowing or going below zero", "[lib]")
{
	const unsigned int saturated = static_cast<unsigned int>(REFCOUNT_SATURATED);

	SECTION("incrementing past REFCOUNT_MAX saturates") {
		refcount_t r = REFCOUNT_INIT(REFCOUNT_MAX);
		refcount_inc(&r);
		CHECK(refcount_read(&r) == saturated);
		// Once saturated, it stays saturated: puts never reach zero.
		CHECK_FALSE(refcount_dec_and_test(&r));
		refcount_inc(&r);
		CHECK(refcount_read(&r) == saturated);
	}
	SECTION("incrementing from zero is a use-after-free and saturates") {
		refcount_t r = REFCOUNT_INIT(0);
		refcount_inc(&r);
		CHECK(refcount_read(&r) == saturated);
	}
	SECTION("dropping below zero saturates") {
		refcount_t r = REFCOUNT_INIT(1);
		CHECK(refcount_dec_and_test(&r));
		CHECK_FALSE(refcount_dec_and_test(&r));
		CHECK(refcount_read(&r) == saturated);
	}
	SECTION("refcount_dec to zero is a leak and saturates") {
		refcount_t r = REFCOUNT_INIT(1);
		refcount_dec(&r);
		CHECK(refcount_read(&r) == saturated);
	}
	SECTION("inc_not_zero past the maximum saturates but succeeds") {
		refcount_t r = REFCOUNT_INIT(REFCOUNT_MAX);
		CHECK(refcount_inc_not_zero(&r));
		CHECK(refcount_read(&r) == saturated);
	}
}

namespace {

struct counted {
	struct kref ref;
	int released;
};

void release_counted(struct kref *ref)
{
	container_of(ref, struct counted, ref)->released++;
}

} // namespace

TEST_CASE("kref_put calls the release function exactly once, on the last reference", "[lib]")
{
	counted obj{};
	kref_init(&obj.ref);
	CHECK(kref_read(&obj.ref) == 1u);
	kref_get(&obj.ref);
	CHECK(kref_put(&obj.ref, release_counted) == 0);
	CHECK(obj.released == 0);
	CHECK(kref_put(&obj.ref, release_counted) == 1);
	CHECK(obj.released == 1);
	CHECK_FALSE(kref_get_unless_zero(&obj.ref));
}
