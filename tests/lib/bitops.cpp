// Tests of the header-only bit helpers: BIT/GENMASK, atomic and non-atomic bit operations, fls/ffs/hweight, find_*_bit and bitmaps.
#include <catch2/catch.hpp>
#include <vector>

#include "linux/kernel.h"
#include "linux/bitmap.h"

TEST_CASE("BIT, BIT_ULL and GENMASK build the kernel's masks", "[lib]")
{
	CHECK(BIT(0) == 1UL);
	CHECK(BIT(63) == 0x8000000000000000UL);
	CHECK(BIT_ULL(40) == 0x10000000000ULL);
	CHECK(GENMASK(7, 4) == 0xf0UL);
	CHECK(GENMASK(63, 0) == ~0UL);
	CHECK(GENMASK_ULL(39, 32) == 0xff00000000ULL);
	CHECK(BIT_WORD(65) == 1);
	CHECK(BIT_MASK(65) == 2UL);
	CHECK(BITS_TO_LONGS(65) == 2);
	CHECK(BITS_PER_TYPE(u32) == 32);
}

TEST_CASE("Atomic and non-atomic bit operations report the old bit", "[lib]")
{
	DECLARE_BITMAP(map, 130) = {0};
	set_bit(3, map);
	set_bit(129, map);
	CHECK(test_bit(3, map));
	CHECK(test_bit(129, map));
	CHECK_FALSE(test_bit(4, map));
	CHECK(test_and_set_bit(3, map));
	CHECK_FALSE(test_and_set_bit(70, map));
	CHECK(test_and_clear_bit(70, map));
	CHECK_FALSE(test_and_clear_bit(70, map));
	change_bit(5, map);
	CHECK(test_bit(5, map));
	CHECK(test_and_change_bit(5, map));
	CHECK_FALSE(test_bit(5, map));
	clear_bit(3, map);
	CHECK_FALSE(test_bit(3, map));

	__set_bit(10, map);
	CHECK(__test_and_clear_bit(10, map));
	CHECK_FALSE(__test_and_set_bit(11, map));
	CHECK(test_bit(11, map));
	__change_bit(11, map);
	CHECK_FALSE(test_bit(11, map));
	assign_bit(12, map, true);
	CHECK(test_bit(12, map));
	__assign_bit(12, map, false);
	CHECK_FALSE(test_bit(12, map));
	CHECK_FALSE(test_and_set_bit_lock(13, map));
	clear_bit_unlock(13, map);
	CHECK_FALSE(test_bit(13, map));
}

TEST_CASE("fls, __ffs, __fls, fls64, ffz and hweight count bits like the kernel", "[lib]")
{
	CHECK(fls(0) == 0);
	CHECK(fls(1) == 1);
	CHECK(fls(0x80000000u) == 32);
	CHECK(fls64(0) == 0);
	CHECK(fls64(1ULL << 63) == 64);
	CHECK(__ffs(0x10UL) == 4);
	CHECK(__fls(0x10UL) == 4);
	CHECK(__fls(~0UL) == 63);
	CHECK(ffz(0x0fUL) == 4);
	CHECK(fls_long(0x100UL) == 9);
	CHECK(get_count_order(1) == 0);
	CHECK(get_count_order(5) == 3);
	CHECK(get_count_order(0) == -1);
	CHECK(hweight8(0xff) == 8);
	CHECK(hweight16(0x1001) == 2);
	CHECK(hweight32(0xffffffffu) == 32);
	CHECK(hweight64(~0ULL) == 64);
	CHECK(hweight_long(0x5UL) == 2);
	CHECK(rol32(0x80000001u, 1) == 0x00000003u);
	CHECK(ror32(0x00000003u, 1) == 0x80000001u);
	CHECK(rol64(1, 64) == 1);
	CHECK(rol8(0x81, 1) == 0x03);
	CHECK(ror16(0x0001, 1) == 0x8000);
	CHECK(sign_extend32(0x80, 7) == -128);
	CHECK(sign_extend32(0x7f, 7) == 127);
	CHECK(sign_extend64(0xfff, 11) == -1);
}

TEST_CASE("find_*_bit and for_each_set_bit walk a bitmap in order", "[lib]")
{
	DECLARE_BITMAP(map, 200);
	bitmap_zero(map, 200);
	CHECK(find_first_bit(map, 200) == 200);
	CHECK(find_first_zero_bit(map, 200) == 0);
	set_bit(0, map);
	set_bit(64, map);
	set_bit(150, map);
	CHECK(find_first_bit(map, 200) == 0);
	CHECK(find_next_bit(map, 200, 1) == 64);
	CHECK(find_next_bit(map, 200, 65) == 150);
	CHECK(find_next_bit(map, 150, 65) == 150); // not found within size
	CHECK(find_last_bit(map, 200) == 150);
	CHECK(find_last_bit(map, 100) == 64);
	CHECK(find_first_zero_bit(map, 200) == 1);

	std::vector<unsigned long> seen;
	unsigned long bit;
	for_each_set_bit(bit, map, 200)
		seen.push_back(bit);
	CHECK(seen == std::vector<unsigned long>{0, 64, 150});

	unsigned long clear_count = 0;
	for_each_clear_bit(bit, map, 200)
		clear_count++;
	CHECK(clear_count == 197);
}

TEST_CASE("bitmap_set, bitmap_clear, bitmap_weight, bitmap_full and friends", "[lib]")
{
	DECLARE_BITMAP(a, 100);
	DECLARE_BITMAP(b, 100);
	bitmap_zero(a, 100);
	CHECK(bitmap_empty(a, 100));
	bitmap_set(a, 60, 10);
	CHECK(bitmap_weight(a, 100) == 10);
	CHECK(test_bit(60, a));
	CHECK(test_bit(69, a));
	CHECK_FALSE(test_bit(70, a));
	bitmap_clear(a, 62, 3);
	CHECK(bitmap_weight(a, 100) == 7);
	CHECK_FALSE(test_bit(63, a));

	bitmap_fill(b, 100);
	CHECK(bitmap_full(b, 100));
	CHECK(bitmap_weight(b, 100) == 100);
	CHECK(bitmap_subset(a, b, 100));
	CHECK(bitmap_intersects(a, b, 100));
	bitmap_copy(b, a, 100);
	CHECK(bitmap_equal(a, b, 100));
	bitmap_complement(b, a, 100);
	CHECK(bitmap_weight(b, 100) == 93);
	CHECK_FALSE(bitmap_intersects(a, b, 100));
	DECLARE_BITMAP(c, 100);
	CHECK_FALSE(bitmap_and(c, a, b, 100));
	bitmap_or(c, a, b, 100);
	CHECK(bitmap_full(c, 100));
	bitmap_set(a, 0, 100);
	CHECK(bitmap_full(a, 100));
}
