/* KUnit static stubs (post-6.1, Linux 6.2's <kunit/static_stub.h>): a function redirects to a case's replacement. */
#ifndef _KUNIT_STATIC_STUB_H
#define _KUNIT_STATIC_STUB_H

#include "kunit/test-bug.h"
#include "linux/compiler.h"
#include "linux/typecheck.h"

struct kunit;

#ifdef __cplusplus
extern "C" {
#endif

/* The replacement the running case set for real_fn_addr, or NULL. Atomic-safe. */
void *kunit_get_static_stub_address(struct kunit *test, void *real_fn_addr);
/* Until the case ends (or deactivation), calls of real_fn_addr that begin with
 * KUNIT_STATIC_STUB_REDIRECT go to replacement_addr. May sleep. */
void __kunit_activate_static_stub(struct kunit *test, void *real_fn_addr, void *replacement_addr);
void kunit_deactivate_static_stub(struct kunit *test, void *real_fn_addr);

#ifdef __cplusplus
}
#endif

/* The first statement of a stubbable function: in a case with a stub for it, returns the
 * stub's result for the same arguments. */
#define KUNIT_STATIC_STUB_REDIRECT(real_fn_name, args...)				\
	do {										\
		__typeof__(&real_fn_name) __kunit_repl;					\
		struct kunit *__kunit_test = kunit_get_current_test();			\
		if (likely(!__kunit_test))						\
			break;								\
		__kunit_repl = (__typeof__(&real_fn_name))				\
			kunit_get_static_stub_address(__kunit_test, (void *)&real_fn_name); \
		if (unlikely(__kunit_repl))						\
			return __kunit_repl(args);					\
	} while (0)

#define kunit_activate_static_stub(test, real_fn_addr, replacement_addr)		\
	do {										\
		typecheck_fn(__typeof__(&real_fn_addr), replacement_addr);		\
		__kunit_activate_static_stub(test, (void *)(real_fn_addr),		\
					     (void *)(replacement_addr));		\
	} while (0)

#endif
