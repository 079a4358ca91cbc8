// Kernel min/max/clamp, rounding, ilog2 and power-of-two helpers, bit operations, bitmaps and overflow checks.
#include <catch2/catch.hpp>

// Ask for the min/max/swap/abs macros that C++ code does not get by default.
#define KSHIM_CXX_MINMAX 1
#include "kshim/kernel_macros.h"
#include "linux/bitmap.h"
#include "linux/overflow.h"

TEST_CASE("min, max, min3, max3 and clamp pick the kernel's values", "[lib]")
{
	CHECK(min(3, 7) == 3);
	CHECK(max(3, 7) == 7);
	CHECK(min(-1, 1) == -1);
	CHECK(min3(5, 2, 9) == 2);
	CHECK(max3(5, 2, 9) == 9);
	CHECK(clamp(15, 0, 10) == 10);
	CHECK(clamp(-5, 0, 10) == 0);
	CHECK(clamp(5, 0, 10) == 5);
	CHECK(min_not_zero(0, 4) == 4);
	CHECK(min_not_zero(6, 4) == 4);
	CHECK(min_not_zero(0, 0) == 0);
}

TEST_CASE("min and max evaluate their arguments once", "[lib]")
{
	int i = 0;
	int m = max(i++, 0);
	CHECK(m == 0);
	CHECK(i == 1);
}

TEST_CASE("min_t, max_t, clamp_t and clamp_val compare in the named type", "[lib]")
{
	// As unsigned, -1 is the largest value.
	CHECK(min_t(unsigned int, -1, 5) == 5u);
	CHECK(max_t(int, -1, 5u) == 5);
	CHECK(min_t(u8, 0x1ff, 0x20) == 0x20); // 0x1ff becomes 0xff
	CHECK(clamp_t(int, 300, 0, 255) == 255);
	u8 small = 200;
	CHECK(clamp_val(small, 10, 100) == 100);
}

TEST_CASE("swap exchanges two lvalues", "[lib]")
{
	int a = 1, b = 2;
	swap(a, b);
	CHECK(a == 2);
	CHECK(b == 1);
}

TEST_CASE("Division and rounding helpers follow the kernel definitions", "[lib]")
{
	CHECK(DIV_ROUND_UP(10, 3) == 4);
	CHECK(DIV_ROUND_UP(9, 3) == 3);
	CHECK(DIV_ROUND_UP_ULL(10ULL, 4) == 3);
	CHECK(DIV_ROUND_CLOSEST(10, 4) == 3);
	CHECK(DIV_ROUND_CLOSEST(9, 4) == 2);
	CHECK(DIV_ROUND_CLOSEST(-10, 4) == -3);
	CHECK(DIV_ROUND_CLOSEST(7u, 2u) == 4u);
	CHECK(roundup(10, 6) == 12);
	CHECK(rounddown(10, 6) == 6);
	CHECK(round_up(10, 8) == 16);
	CHECK(round_up(16, 8) == 16);
	CHECK(round_down(15, 8) == 8);
	CHECK(mult_frac(100, 3, 7) == 42);
	CHECK(abs(-5) == 5);
	CHECK(abs(5L) == 5L);
	CHECK(abs_diff(3u, 10u) == 7u);
	CHECK(reciprocal_scale(0x80000000u, 10) == 5u);
	CHECK(int_sqrt(0) == 0);
	CHECK(int_sqrt(15) == 3);
	CHECK(int_sqrt(16) == 4);
	CHECK(int_sqrt(~0UL) == 0xffffffffUL);
	CHECK(int_sqrt64(1ULL << 62) == 1u << 31);
	CHECK(upper_32_bits(0x123456789abcdef0ULL) == 0x12345678u);
	CHECK(lower_32_bits(0x123456789abcdef0ULL) == 0x9abcdef0u);
	CHECK(upper_16_bits(0x12345678u) == 0x1234);
	CHECK(lower_16_bits(0x12345678u) == 0x5678);
}

