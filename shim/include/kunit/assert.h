/* KUnit's assertion records (Linux 6.1's <kunit/assert.h>): what a failed check reports and how. */
#ifndef _KUNIT_ASSERT_H
#define _KUNIT_ASSERT_H

#include "linux/err.h"
#include "linux/printk.h"

struct kunit;
struct string_stream;
struct va_format;

enum kunit_assert_type {
	KUNIT_ASSERTION,	/* a failure ends the case */
	KUNIT_EXPECTATION,	/* a failure marks the case failed; it goes on */
};

/* Where a check is written. */
struct kunit_loc {
	int line;
	const char *file;
};

#define KUNIT_CURRENT_LOC { .line = __LINE__, .file = __FILE__ }

/* The common head of every assertion record. Linux's is empty; kshim's holds one unused byte
 * so that C (where an empty struct has size 0) and the C++ runtime lay the records out alike. */
struct kunit_assert {
	char __kshim_layout;
};

typedef void (*assert_format_t)(const struct kunit_assert *assert,
				const struct va_format *message,
				struct string_stream *stream);

/* KUNIT_FAIL: the message alone. */
struct kunit_fail_assert {
	struct kunit_assert assert;
};

/* KUNIT_EXPECT_TRUE/FALSE: the condition's text and the truth it should have had. */
struct kunit_unary_assert {
	struct kunit_assert assert;
	const char *condition;
	bool expected_true;
};

#define KUNIT_INIT_UNARY_ASSERT_STRUCT(cond, expect_true) \
	{ .condition = (cond), .expected_true = (expect_true) }

/* KUNIT_EXPECT_NOT_ERR_OR_NULL: the pointer's text and value. */
struct kunit_ptr_not_err_assert {
	struct kunit_assert assert;
	const char *text;
	const void *value;
};

#define KUNIT_INIT_PTR_NOT_ERR_STRUCT(txt, val) { .text = (txt), .value = (val) }

/* The source text of a comparison: "a", "==", "b". */
struct kunit_binary_assert_text {
	const char *operation;
	const char *left_text;
	const char *right_text;
};

/* Integer comparisons (EQ, NE, LT, LE, GT, GE): both values as long long. */
struct kunit_binary_assert {
	struct kunit_assert assert;
	const struct kunit_binary_assert_text *text;
	long long left_value;
	long long right_value;
};

#define KUNIT_INIT_BINARY_ASSERT_STRUCT(text_, left_val, right_val) \
	{ .text = (text_), .left_value = (left_val), .right_value = (right_val) }

/* Pointer comparisons (PTR_EQ, PTR_NE, NULL, NOT_NULL). */
struct kunit_binary_ptr_assert {
	struct kunit_assert assert;
	const struct kunit_binary_assert_text *text;
	const void *left_value;
	const void *right_value;
};

/* String comparisons (STREQ, STRNEQ). */
struct kunit_binary_str_assert {
	struct kunit_assert assert;
	const struct kunit_binary_assert_text *text;
	const char *left_value;
	const char *right_value;
};

/* Post-6.1 (Linux 6.2): MEMEQ/MEMNEQ, the two buffers and the length compared. */
struct kunit_mem_assert {
	struct kunit_assert assert;
	const struct kunit_binary_assert_text *text;
	const void *left_value;
	const void *right_value;
	const size_t size;
};

#define KUNIT_INIT_MEM_ASSERT_STRUCT(text_, left_val, right_val, size_) \
	{ .text = (text_), .left_value = (left_val), .right_value = (right_val), .size = (size_) }

#ifdef __cplusplus
extern "C" {
#endif

/* The formatters: each appends its record's lines to the stream. Atomic-safe; they allocate. */
void kunit_assert_prologue(const struct kunit_loc *loc, enum kunit_assert_type type,
			   struct string_stream *stream);
void kunit_fail_assert_format(const struct kunit_assert *assert, const struct va_format *message,
			      struct string_stream *stream);
void kunit_unary_assert_format(const struct kunit_assert *assert, const struct va_format *message,
			       struct string_stream *stream);
void kunit_ptr_not_err_assert_format(const struct kunit_assert *assert,
				     const struct va_format *message, struct string_stream *stream);
void kunit_binary_assert_format(const struct kunit_assert *assert, const struct va_format *message,
				struct string_stream *stream);
void kunit_binary_ptr_assert_format(const struct kunit_assert *assert,
				    const struct va_format *message, struct string_stream *stream);
void kunit_binary_str_assert_format(const struct kunit_assert *assert,
				    const struct va_format *message, struct string_stream *stream);
void kunit_mem_assert_format(const struct kunit_assert *assert, const struct va_format *message,
			     struct string_stream *stream);

#ifdef __cplusplus
}
#endif

#endif
