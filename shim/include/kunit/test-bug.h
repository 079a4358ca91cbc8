/* KUnit from code under test (Linux 6.1's <kunit/test-bug.h>, with 6.2's kunit_get_current_test): fail the running case. */
#ifndef _KUNIT_TEST_BUG_H
#define _KUNIT_TEST_BUG_H

struct kunit;

#ifdef __cplusplus
extern "C" {
#endif

/* The case whose task is running, or NULL outside KUnit cases (post-6.1). Atomic-safe. */
struct kunit *kunit_get_current_test(void);
/* Fails the running case with "FILE:LINE: message" (nothing outside a case). Atomic-safe. */
void __kunit_fail_current_test(const char *file, int line, const char *fmt, ...)
	__attribute__((__format__(printf, 3, 4)));

#ifdef __cplusplus
}
#endif

#define kunit_fail_current_test(fmt, ...) \
	__kunit_fail_current_test(__FILE__, __LINE__, fmt, ##__VA_ARGS__)

#endif
