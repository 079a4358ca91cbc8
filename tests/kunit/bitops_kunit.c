/* KUnit tests of kshim's bit operations (<linux/bitops.h>, bitmap.h, bitfield.h): set, find, weight, fields. */
#include <kunit/test.h>
#include <linux/bitfield.h>
#include <linux/bitmap.h>
#include <linux/bitops.h>

static void bitops_set_clear_test(struct kunit *test)
{
	unsigned long word = 0;

	set_bit(3, &word);
	__set_bit(5, &word);
	KUNIT_EXPECT_EQ(test, word, 0x28UL);
	KUNIT_EXPECT_TRUE(test, test_and_clear_bit(3, &word));
	KUNIT_EXPECT_FALSE(test, test_and_clear_bit(3, &word));
	KUNIT_EXPECT_FALSE(test, test_and_set_bit(0, &word));
	change_bit(5, &word);
	KUNIT_EXPECT_EQ(test, word, 1UL);
}

static void bitops_find_and_weight(struct kunit *test)
{
	DECLARE_BITMAP(map, 200);
	unsigned int bit, seen = 0;

	bitmap_zero(map, 200);
	KUNIT_EXPECT_EQ(test, find_first_bit(map, 200), 200UL);
	__set_bit(7, map);
	__set_bit(64, map);
	__set_bit(199, map);
	KUNIT_EXPECT_EQ(test, find_first_bit(map, 200), 7UL);
	KUNIT_EXPECT_EQ(test, find_next_bit(map, 200, 8), 64UL);
	KUNIT_EXPECT_EQ(test, find_first_zero_bit(map, 200), 0UL);
	KUNIT_EXPECT_EQ(test, bitmap_weight(map, 200), 3U);
	for_each_set_bit(bit, map, 200)
		seen++;
	KUNIT_EXPECT_EQ(test, seen, 3U);
}

static void bitops_scan_words(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, __ffs(0x80UL), 7UL);
	KUNIT_EXPECT_EQ(test, ffs(0), 0);
	KUNIT_EXPECT_EQ(test, fls(0x80), 8);
	KUNIT_EXPECT_EQ(test, fls64(1ULL << 40), 41);
	KUNIT_EXPECT_EQ(test, hweight32(0xf0f0), 8U);
}

static void bitfield_prep_and_get(struct kunit *test)
{
	const u32 mask = GENMASK(11, 4);
	u32 reg = FIELD_PREP(mask, 0xab) | 0x3;

	KUNIT_EXPECT_EQ(test, reg, 0xab3U);
	KUNIT_EXPECT_EQ(test, FIELD_GET(mask, reg), 0xabU);
	KUNIT_EXPECT_EQ(test, FIELD_MAX(mask), 0xffU);
	KUNIT_EXPECT_TRUE(test, FIELD_FIT(mask, 0xff));
	KUNIT_EXPECT_FALSE(test, FIELD_FIT(mask, 0x100));
	KUNIT_EXPECT_EQ(test, u32_get_bits(reg, mask), 0xabU);
	KUNIT_EXPECT_EQ(test, u32_replace_bits(reg, 0x12, mask), 0x123U);
}

static struct kunit_case bitops_cases[] = {
	KUNIT_CASE(bitops_set_clear_test),
	KUNIT_CASE(bitops_find_and_weight),
	KUNIT_CASE(bitops_scan_words),
	KUNIT_CASE(bitfield_prep_and_get),
	{}
};

static struct kunit_suite bitops_suite = {
	.name = "kshim-bitops",
	.test_cases = bitops_cases,
};

kunit_test_suites(&bitops_suite);

MODULE_LICENSE("GPL");
