/* KUnit tests of kshim's <linux/kfifo.h>: a static and an allocated fifo, wrap-around, records' limits. */
#include <kunit/test.h>
#include <linux/kfifo.h>
#include <linux/slab.h>

static void kfifo_static_fills_and_drains(struct kunit *test)
{
	DEFINE_KFIFO(fifo, int, 4);
	int v, i;

	KUNIT_EXPECT_TRUE(test, kfifo_is_empty(&fifo));
	KUNIT_EXPECT_EQ(test, kfifo_size(&fifo), 4);
	for (i = 1; i <= 4; i++)
		KUNIT_EXPECT_EQ(test, kfifo_put(&fifo, i), 1);
	KUNIT_EXPECT_TRUE(test, kfifo_is_full(&fifo));
	KUNIT_EXPECT_EQ(test, kfifo_put(&fifo, 5), 0);
	KUNIT_ASSERT_EQ(test, kfifo_get(&fifo, &v), 1);
	KUNIT_EXPECT_EQ(test, v, 1);
	KUNIT_EXPECT_EQ(test, kfifo_len(&fifo), 3);
}

static void kfifo_wraps_around(struct kunit *test)
{
	DEFINE_KFIFO(fifo, unsigned char, 8);
	unsigned char out[8];
	int round;

	for (round = 0; round < 5; round++) {
		KUNIT_EXPECT_EQ(test, kfifo_in(&fifo, "abcde", 5), 5);
		KUNIT_EXPECT_EQ(test, kfifo_out(&fifo, out, sizeof(out)), 5);
		KUNIT_EXPECT_MEMEQ(test, out, "abcde", 5);
	}
	KUNIT_EXPECT_TRUE(test, kfifo_is_empty(&fifo));
}

static void kfifo_alloc_rounds_up(struct kunit *test)
{
	struct kfifo fifo;

	KUNIT_ASSERT_EQ(test, kfifo_alloc(&fifo, 100, GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, kfifo_size(&fifo), 128);
	KUNIT_EXPECT_EQ(test, kfifo_in(&fifo, "hello", 5), 5);
	KUNIT_EXPECT_EQ(test, kfifo_avail(&fifo), 123);
	kfifo_free(&fifo);
}

static void kfifo_peek_keeps_data(struct kunit *test)
{
	DEFINE_KFIFO(fifo, int, 4);
	int v = 0;

	kfifo_put(&fifo, 42);
	KUNIT_EXPECT_EQ(test, kfifo_peek(&fifo, &v), 1);
	KUNIT_EXPECT_EQ(test, v, 42);
	KUNIT_EXPECT_EQ(test, kfifo_len(&fifo), 1);
	kfifo_reset(&fifo);
	KUNIT_EXPECT_TRUE(test, kfifo_is_empty(&fifo));
}

static struct kunit_case kfifo_cases[] = {
	KUNIT_CASE(kfifo_static_fills_and_drains),
	KUNIT_CASE(kfifo_wraps_around),
	KUNIT_CASE(kfifo_alloc_rounds_up),
	KUNIT_CASE(kfifo_peek_keeps_data),
	{}
};

static struct kunit_suite kfifo_suite = {
	.name = "kshim-kfifo",
	.test_cases = kfifo_cases,
};

kunit_test_suites(&kfifo_suite);

MODULE_LICENSE("GPL");
