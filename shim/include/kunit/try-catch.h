/* KUnit's try-catch (Linux 6.1's <kunit/try-catch.h>): a case runs in a kernel task an assertion can end. */
#ifndef _KUNIT_TRY_CATCH_H
#define _KUNIT_TRY_CATCH_H

#include "linux/types.h"

typedef void (*kunit_try_catch_func_t)(void *);

struct completion;
struct kunit;

/* One case's run: filled in by kshim's runner; kunit_try_catch_throw ends the running task. */
struct kunit_try_catch {
	struct kunit *test;
	struct completion *try_completion;	/* unused by kshim: the runner waits on the task */
	int try_result;				/* 0, -EFAULT (thrown) or -ETIMEDOUT */
#ifdef __cplusplus	/* the same fields, named apart from C++'s keywords */
	kunit_try_catch_func_t try_fn;
	kunit_try_catch_func_t catch_fn;
#else
	kunit_try_catch_func_t try;
	kunit_try_catch_func_t catch;
#endif
	void *context;
};

#ifdef __cplusplus
extern "C" {
#endif

/* Ends the current case's task (an assertion failed, or kunit_skip). Never returns. */
void __attribute__((__noreturn__)) kunit_try_catch_throw(struct kunit_try_catch *try_catch);

#ifdef __cplusplus
}
#endif

static inline int kunit_try_catch_get_result(struct kunit_try_catch *try_catch)
{
	return try_catch->try_result;
}

#endif
