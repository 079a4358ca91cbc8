/* UL()/ULL() suffix helpers and __is_constexpr(), on top of the uapi constants. */
#ifndef _LINUX_CONST_H
#define _LINUX_CONST_H

#include "uapi/linux/const.h"

#define UL(x)		(_UL(x))
#define ULL(x)		(_ULL(x))

/*
 * __is_constexpr(x): 1 when x is an integer constant expression, else 0, and
 * itself always a constant expression.  In C this relies on the rule that a
 * null pointer constant in a conditional takes the type of the other operand,
 * while a mere void pointer makes the result void *.  C++ has no such rule, so
 * there the compiler's constant folding has to stand in.
 */
#ifndef __cplusplus
#define __is_constexpr(x) \
	(sizeof(int) == sizeof(*(8 ? ((void *)((long)(x) * 0l)) : (int *)8)))
#else
#define __is_constexpr(x) (__builtin_constant_p(x) ? 1 : 0)
#endif

#endif
