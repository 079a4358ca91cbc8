/* min()/max()/clamp() with the kernel's type checking, and the _t/_val/3/swap variants. */
#ifndef _LINUX_MINMAX_H
#define _LINUX_MINMAX_H

#include "linux/const.h"
#include "linux/compiler_types.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/build_bug.h"
#endif

/*
 * In C, min(a, b) warns ("comparison of distinct pointer types") when a and
 * b have different types, evaluates each argument once, and stays an integer
 * constant expression when both arguments are.  C++ has neither
 * __builtin_choose_expr nor the pointer-comparison warning, so there the
 * single-evaluation form is always used and no type check is made.
 */
#define __kshim_cmp(x, y, op)	((x) op (y) ? (x) : (y))

#define __kshim_cmp_once(x, y, ux, uy, op)	\
	({					\
		__typeof__(x) ux = (x);		\
		__typeof__(y) uy = (y);		\
		__kshim_cmp(ux, uy, op);	\
	})

#ifndef __cplusplus
#define __typecheck(x, y) \
	(!!(sizeof((__typeof__(x) *)1 == (__typeof__(y) *)1)))
#define __no_side_effects(x, y)	(__is_constexpr(x) && __is_constexpr(y))
#define __safe_cmp(x, y)	(__typecheck(x, y) && __no_side_effects(x, y))
#define __careful_cmp(x, y, op)						\
	__builtin_choose_expr(__safe_cmp(x, y),				\
		__kshim_cmp(x, y, op),					\
		__kshim_cmp_once(x, y, __UNIQUE_ID(__x), __UNIQUE_ID(__y), op))
#else
#define __careful_cmp(x, y, op) \
	__kshim_cmp_once(x, y, __UNIQUE_ID(__x), __UNIQUE_ID(__y), op)
#endif

/*
 * min, max, clamp, swap and abs collide with the C++ standard library
 * (std::min, std::swap, ::abs, ...).  C always gets them; C++ code gets them
 * only when it asks with KSHIM_CXX_MINMAX (or builds as __KERNEL__), and must
 * then include its standard headers first.
 */
#if !defined(__cplusplus) || defined(__KERNEL__) || defined(KSHIM_CXX_MINMAX)
#define __KSHIM_WANT_MINMAX 1
#endif

#ifdef __KSHIM_WANT_MINMAX
#define min(x, y)	__careful_cmp(x, y, <)
#define max(x, y)	__careful_cmp(x, y, >)
#define clamp(val, lo, hi)	min((__typeof__(val))max(val, lo), hi)

/* Exchange two lvalues of the same type. */
#define swap(a, b)						\
	do {							\
		__typeof__(a) __kshim_swap_tmp = (a);		\
		(a) = (b);					\
		(b) = __kshim_swap_tmp;				\
	} while (0)
#endif

#define min3(x, y, z)	__careful_cmp((__typeof__(x))__careful_cmp(x, y, <), z, <)
#define max3(x, y, z)	__careful_cmp((__typeof__(x))__careful_cmp(x, y, >), z, >)

/* The smaller of two values, ignoring zeroes (0 only when both are 0). */
#define min_not_zero(x, y)						\
	({								\
		__typeof__(x) __kshim_mnz_x = (x);			\
		__typeof__(y) __kshim_mnz_y = (y);			\
		__kshim_mnz_x == 0 ? __kshim_mnz_y :			\
		((__kshim_mnz_y == 0) ? __kshim_mnz_x :			\
		 __careful_cmp(__kshim_mnz_x, __kshim_mnz_y, <));	\
	})

/* Compare after converting both sides to type; no type check. */
#define min_t(type, x, y)	__careful_cmp((type)(x), (type)(y), <)
#define max_t(type, x, y)	__careful_cmp((type)(x), (type)(y), >)
#define clamp_t(type, val, lo, hi) \
	min_t(type, max_t(type, val, lo), hi)
#define clamp_val(val, lo, hi)	clamp_t(__typeof__(val), val, lo, hi)

#endif
