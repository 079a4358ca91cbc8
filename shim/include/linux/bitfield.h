/* Bit fields of registers (Linux 6.1's <linux/bitfield.h>): FIELD_PREP/GET/FIT/MAX and the {u,le,be}N_{encode,get,replace}_bits helpers. */
#ifndef _LINUX_BITFIELD_H
#define _LINUX_BITFIELD_H

#include "linux/build_bug.h"
#include "asm/byteorder.h"

/* A mask's lowest set bit: the shift of its field. */
#define __bf_shf(x) __builtin_ctzll(x)

/* The unsigned type of x's width (x's own type for other types). */
#ifdef __cplusplus
template <typename T> struct __kshim_bf_unsigned { typedef T type; };
template <typename T> struct __kshim_bf_unsigned<const T> : __kshim_bf_unsigned<T> {};
template <typename T> struct __kshim_bf_unsigned<volatile T> : __kshim_bf_unsigned<T> {};
template <> struct __kshim_bf_unsigned<char> { typedef unsigned char type; };
template <> struct __kshim_bf_unsigned<signed char> { typedef unsigned char type; };
template <> struct __kshim_bf_unsigned<short> { typedef unsigned short type; };
template <> struct __kshim_bf_unsigned<int> { typedef unsigned int type; };
template <> struct __kshim_bf_unsigned<long> { typedef unsigned long type; };
template <> struct __kshim_bf_unsigned<long long> { typedef unsigned long long type; };
#define __unsigned_scalar_typeof(x) __kshim_bf_unsigned<__typeof__(x)>::type
#else
#define __kshim_bf_unsigned_case(type) \
	unsigned type: (unsigned type)0, signed type: (unsigned type)0
#define __unsigned_scalar_typeof(x)						\
	__typeof__(_Generic((x),						\
		char: (unsigned char)0,						\
		__kshim_bf_unsigned_case(char),					\
		__kshim_bf_unsigned_case(short),				\
		__kshim_bf_unsigned_case(int),					\
		__kshim_bf_unsigned_case(long),					\
		__kshim_bf_unsigned_case(long long),				\
		default: (x)))
#endif
#define __bf_cast_unsigned(type, x) ((__unsigned_scalar_typeof(type))(x))

/* The build-time checks: a constant, non-zero, contiguous mask that fits reg, and a value that fits it. */
#define __BF_FIELD_CHECK(_mask, _reg, _val, _pfx)				\
	({									\
		BUILD_BUG_ON_MSG(!__builtin_constant_p(_mask),			\
				 _pfx "mask is not constant");			\
		BUILD_BUG_ON_MSG((_mask) == 0, _pfx "mask is zero");		\
		BUILD_BUG_ON_MSG(__builtin_constant_p(_val) ?			\
				 ~((_mask) >> __bf_shf(_mask)) & (_val) : 0,	\
				 _pfx "value too large for the field");		\
		BUILD_BUG_ON_MSG(__bf_cast_unsigned(_mask, _mask) >		\
				 __bf_cast_unsigned(_reg, ~0ull),		\
				 _pfx "type of reg too small for mask");	\
		__BUILD_BUG_ON_NOT_POWER_OF_2((_mask) +				\
					      (1ULL << __bf_shf(_mask)));	\
	})

/* The largest value the field holds. */
#define FIELD_MAX(_mask)							\
	({									\
		__BF_FIELD_CHECK(_mask, 0ULL, 0ULL, "FIELD_MAX: ");		\
		(__typeof__(_mask))((_mask) >> __bf_shf(_mask));		\
	})

/* Whether _val fits the field. */
#define FIELD_FIT(_mask, _val)							\
	({									\
		__BF_FIELD_CHECK(_mask, 0ULL, 0ULL, "FIELD_FIT: ");		\
		!((((__typeof__(_mask))_val) << __bf_shf(_mask)) & ~(_mask));	\
	})

/* _val shifted into the field (bits outside it dropped). */
#define FIELD_PREP(_mask, _val)							\
	({									\
		__BF_FIELD_CHECK(_mask, 0ULL, _val, "FIELD_PREP: ");		\
		((__typeof__(_mask))(_val) << __bf_shf(_mask)) & (_mask);	\
	})

/* The field's value in _reg. */
#define FIELD_GET(_mask, _reg)							\
	({									\
		__BF_FIELD_CHECK(_mask, _reg, 0U, "FIELD_GET: ");		\
		(__typeof__(_mask))(((_reg) & (_mask)) >> __bf_shf(_mask));	\
	})

#ifdef __cplusplus
extern "C" {
#endif
/* Never defined: a call that survives optimisation is a build error. */
extern void __attribute__((__error__("value doesn't fit into mask"))) __field_overflow(void);
extern void __attribute__((__error__("bad bitfield mask"))) __bad_mask(void);
#ifdef __cplusplus
}
#endif

/* The field's lowest bit as a multiplier; a mask that is not contiguous stops the build. */
static __always_inline u64 field_multiplier(u64 field)
{
	if ((field | (field - 1)) & ((field | (field - 1)) + 1))
		__bad_mask();
	return field & -field;
}

static __always_inline u64 field_mask(u64 field)
{
	return field / field_multiplier(field);
}

#define field_max(field) ((__typeof__(field))field_mask(field))

/* TYPE_encode_bits, TYPE_replace_bits, TYPEp_replace_bits, TYPE_get_bits for one storage type. */
#define ____MAKE_OP(type, base, to, from)					\
static __always_inline __##type type##_encode_bits(base v, base field)		\
{										\
	if (__builtin_constant_p(v) && (v & ~field_mask(field)))		\
		__field_overflow();						\
	return to((base)((v & field_mask(field)) * field_multiplier(field)));	\
}										\
static __always_inline __##type type##_replace_bits(__##type old, base val, base field) \
{										\
	return (old & ~to(field)) | type##_encode_bits(val, field);		\
}										\
static __always_inline void type##p_replace_bits(__##type *p, base val, base field) \
{										\
	*p = (*p & ~to(field)) | type##_encode_bits(val, field);		\
}										\
static __always_inline base type##_get_bits(__##type v, base field)		\
{										\
	return (base)((from(v) & field) / field_multiplier(field));		\
}

#define __MAKE_OP(size)								\
	____MAKE_OP(le##size, u##size, cpu_to_le##size, le##size##_to_cpu)	\
	____MAKE_OP(be##size, u##size, cpu_to_be##size, be##size##_to_cpu)	\
	____MAKE_OP(u##size, u##size, , )
____MAKE_OP(u8, u8, , )
__MAKE_OP(16)
__MAKE_OP(32)
__MAKE_OP(64)
#undef __MAKE_OP
#undef ____MAKE_OP

#endif
