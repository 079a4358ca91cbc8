/* KUnit tests of kshim's 6.1 string streams (lib/kunit/string-stream.h, KUnit-internal: declared here as that header does). */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/stdarg.h>

struct string_stream;
struct string_stream *alloc_string_stream(struct kunit *test, gfp_t gfp);
int __printf(2, 3) string_stream_add(struct string_stream *stream, const char *fmt, ...);
char *string_stream_get_string(struct string_stream *stream);
int string_stream_append(struct string_stream *stream, struct string_stream *other);
bool string_stream_is_empty(struct string_stream *stream);
void string_stream_destroy(struct string_stream *stream);

static void pieces_join_in_order(struct kunit *test)
{
	struct string_stream *s = alloc_string_stream(test, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, s);
	KUNIT_EXPECT_TRUE(test, string_stream_is_empty(s));
	KUNIT_EXPECT_EQ(test, string_stream_add(s, "%d-%s", 12, "ab"), 0);
	KUNIT_EXPECT_EQ(test, string_stream_add(s, "|%03x", 10), 0);
	KUNIT_EXPECT_STREQ(test, string_stream_get_string(s), "12-ab|00a");
	KUNIT_EXPECT_FALSE(test, string_stream_is_empty(s));
}

/* As 6.1: emptiness is "nothing added", so an empty piece makes it non-empty. */
static void empty_piece_is_a_piece(struct kunit *test)
{
	struct string_stream *s = alloc_string_stream(test, GFP_KERNEL);

	string_stream_add(s, "%s", "");
	KUNIT_EXPECT_FALSE(test, string_stream_is_empty(s));
	KUNIT_EXPECT_STREQ(test, string_stream_get_string(s), "");
}

static void append_and_destroy(struct kunit *test)
{
	struct string_stream *a = alloc_string_stream(test, GFP_KERNEL);
	struct string_stream *b = alloc_string_stream(test, GFP_KERNEL);
	char *copy;

	string_stream_add(a, "one ");
	string_stream_add(b, "two");
	KUNIT_EXPECT_EQ(test, string_stream_append(a, b), 0);
	KUNIT_EXPECT_STREQ(test, string_stream_get_string(a), "one two");
	KUNIT_EXPECT_STREQ(test, string_stream_get_string(b), "two");
	copy = string_stream_get_string(a);
	string_stream_destroy(a);
	KUNIT_EXPECT_TRUE(test, string_stream_is_empty(a));
	KUNIT_EXPECT_STREQ(test, string_stream_get_string(a), "");
	/* a copy is the case's memory, apart from the stream */
	KUNIT_EXPECT_STREQ(test, copy, "one two");
	kunit_kfree(test, copy);
}

static struct kunit_case string_stream_cases[] = {
	KUNIT_CASE(pieces_join_in_order),
	KUNIT_CASE(empty_piece_is_a_piece),
	KUNIT_CASE(append_and_destroy),
	{}
};

static struct kunit_suite string_stream_suite = {
	.name = "kshim-string-stream",
	.test_cases = string_stream_cases,
};
kunit_test_suite(string_stream_suite);

MODULE_LICENSE("GPL");
