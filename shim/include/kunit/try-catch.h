/* KUnit's try-catch (Linux 6.1's <kunit/try-catch.h>): a case runs in a kernel task an assertion can end. */
#ifndef _KUNIT_TRY_CATCH_H
#define _KUNIT_TRY_CATCH_H

#include "linux/types.h"

typedef void (*kunit_try_catch_func_t)(void *);

struct completion;
struct kunit;

/* A function run in a kthread that kunit_try_catch_throw can end (each case's, and kunit_try_catch_run's). */
struct kunit_try_catch {
	struct kunit *test;
	struct completion *try_completion;	/* unused by kshim: the caller waits on the task */
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

/* Runs try_catch->try(context) in a new kthread and waits for it (300 s at most); if it threw,
 * died or timed out, try_catch->catch(context) runs in the caller. Set test, try and catch
 * first (lib/kunit/try-catch-impl.h's kunit_try_catch_init). May sleep. */
void kunit_try_catch_run(struct kunit_try_catch *try_catch, void *context);
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
