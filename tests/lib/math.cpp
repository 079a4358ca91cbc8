// Tests for shim/src/lib/math.cpp (int_sqrt) and the header-only min/max/clamp, rounding, ilog2 and overflow helpers.
#include <catch2/catch.hpp>

// Ask for the min/max/swap/abs macros that C++ code does not get by default.
#define KSHIM_CXX_MINMAX 1
#include "linux/kernel.h"
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
