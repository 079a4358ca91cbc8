/* Integer rounding and division helpers: DIV_ROUND_UP, roundup, round_up, mult_frac, abs, ... */
#ifndef _LINUX_MATH_H
#define _LINUX_MATH_H

#include "linux/types.h"
#include "uapi/linux/const.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/compiler.h"
#include "linux/const.h"
#endif

/* round_up/round_down: y must be a power of two. */
#define __round_mask(x, y)	((__typeof__(x))((y) - 1))
#define round_up(x, y)		((((x) - 1) | __round_mask(x, y)) + 1)
#define round_down(x, y)	((x) & ~__round_mask(x, y))

#define DIV_ROUND_UP		__KERNEL_DIV_ROUND_UP
#define DIV_ROUND_DOWN_ULL(ll, d) \
	({ unsigned long long __kshim_dr = (ll); __kshim_dr /= (d); __kshim_dr; })
#define DIV_ROUND_UP_ULL(ll, d) \
	DIV_ROUND_DOWN_ULL((unsigned long long)(ll) + (d) - 1, (d))

/* roundup/rounddown: any positive y, not only powers of two. */
#define roundup(x, y)							\
	({								\
		__typeof__(y) __kshim_ru_y = (y);			\
		(((x) + (__kshim_ru_y - 1)) / __kshim_ru_y) * __kshim_ru_y; \
	})
#define rounddown(x, y)							\
	({								\
		__typeof__(x) __kshim_rd_x = (x);			\
		__kshim_rd_x - (__kshim_rd_x % (y));			\
	})

/*
 * Divide, rounding to the nearest integer (halves away from zero).  Signed
 * operands of opposite sign round the other way; unsigned ones never do.
 */
#define DIV_ROUND_CLOSEST(x, divisor)					\
	({								\
		__typeof__(x) __kshim_dc_x = (x);			\
		__typeof__(divisor) __kshim_dc_d = (divisor);		\
		(((__typeof__(x))-1) > 0 ||				\
		 ((__typeof__(divisor))-1) > 0 ||			\
		 ((__kshim_dc_x > 0) == (__kshim_dc_d > 0))) ?		\
			((__kshim_dc_x + (__kshim_dc_d / 2)) / __kshim_dc_d) : \
			((__kshim_dc_x - (__kshim_dc_d / 2)) / __kshim_dc_d); \
	})

#define DIV_ROUND_CLOSEST_ULL(x, divisor)				\
	({								\
		__typeof__(divisor) __kshim_dcu_d = (divisor);		\
		unsigned long long __kshim_dcu_x = (x) + __kshim_dcu_d / 2; \
		__kshim_dcu_x /= __kshim_dcu_d;				\
		__kshim_dcu_x;						\
	})

/* x * numer / denom without overflowing the intermediate product as easily. */
#define mult_frac(x, numer, denom)					\
	({								\
		__typeof__(x) __kshim_mf_q = (x) / (denom);		\
		__typeof__(x) __kshim_mf_r = (x) % (denom);		\
		(__kshim_mf_q * (numer)) + ((__kshim_mf_r * (numer)) / (denom)); \
	})

#define sector_div(a, b) ({ u32 __kshim_sd_r = (u32)((a) % (b)); (a) /= (b); __kshim_sd_r; })

/*
 * abs(x): absolute value as the signed type of x's width.  As with min/max,
 * C++ code gets it only on request (it would clash with ::abs).
 */
#ifndef __cplusplus
#define __kshim_abs_type(x)						\
	__typeof__(_Generic((x),					\
		char: (signed char)0, signed char: (signed char)0,	\
		unsigned char: (signed char)0,				\
		short: (short)0, unsigned short: (short)0,		\
		int: 0, unsigned int: 0,				\
		long: 0L, unsigned long: 0L,				\
		long long: 0LL, unsigned long long: 0LL))
#define abs(x)								\
	({								\
		__kshim_abs_type(x) __kshim_abs_v = (__kshim_abs_type(x))(x); \
		__kshim_abs_v < 0 ? -__kshim_abs_v : __kshim_abs_v;	\
	})
#elif defined(__KERNEL__) || defined(KSHIM_CXX_MINMAX)
#define abs(x)								\
	({								\
		auto __kshim_abs_v = (x);				\
		__kshim_abs_v < 0 ? -__kshim_abs_v : __kshim_abs_v;	\
	})
#endif

/* abs_diff(a, b): |a - b| without signed overflow. */
#define abs_diff(a, b)							\
	({								\
		__typeof__(a) __kshim_ad_a = (a);			\
		__typeof__(b) __kshim_ad_b = (b);			\
		__kshim_ad_a > __kshim_ad_b ? __kshim_ad_a - __kshim_ad_b : \
					      __kshim_ad_b - __kshim_ad_a; \
	})

/* Scale a 32-bit value (e.g. a hash) into [0, ep_ro) without division. */
static inline u32 reciprocal_scale(u32 val, u32 ep_ro)
{
	return (u32)(((u64)val * ep_ro) >> 32);
}

#ifdef __cplusplus
extern "C" {
#endif

unsigned long int_sqrt(unsigned long x);
u32 int_sqrt64(u64 x);

#ifdef __cplusplus
}
#endif

#endif
