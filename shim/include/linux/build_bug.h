/* Compile-time assertions: BUILD_BUG_ON(), BUILD_BUG_ON_ZERO(), BUILD_BUG(), static_assert() for C. */
#ifndef _LINUX_BUILD_BUG_H
#define _LINUX_BUILD_BUG_H

#include "linux/compiler.h"

/*
 * BUILD_BUG_ON_ZERO(e): an int expression worth 0 that fails to compile when
 * the constant e is non-zero.  C uses a negative-width bit-field; C++ cannot
 * declare a type inside sizeof, so it uses a negative array bound instead.
 */
#ifndef __cplusplus
#define BUILD_BUG_ON_ZERO(e)	((int)(sizeof(struct { int:(-!!(e)); })))
#else
#define BUILD_BUG_ON_ZERO(e)	(0 * (int)sizeof(char[1 - 2 * !!(e)]))
#endif

/*
 * __kshim_compiletime_assert: when the condition is known to the compiler
 * (directly, or after inlining and constant propagation) and is false, the
 * call to an error-attributed function survives and stops the build.
 */
#define __kshim_compiletime_assert(condition, msg, id)				\
	do {									\
		extern void id(void) __attribute__((__error__(msg)));		\
		if (__builtin_constant_p(!(condition)) && !(condition))		\
			id();							\
	} while (0)

#define compiletime_assert(condition, msg) \
	__kshim_compiletime_assert(condition, msg, __UNIQUE_ID(__kshim_compiletime_assert_))

#define BUILD_BUG_ON_MSG(cond, msg)	compiletime_assert(!(cond), msg)
#define BUILD_BUG_ON(condition) \
	BUILD_BUG_ON_MSG(condition, "BUILD_BUG_ON failed: " #condition)
/* Also true of 0 (bitfield.h's contiguous-mask check relies on it). */
#define __BUILD_BUG_ON_NOT_POWER_OF_2(n) \
	BUILD_BUG_ON(((n) & ((n) - 1)) != 0)
#define BUILD_BUG_ON_NOT_POWER_OF_2(n) \
	BUILD_BUG_ON((n) == 0 || (((n) & ((n) - 1)) != 0))
#define BUILD_BUG_ON_INVALID(e)		((void)(sizeof((long)(e))))
#define BUILD_BUG_ON_MEMBER_INVALID(e)	BUILD_BUG_ON_INVALID(e)

/* Reaching a BUILD_BUG() that the optimiser cannot prove dead fails the build. */
#define BUILD_BUG()							\
	do {								\
		extern void __kshim_build_bug_reached(void)		\
			__attribute__((__error__("BUILD_BUG failed")));	\
		__kshim_build_bug_reached();				\
	} while (0)

/* static_assert(expr) or static_assert(expr, msg); C++ has it as a keyword already. */
#ifndef __cplusplus
#undef static_assert
#define static_assert(expr, ...)	__kshim_static_assert(expr, ##__VA_ARGS__, #expr)
#define __kshim_static_assert(expr, msg, ...)	_Static_assert(expr, msg)
#endif

#define ASSERT_STRUCT_OFFSET(type, field, expected_offset)			\
	BUILD_BUG_ON_MSG(offsetof(type, field) != (expected_offset),		\
			 "Offset of " #field " in " #type " has changed.")

#endif
