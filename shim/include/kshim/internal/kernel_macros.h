/* The pure-macro part of <linux/kernel.h> (ARRAY_SIZE, upper_32_bits, ...), part of the C surface. */
#ifndef _KSHIM_INTERNAL_KERNEL_MACROS_H
#define _KSHIM_INTERNAL_KERNEL_MACROS_H

#include "linux/types.h"
#include "linux/compiler.h"
#include "linux/const.h"
#include "linux/stddef.h"
#include "linux/build_bug.h"
#include "linux/container_of.h"
#include "linux/typecheck.h"
#include "linux/align.h"
#include "linux/bitops.h"
#include "linux/log2.h"
#include "linux/math.h"
#include "linux/minmax.h"

/*
 * ARRAY_SIZE(arr): element count of a true array.  In C, passing a pointer
 * is a build error (an array and &arr[0] have different types); C++ has no
 * __builtin_types_compatible_p, so there it is unchecked.
 */
#ifndef __cplusplus
#define __kshim_must_be_array(a)	BUILD_BUG_ON_ZERO(__same_type((a), &(a)[0]))
#else
#define __kshim_must_be_array(a)	0
#endif
#define ARRAY_SIZE(arr)	(sizeof(arr) / sizeof((arr)[0]) + __kshim_must_be_array(arr))

/* Removed from Linux in 5.5 (sizeof_field() replaced it); kept for older module sources. */
#define FIELD_SIZEOF(t, f)	sizeof_field(t, f)

/* Split 64-bit values; the double shift keeps 32-bit arguments warning-free. */
#define upper_32_bits(n)	((u32)(((n) >> 16) >> 16))
#define lower_32_bits(n)	((u32)((n) & 0xffffffff))
#define upper_16_bits(n)	((u16)((n) >> 16))
#define lower_16_bits(n)	((u16)((n) & 0xffff))

/* An ioctl-style u64 turned back into a user pointer. */
#define u64_to_user_ptr(x)						\
	({								\
		typecheck(u64, (x));					\
		(void __user *)(uintptr_t)(x);				\
	})

/* Type of a struct member, from the struct type. */
#define typeof_member(T, m)	__typeof__(((T *)0)->m)

/* x when cond is true, NULL otherwise (keeps x's pointer type). */
#define PTR_IF(cond, ptr)	((cond) ? (ptr) : NULL)

/* Token pasting; glibc's <sys/cdefs.h> has the same __CONCAT, so keep whichever came first. */
#ifndef __CONCAT
#define __CONCAT(a, b)	a ## b
#endif
#define CONCATENATE(a, b) __CONCAT(a, b)

#endif