TEST_CASE("ALIGN, ALIGN_DOWN, PTR_ALIGN and IS_ALIGNED work on powers of two", "[lib]")
{
	CHECK(ALIGN(13, 8) == 16);
	CHECK(ALIGN(16, 8) == 16);
	CHECK(ALIGN_DOWN(13, 8) == 8);
	CHECK(IS_ALIGNED(64, 16));
	CHECK_FALSE(IS_ALIGNED(65, 16));
	char buf[64];
	char *p = PTR_ALIGN(buf + 1, 16);
	CHECK(reinterpret_cast<unsigned long>(p) % 16 == 0);
	CHECK(p > buf);
	CHECK(p - buf <= 16);
	int arr[7];
	(void)arr;
	CHECK(ARRAY_SIZE(arr) == 7);
}

TEST_CASE("ilog2 and power-of-two rounding match the kernel, also at compile time", "[lib]")
{
	static_assert(ilog2(1) == 0, "constant ilog2");
	static_assert(ilog2(4096) == 12, "constant ilog2");
	static_assert(ilog2(0xffffffffffffffffULL) == 63, "constant ilog2");
	static_assert(roundup_pow_of_two(5) == 8, "constant roundup");
	static_assert(order_base_2(5) == 3, "constant order");

	volatile unsigned long v = 4097;
	CHECK(ilog2(v) == 12);
	volatile u32 w = 1;
	CHECK(ilog2(w) == 0);
	volatile u64 big = 1ULL << 40;
	CHECK(ilog2(big) == 40);
	CHECK(roundup_pow_of_two(v) == 8192);
	CHECK(rounddown_pow_of_two(v) == 4096);
	unsigned long one = 1;
	CHECK(roundup_pow_of_two(one) == 1);
	CHECK(is_power_of_2(64));
	CHECK_FALSE(is_power_of_2(0));
	CHECK_FALSE(is_power_of_2(65));
	unsigned long n = 1;
	CHECK(order_base_2(n) == 0);
	n = 8;
	CHECK(order_base_2(n) == 3);
	n = 9;
	CHECK(order_base_2(n) == 4);
	CHECK(bits_per(n) == 4);
	n = 8;
	CHECK(bits_per(n) == 4);
}

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

TEST_CASE("check_*_overflow and the size helpers detect overflow and saturate", "[lib]")
{
	u8 r8;
	CHECK(check_add_overflow(200, 100, &r8));
	CHECK(r8 == 44);
	CHECK_FALSE(check_add_overflow(100, 100, &r8));
	CHECK(r8 == 200);
	int ri;
	CHECK(check_sub_overflow(INT32_MIN, 1, &ri));
	CHECK(check_mul_overflow(1 << 20, 1 << 12, &ri));
	CHECK_FALSE(check_mul_overflow(1 << 10, 1 << 12, &ri));
	CHECK(ri == 1 << 22);
	unsigned int ru;
	CHECK_FALSE(check_shl_overflow(1u, 31, &ru));
	CHECK(ru == 0x80000000u);
	CHECK(check_shl_overflow(3u, 31, &ru));
	CHECK(check_shl_overflow(1u, 32, &ru));
	CHECK(check_shl_overflow(1, 31, &ri)); // sign bit of int

	CHECK(size_mul(SIZE_MAX, 2) == SIZE_MAX);
	CHECK(size_add(SIZE_MAX, 1) == SIZE_MAX);
	CHECK(size_sub(1, 2) == SIZE_MAX);
	CHECK(array_size(4, 8) == 32);
	CHECK(array3_size(2, 3, 4) == 24);

	struct flex {
		int n;
		long items[];
	} *p = nullptr;
	CHECK(struct_size(p, items, 3) == sizeof(struct flex) + 3 * sizeof(long));
	CHECK(struct_size(p, items, SIZE_MAX) == SIZE_MAX);
	CHECK(flex_array_size(p, items, 2) == 2 * sizeof(long));
	CHECK(type_max(s8) == 127);
	CHECK(type_min(s8) == -128);
	CHECK(type_max(u16) == 0xffff);
	CHECK(is_signed_type(int));
	CHECK_FALSE(is_signed_type(unsigned int));
}
