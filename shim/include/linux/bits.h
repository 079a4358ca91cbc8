/* Single bits and contiguous masks: BIT(), BIT_ULL(), BIT_MASK(), BIT_WORD(), GENMASK(). */
#ifndef _LINUX_BITS_H
#define _LINUX_BITS_H

#include "linux/const.h"
#include "asm/bitsperlong.h"
#include "linux/build_bug.h"

#define BIT(nr)			(UL(1) << (nr))
#define BIT_ULL(nr)		(ULL(1) << (nr))
#define BIT_MASK(nr)		(UL(1) << ((nr) % BITS_PER_LONG))
#define BIT_WORD(nr)		((nr) / BITS_PER_LONG)
#define BIT_ULL_MASK(nr)	(ULL(1) << ((nr) % BITS_PER_LONG_LONG))
#define BIT_ULL_WORD(nr)	((nr) / BITS_PER_LONG_LONG)
#define BITS_PER_BYTE		8

/* GENMASK(h, l): bits l..h set.  In C, constant h < l is a build error. */
#ifndef __cplusplus
#define GENMASK_INPUT_CHECK(h, l)					\
	(BUILD_BUG_ON_ZERO(__builtin_choose_expr(			\
		__is_constexpr((l) > (h)), (l) > (h), 0)))
#else
#define GENMASK_INPUT_CHECK(h, l) 0
#endif

#define __GENMASK(h, l)							\
	(((~UL(0)) - (UL(1) << (l)) + 1) &				\
	 (~UL(0) >> (BITS_PER_LONG - 1 - (h))))
#define GENMASK(h, l)		(GENMASK_INPUT_CHECK(h, l) + __GENMASK(h, l))

#define __GENMASK_ULL(h, l)						\
	(((~ULL(0)) - (ULL(1) << (l)) + 1) &				\
	 (~ULL(0) >> (BITS_PER_LONG_LONG - 1 - (h))))
#define GENMASK_ULL(h, l)	(GENMASK_INPUT_CHECK(h, l) + __GENMASK_ULL(h, l))

#endif
