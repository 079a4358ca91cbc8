/* Overflow-checked arithmetic (check_add_overflow, ...) and saturating allocation sizes (struct_size, ...). */
#ifndef _LINUX_OVERFLOW_H
#define _LINUX_OVERFLOW_H

#include "linux/compiler.h"
#include "linux/const.h"
#include "linux/types.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/limits.h"
#endif

#define is_signed_type(type)	(((type)(-1)) < (type)1)
#define __type_half_max(type)	((type)1 << (8 * sizeof(type) - 1 - is_signed_type(type)))
#define type_max(T)		((T)((__type_half_max(T) - 1) + __type_half_max(T)))
#define type_min(T)		((T)((T)-type_max(T) - (T)1))

static inline bool __must_check __must_check_overflow(bool overflow)
{
	return unlikely(overflow);
}

/*
 * check_{add,sub,mul}_overflow(a, b, d): store a op b in *d (wrapped to
 * *d's type) and return true when the exact result did not fit.  Mixed
 * argument types are allowed, as in Linux 6.1.
 */
#define check_add_overflow(a, b, d) \
	__must_check_overflow(__builtin_add_overflow(a, b, d))
#define check_sub_overflow(a, b, d) \
	__must_check_overflow(__builtin_sub_overflow(a, b, d))
#define check_mul_overflow(a, b, d) \
	__must_check_overflow(__builtin_mul_overflow(a, b, d))

/* Sign tests written so that unsigned operands draw no -Wtype-limits warning. */
#define __kshim_is_non_negative(a)	((a) > 0 || (a) == 0)
#define __kshim_is_negative(a)		(!(__kshim_is_non_negative(a)))

/*
 * check_shl_overflow(a, s, d): *d = a << s; true when s is negative or too
 * wide for *d, when a or the result is negative, or when bits were lost.
 */
#define check_shl_overflow(a, s, d)						\
	__must_check_overflow(({						\
		__typeof__(a) __kshim_shl_a = (a);				\
		__typeof__(s) __kshim_shl_s = (s);				\
		__typeof__(d) __kshim_shl_d = (d);				\
		u64 __kshim_shl_full = (u64)__kshim_shl_a;			\
		unsigned int __kshim_shl_n =					\
			(__kshim_is_non_negative(__kshim_shl_s) &&		\
			 (u64)__kshim_shl_s < 8 * sizeof(*__kshim_shl_d)) ?	\
			(unsigned int)__kshim_shl_s : 0;			\
		*__kshim_shl_d = (__typeof__(*__kshim_shl_d))(__kshim_shl_full << __kshim_shl_n); \
		((u64)__kshim_shl_n != (u64)__kshim_shl_s ||			\
		 __kshim_is_negative(*__kshim_shl_d) ||				\
		 __kshim_is_negative(__kshim_shl_a) ||				\
		 (u64)(*__kshim_shl_d >> __kshim_shl_n) != __kshim_shl_full);	\
	}))

/* size_t arithmetic that saturates at SIZE_MAX instead of wrapping. */
static inline size_t __must_check size_mul(size_t factor1, size_t factor2)
{
	size_t bytes;

	if (check_mul_overflow(factor1, factor2, &bytes))
		return (size_t)-1;
	return bytes;
}

static inline size_t __must_check size_add(size_t addend1, size_t addend2)
{
	size_t bytes;

	if (check_add_overflow(addend1, addend2, &bytes))
		return (size_t)-1;
	return bytes;
}

static inline size_t __must_check size_sub(size_t minuend, size_t subtrahend)
{
	size_t bytes;

	if (minuend == (size_t)-1 || subtrahend == (size_t)-1 ||
	    check_sub_overflow(minuend, subtrahend, &bytes))
		return (size_t)-1;
	return bytes;
}

#define array_size(a, b)	size_mul(a, b)
#define array3_size(a, b, c)	size_mul(size_mul(a, b), c)

/* Bytes for count elements of the flexible array member of *p. */
#define flex_array_size(p, member, count)					\
	size_mul(count, sizeof(*(p)->member))

/* Bytes for *p plus count elements of its flexible array member, saturating. */
#define struct_size(p, member, count)						\
	size_add(sizeof(*(p)), flex_array_size(p, member, count))

#endif
