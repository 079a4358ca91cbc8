/* KUnit (Linux 6.1's <kunit/test.h>): suites of cases with expectations and assertions, run by kshim when their module loads. */
#ifndef _KUNIT_TEST_H
#define _KUNIT_TEST_H

#include "kunit/assert.h"
#include "kunit/try-catch.h"
#include "kshim/internal/kunit_types.h"

#include "linux/compiler.h"
#include "linux/container_of.h"
#include "linux/err.h"
#include "linux/init.h"
#include "linux/kconfig.h"
#include "linux/kref.h"
#include "linux/list.h"
#include "linux/module.h"
#include "linux/slab.h"
#include "linux/spinlock.h"
#include "linux/string.h"
#include "linux/types.h"

static inline void kunit_set_failure(struct kunit *test)
{
	WRITE_ONCE(test->status, KUNIT_FAILURE);
}

static inline const char *kunit_status_to_ok_not_ok(enum kunit_status status)
{
	return status == KUNIT_FAILURE ? "not ok" : "ok";
}

#define KUNIT_CASE(test_name) { .run_case = test_name, .name = #test_name }
#define KUNIT_CASE_PARAM(test_name, gen_params) \
	{ .run_case = test_name, .name = #test_name, .generate_params = gen_params }
/* Post-6.1 (Linux 6.6): a case marked slow. kshim runs it like any other. */
#define KUNIT_CASE_SLOW(test_name) \
	{ .run_case = test_name, .name = #test_name, .attr = { .speed = KUNIT_SPEED_SLOW } }

/* Registers suites: the loader finds them in the module's kunit_test_suites section. */
#define __kunit_test_suites(unique_array, ...)					\
	static struct kunit_suite *unique_array[]				\
	__aligned(sizeof(struct kunit_suite *)) __used				\
	__section("kunit_test_suites") = { __VA_ARGS__ }
#define kunit_test_suites(__suites...) __kunit_test_suites(__UNIQUE_ID(array), ##__suites)
#define kunit_test_suite(suite) kunit_test_suites(&suite)
/* Suites that use __init code or data: registered alike (kshim never discards init sections). */
#define kunit_test_init_section_suites(__suites...) \
	__kunit_test_suites(__PASTE(__UNIQUE_ID(array), _probe), ##__suites)
#define kunit_test_init_section_suite(suite) kunit_test_init_section_suites(&suite)

#define kunit_suite_for_each_test_case(suite, test_case) \
	for (test_case = (suite)->test_cases; test_case->run_case; test_case++)

/* kunit_log: printk at lvl (and the test's log, which kshim does not keep). */
#define kunit_log(lvl, test_or_suite, fmt, ...)					\
	do {									\
		printk(lvl fmt, ##__VA_ARGS__);					\
		kunit_log_append((test_or_suite)->log, fmt "\n", ##__VA_ARGS__);	\
	} while (0)
#define kunit_printk(lvl, test, fmt, ...) \
	kunit_log(lvl, test, KUNIT_SUBTEST_INDENT "# %s: " fmt, (test)->name, ##__VA_ARGS__)
#define kunit_info(test, fmt, ...) kunit_printk(KERN_INFO, test, fmt, ##__VA_ARGS__)
#define kunit_warn(test, fmt, ...) kunit_printk(KERN_WARNING, test, fmt, ##__VA_ARGS__)
#define kunit_err(test, fmt, ...) kunit_printk(KERN_ERR, test, fmt, ##__VA_ARGS__)

/* Skips the rest of the case (kunit_skip) or marks it skipped when it returns. */
#define kunit_mark_skipped(test_or_suite, fmt, ...)				\
	do {									\
		WRITE_ONCE((test_or_suite)->status, KUNIT_SKIPPED);		\
		scnprintf((test_or_suite)->status_comment,			\
			  KUNIT_STATUS_COMMENT_SIZE, fmt, ##__VA_ARGS__);	\
	} while (0)
#define kunit_skip(test_or_suite, fmt, ...)					\
	do {									\
		kunit_mark_skipped((test_or_suite), fmt, ##__VA_ARGS__);	\
		kunit_try_catch_throw(&((test_or_suite)->try_catch));		\
	} while (0)

#define KUNIT_SUCCEED(test) do {} while (0)

/* A failed check: builds its record and hands it to kunit_do_failed_assertion. */
#define __KUNIT_REPORT(test, type, cls, format, init, fmt, ...)		\
	do {									\
		static const struct kunit_loc __kunit_loc = KUNIT_CURRENT_LOC;	\
		const struct cls __kunit_rec = init;				\
		kunit_do_failed_assertion((test), &__kunit_loc, (type),		\
					  &__kunit_rec.assert, (format),	\
					  fmt, ##__VA_ARGS__);			\
	} while (0)

#define __KUNIT_FAIL(test, type, fmt, ...) \
	__KUNIT_REPORT(test, type, kunit_fail_assert, kunit_fail_assert_format, {}, fmt, ##__VA_ARGS__)

#define __KUNIT_UNARY(test, type, cond, truth, fmt, ...)			\
	do {									\
		if (likely(!!(cond) == !!(truth)))				\
			break;							\
		__KUNIT_REPORT(test, type, kunit_unary_assert,			\
			       kunit_unary_assert_format,			\
			       KUNIT_INIT_UNARY_ASSERT_STRUCT(#cond, truth),	\
			       fmt, ##__VA_ARGS__);				\
	} while (0)

/* Both operands are evaluated once; their values go into a record of class cls. */
#define __KUNIT_BINARY(test, type, cls, format, left, op, right, fmt, ...)	\
	do {									\
		const __typeof__(left) __kunit_l = (left);			\
		const __typeof__(right) __kunit_r = (right);			\
		static const struct kunit_binary_assert_text __kunit_text = {	\
			.operation = #op, .left_text = #left, .right_text = #right,	\
		};								\
		if (likely(__kunit_l op __kunit_r))				\
			break;							\
		__KUNIT_REPORT(test, type, cls, format,				\
			       KUNIT_INIT_BINARY_ASSERT_STRUCT(&__kunit_text,	\
							       __kunit_l, __kunit_r),	\
			       fmt, ##__VA_ARGS__);				\
	} while (0)

#define __KUNIT_INT(test, type, left, op, right, fmt, ...) \
	__KUNIT_BINARY(test, type, kunit_binary_assert, kunit_binary_assert_format, \
		       left, op, right, fmt, ##__VA_ARGS__)
#define __KUNIT_PTR(test, type, left, op, right, fmt, ...) \
	__KUNIT_BINARY(test, type, kunit_binary_ptr_assert, kunit_binary_ptr_assert_format, \
		       left, op, right, fmt, ##__VA_ARGS__)

#define __KUNIT_STR(test, type, left, op, right, fmt, ...)			\
	do {									\
		const char *__kunit_l = (left);					\
		const char *__kunit_r = (right);				\
		static const struct kunit_binary_assert_text __kunit_text = {	\
			.operation = #op, .left_text = #left, .right_text = #right,	\
		};								\
		if (likely(strcmp(__kunit_l, __kunit_r) op 0))			\
			break;							\
		__KUNIT_REPORT(test, type, kunit_binary_str_assert,		\
			       kunit_binary_str_assert_format,			\
			       KUNIT_INIT_BINARY_ASSERT_STRUCT(&__kunit_text,	\
							       __kunit_l, __kunit_r),	\
			       fmt, ##__VA_ARGS__);				\
	} while (0)

#define __KUNIT_NOT_ERR_OR_NULL(test, type, ptr, fmt, ...)			\
	do {									\
		const __typeof__(ptr) __kunit_p = (ptr);			\
		if (!IS_ERR_OR_NULL(__kunit_p))					\
			break;							\
		__KUNIT_REPORT(test, type, kunit_ptr_not_err_assert,		\
			       kunit_ptr_not_err_assert_format,			\
			       KUNIT_INIT_PTR_NOT_ERR_STRUCT(#ptr, __kunit_p),	\
			       fmt, ##__VA_ARGS__);				\
	} while (0)

/* Post-6.1 (Linux 6.2): size bytes at left and right compared with memcmp; NULL fails. */
#define __KUNIT_MEM(test, type, left, op, right, size_, fmt, ...)		\
	do {									\
		const void *__kunit_l = (left);					\
		const void *__kunit_r = (right);				\
		const size_t __kunit_n = (size_);				\
		static const struct kunit_binary_assert_text __kunit_text = {	\
			.operation = #op, .left_text = #left, .right_text = #right,	\
		};								\
		if (likely(__kunit_l && __kunit_r) &&				\
		    likely(memcmp(__kunit_l, __kunit_r, __kunit_n) op 0))	\
			break;							\
		__KUNIT_REPORT(test, type, kunit_mem_assert, kunit_mem_assert_format, \
			       KUNIT_INIT_MEM_ASSERT_STRUCT(&__kunit_text, __kunit_l,	\
							    __kunit_r, __kunit_n),	\
			       fmt, ##__VA_ARGS__);				\
	} while (0)

/* 6.1's building blocks of the checks below, under their own names (a few test files use them):
 * assert_type is KUNIT_EXPECTATION or KUNIT_ASSERTION. */
#define KUNIT_FAIL_ASSERTION(test, assert_type, fmt, ...) __KUNIT_FAIL(test, assert_type, fmt, ##__VA_ARGS__)
#define KUNIT_UNARY_ASSERTION(test, assert_type, condition, expected_true, fmt, ...) \
	__KUNIT_UNARY(test, assert_type, condition, expected_true, fmt, ##__VA_ARGS__)
#define KUNIT_TRUE_MSG_ASSERTION(test, assert_type, condition, fmt, ...) \
	KUNIT_UNARY_ASSERTION(test, assert_type, condition, true, fmt, ##__VA_ARGS__)
#define KUNIT_FALSE_MSG_ASSERTION(test, assert_type, condition, fmt, ...) \
	KUNIT_UNARY_ASSERTION(test, assert_type, condition, false, fmt, ##__VA_ARGS__)
#define KUNIT_BASE_BINARY_ASSERTION(test, assert_class, format_func, assert_type, left, op, right, fmt, ...) \
	__KUNIT_BINARY(test, assert_type, assert_class, format_func, left, op, right, fmt, ##__VA_ARGS__)
#define KUNIT_BINARY_INT_ASSERTION(test, assert_type, left, op, right, fmt, ...) \
	__KUNIT_INT(test, assert_type, left, op, right, fmt, ##__VA_ARGS__)
#define KUNIT_BINARY_PTR_ASSERTION(test, assert_type, left, op, right, fmt, ...) \
	__KUNIT_PTR(test, assert_type, left, op, right, fmt, ##__VA_ARGS__)
#define KUNIT_BINARY_STR_ASSERTION(test, assert_type, left, op, right, fmt, ...) \
	__KUNIT_STR(test, assert_type, left, op, right, fmt, ##__VA_ARGS__)
#define KUNIT_PTR_NOT_ERR_OR_NULL_MSG_ASSERTION(test, assert_type, ptr, fmt, ...) \
	__KUNIT_NOT_ERR_OR_NULL(test, assert_type, ptr, fmt, ##__VA_ARGS__)

/* Expectations: a failure marks the case failed and the case goes on. */
#define KUNIT_FAIL(test, fmt, ...) __KUNIT_FAIL(test, KUNIT_EXPECTATION, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_TRUE(test, cond) KUNIT_EXPECT_TRUE_MSG(test, cond, NULL)
#define KUNIT_EXPECT_TRUE_MSG(test, cond, fmt, ...) \
	__KUNIT_UNARY(test, KUNIT_EXPECTATION, cond, true, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_FALSE(test, cond) KUNIT_EXPECT_FALSE_MSG(test, cond, NULL)
#define KUNIT_EXPECT_FALSE_MSG(test, cond, fmt, ...) \
	__KUNIT_UNARY(test, KUNIT_EXPECTATION, cond, false, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_EQ(test, l, r) KUNIT_EXPECT_EQ_MSG(test, l, r, NULL)
#define KUNIT_EXPECT_EQ_MSG(test, l, r, fmt, ...) __KUNIT_INT(test, KUNIT_EXPECTATION, l, ==, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_NE(test, l, r) KUNIT_EXPECT_NE_MSG(test, l, r, NULL)
#define KUNIT_EXPECT_NE_MSG(test, l, r, fmt, ...) __KUNIT_INT(test, KUNIT_EXPECTATION, l, !=, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_LT(test, l, r) KUNIT_EXPECT_LT_MSG(test, l, r, NULL)
#define KUNIT_EXPECT_LT_MSG(test, l, r, fmt, ...) __KUNIT_INT(test, KUNIT_EXPECTATION, l, <, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_LE(test, l, r) KUNIT_EXPECT_LE_MSG(test, l, r, NULL)
#define KUNIT_EXPECT_LE_MSG(test, l, r, fmt, ...) __KUNIT_INT(test, KUNIT_EXPECTATION, l, <=, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_GT(test, l, r) KUNIT_EXPECT_GT_MSG(test, l, r, NULL)
#define KUNIT_EXPECT_GT_MSG(test, l, r, fmt, ...) __KUNIT_INT(test, KUNIT_EXPECTATION, l, >, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_GE(test, l, r) KUNIT_EXPECT_GE_MSG(test, l, r, NULL)
#define KUNIT_EXPECT_GE_MSG(test, l, r, fmt, ...) __KUNIT_INT(test, KUNIT_EXPECTATION, l, >=, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_PTR_EQ(test, l, r) KUNIT_EXPECT_PTR_EQ_MSG(test, l, r, NULL)
#define KUNIT_EXPECT_PTR_EQ_MSG(test, l, r, fmt, ...) __KUNIT_PTR(test, KUNIT_EXPECTATION, l, ==, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_PTR_NE(test, l, r) KUNIT_EXPECT_PTR_NE_MSG(test, l, r, NULL)
#define KUNIT_EXPECT_PTR_NE_MSG(test, l, r, fmt, ...) __KUNIT_PTR(test, KUNIT_EXPECTATION, l, !=, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_NULL(test, p) KUNIT_EXPECT_NULL_MSG(test, p, NULL)
#define KUNIT_EXPECT_NULL_MSG(test, p, fmt, ...) __KUNIT_PTR(test, KUNIT_EXPECTATION, p, ==, NULL, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_NOT_NULL(test, p) KUNIT_EXPECT_NOT_NULL_MSG(test, p, NULL)
#define KUNIT_EXPECT_NOT_NULL_MSG(test, p, fmt, ...) __KUNIT_PTR(test, KUNIT_EXPECTATION, p, !=, NULL, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_STREQ(test, l, r) KUNIT_EXPECT_STREQ_MSG(test, l, r, NULL)
#define KUNIT_EXPECT_STREQ_MSG(test, l, r, fmt, ...) __KUNIT_STR(test, KUNIT_EXPECTATION, l, ==, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_STRNEQ(test, l, r) KUNIT_EXPECT_STRNEQ_MSG(test, l, r, NULL)
#define KUNIT_EXPECT_STRNEQ_MSG(test, l, r, fmt, ...) __KUNIT_STR(test, KUNIT_EXPECTATION, l, !=, r, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_MEMEQ(test, l, r, n) KUNIT_EXPECT_MEMEQ_MSG(test, l, r, n, NULL)
#define KUNIT_EXPECT_MEMEQ_MSG(test, l, r, n, fmt, ...) \
	__KUNIT_MEM(test, KUNIT_EXPECTATION, l, ==, r, n, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_MEMNEQ(test, l, r, n) KUNIT_EXPECT_MEMNEQ_MSG(test, l, r, n, NULL)
#define KUNIT_EXPECT_MEMNEQ_MSG(test, l, r, n, fmt, ...) \
	__KUNIT_MEM(test, KUNIT_EXPECTATION, l, !=, r, n, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_NOT_ERR_OR_NULL(test, p) KUNIT_EXPECT_NOT_ERR_OR_NULL_MSG(test, p, NULL)
#define KUNIT_EXPECT_NOT_ERR_OR_NULL_MSG(test, p, fmt, ...) \
	__KUNIT_NOT_ERR_OR_NULL(test, KUNIT_EXPECTATION, p, fmt, ##__VA_ARGS__)

/* Assertions: a failure ends the case (its task), after which suite->exit still runs. */
#define KUNIT_ASSERT_FAILURE(test, fmt, ...) __KUNIT_FAIL(test, KUNIT_ASSERTION, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_TRUE(test, cond) KUNIT_ASSERT_TRUE_MSG(test, cond, NULL)
#define KUNIT_ASSERT_TRUE_MSG(test, cond, fmt, ...) \
	__KUNIT_UNARY(test, KUNIT_ASSERTION, cond, true, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_FALSE(test, cond) KUNIT_ASSERT_FALSE_MSG(test, cond, NULL)
#define KUNIT_ASSERT_FALSE_MSG(test, cond, fmt, ...) \
	__KUNIT_UNARY(test, KUNIT_ASSERTION, cond, false, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_EQ(test, l, r) KUNIT_ASSERT_EQ_MSG(test, l, r, NULL)
#define KUNIT_ASSERT_EQ_MSG(test, l, r, fmt, ...) __KUNIT_INT(test, KUNIT_ASSERTION, l, ==, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_NE(test, l, r) KUNIT_ASSERT_NE_MSG(test, l, r, NULL)
#define KUNIT_ASSERT_NE_MSG(test, l, r, fmt, ...) __KUNIT_INT(test, KUNIT_ASSERTION, l, !=, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_LT(test, l, r) KUNIT_ASSERT_LT_MSG(test, l, r, NULL)
#define KUNIT_ASSERT_LT_MSG(test, l, r, fmt, ...) __KUNIT_INT(test, KUNIT_ASSERTION, l, <, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_LE(test, l, r) KUNIT_ASSERT_LE_MSG(test, l, r, NULL)
#define KUNIT_ASSERT_LE_MSG(test, l, r, fmt, ...) __KUNIT_INT(test, KUNIT_ASSERTION, l, <=, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_GT(test, l, r) KUNIT_ASSERT_GT_MSG(test, l, r, NULL)
#define KUNIT_ASSERT_GT_MSG(test, l, r, fmt, ...) __KUNIT_INT(test, KUNIT_ASSERTION, l, >, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_GE(test, l, r) KUNIT_ASSERT_GE_MSG(test, l, r, NULL)
#define KUNIT_ASSERT_GE_MSG(test, l, r, fmt, ...) __KUNIT_INT(test, KUNIT_ASSERTION, l, >=, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_PTR_EQ(test, l, r) KUNIT_ASSERT_PTR_EQ_MSG(test, l, r, NULL)
#define KUNIT_ASSERT_PTR_EQ_MSG(test, l, r, fmt, ...) __KUNIT_PTR(test, KUNIT_ASSERTION, l, ==, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_PTR_NE(test, l, r) KUNIT_ASSERT_PTR_NE_MSG(test, l, r, NULL)
#define KUNIT_ASSERT_PTR_NE_MSG(test, l, r, fmt, ...) __KUNIT_PTR(test, KUNIT_ASSERTION, l, !=, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_NULL(test, p) KUNIT_ASSERT_NULL_MSG(test, p, NULL)
#define KUNIT_ASSERT_NULL_MSG(test, p, fmt, ...) __KUNIT_PTR(test, KUNIT_ASSERTION, p, ==, NULL, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_NOT_NULL(test, p) KUNIT_ASSERT_NOT_NULL_MSG(test, p, NULL)
#define KUNIT_ASSERT_NOT_NULL_MSG(test, p, fmt, ...) __KUNIT_PTR(test, KUNIT_ASSERTION, p, !=, NULL, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_STREQ(test, l, r) KUNIT_ASSERT_STREQ_MSG(test, l, r, NULL)
#define KUNIT_ASSERT_STREQ_MSG(test, l, r, fmt, ...) __KUNIT_STR(test, KUNIT_ASSERTION, l, ==, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_STRNEQ(test, l, r) KUNIT_ASSERT_STRNEQ_MSG(test, l, r, NULL)
#define KUNIT_ASSERT_STRNEQ_MSG(test, l, r, fmt, ...) __KUNIT_STR(test, KUNIT_ASSERTION, l, !=, r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_MEMEQ(test, l, r, n) KUNIT_ASSERT_MEMEQ_MSG(test, l, r, n, NULL)
#define KUNIT_ASSERT_MEMEQ_MSG(test, l, r, n, fmt, ...) \
	__KUNIT_MEM(test, KUNIT_ASSERTION, l, ==, r, n, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_MEMNEQ(test, l, r, n) KUNIT_ASSERT_MEMNEQ_MSG(test, l, r, n, NULL)
#define KUNIT_ASSERT_MEMNEQ_MSG(test, l, r, n, fmt, ...) \
	__KUNIT_MEM(test, KUNIT_ASSERTION, l, !=, r, n, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p) KUNIT_ASSERT_NOT_ERR_OR_NULL_MSG(test, p, NULL)
#define KUNIT_ASSERT_NOT_ERR_OR_NULL_MSG(test, p, fmt, ...) \
	__KUNIT_NOT_ERR_OR_NULL(test, KUNIT_ASSERTION, p, fmt, ##__VA_ARGS__)

/* A generator over array's elements; get_desc(elem, desc) names each (NULL: "param-N"). */
#define KUNIT_ARRAY_PARAM(name, array, get_desc)					\
	static const void *name##_gen_params(const void *prev, char *desc)		\
	{										\
		__typeof__((array)[0]) *__kunit_next =					\
			prev ? ((__typeof__(__kunit_next))prev) + 1 : (array);		\
		void (*__kunit_desc)(__typeof__(__kunit_next), char *) = (get_desc);	\
		if (__kunit_next - (array) >= (long)ARRAY_SIZE(array))			\
			return NULL;							\
		if (__kunit_desc)							\
			__kunit_desc(__kunit_next, desc);				\
		return __kunit_next;							\
	}

/* Post-6.1 (Linux 6.6): a generator over array's elements, each named by its desc_member. */
#define KUNIT_ARRAY_PARAM_DESC(name, array, desc_member)				\
	static const void *name##_gen_params(const void *prev, char *desc)		\
	{										\
		__typeof__((array)[0]) *__kunit_next =					\
			prev ? ((__typeof__(__kunit_next))prev) + 1 : (array);		\
		if (__kunit_next - (array) >= (long)ARRAY_SIZE(array))			\
			return NULL;							\
		strscpy(desc, __kunit_next->desc_member, KUNIT_PARAM_DESC_SIZE);	\
		return __kunit_next;							\
	}

#ifdef __cplusplus
extern "C" {
#endif

bool kunit_enabled(void);
/* Readies a struct kunit for a case: name, log, SUCCESS, no resources. Atomic-safe. */
void kunit_init_test(struct kunit *test, const char *name, char *log);
size_t kunit_suite_num_test_cases(struct kunit_suite *suite);
unsigned int kunit_test_case_num(struct kunit_suite *suite, struct kunit_case *test_case);
enum kunit_status kunit_suite_has_succeeded(struct kunit_suite *suite);

/* A failed check at loc: prints its report, fails the case; an assertion also ends the case's
 * task (never returns then). Called in the case's task (or a task it started). May sleep. */
void kunit_do_failed_assertion(struct kunit *test, const struct kunit_loc *loc,
			       enum kunit_assert_type type, const struct kunit_assert *assert,
			       assert_format_t assert_format, const char *fmt, ...)
	__attribute__((__format__(printf, 6, 7)));

/* Memory freed when the case ends. kunit_kfree frees one such block early. Sleep as gfp says. */
void *kunit_kmalloc_array(struct kunit *test, size_t n, size_t size, gfp_t gfp);
void kunit_kfree(struct kunit *test, const void *ptr);
/* Frees what the case still holds: the runner calls it after suite->exit. May sleep. */
void kunit_cleanup(struct kunit *test);
/* Appends to a test's log (kshim keeps none: log is NULL). Atomic-safe. */
void kunit_log_append(char *log, const char *fmt, ...) __attribute__((__format__(printf, 2, 3)));

#ifdef __cplusplus
}
#endif

static inline void *kunit_kmalloc(struct kunit *test, size_t size, gfp_t gfp)
{
	return kunit_kmalloc_array(test, 1, size, gfp);
}

static inline void *kunit_kzalloc(struct kunit *test, size_t size, gfp_t gfp)
{
	return kunit_kmalloc(test, size, gfp | __GFP_ZERO);
}

static inline void *kunit_kcalloc(struct kunit *test, size_t n, size_t size, gfp_t gfp)
{
	return kunit_kmalloc_array(test, n, size, gfp | __GFP_ZERO);
}

#include "kunit/resource.h"

#endif
