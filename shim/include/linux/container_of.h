/* container_of(): from a pointer to a member back to the structure that embeds it. */
#ifndef _LINUX_CONTAINER_OF_H
#define _LINUX_CONTAINER_OF_H

#include "linux/build_bug.h"
#include "linux/stddef.h"
#include "linux/err.h"

/*
 * In C the member's type is checked against *ptr (void pointers are let
 * through, as in Linux); C++ has no __builtin_types_compatible_p, so there the
 * check is left to the compiler's usual pointer conversion rules.
 */
#ifndef __cplusplus
#define __kshim_container_of_check(ptr, type, member)				\
	_Static_assert(__same_type(*(ptr), ((type *)0)->member) ||		\
		       __same_type(*(ptr), void),				\
		       "pointer type mismatch in container_of()")
#else
#define __kshim_container_of_check(ptr, type, member) ((void)0)
#endif

#define container_of(ptr, type, member)						\
	({									\
		char *__kshim_mptr = (char *)(ptr);				\
		__kshim_container_of_check(ptr, type, member);			\
		((type *)(__kshim_mptr - offsetof(type, member)));		\
	})

/* Like container_of(), but keeps const when ptr points to const. */
#ifndef __cplusplus
#define container_of_const(ptr, type, member)					\
	_Generic(ptr,								\
		const __typeof__(*(ptr)) *: ((const type *)container_of(ptr, type, member)), \
		default: ((type *)container_of(ptr, type, member)))
#else
#define container_of_const(ptr, type, member) container_of(ptr, type, member)
#endif

#define container_of_safe(ptr, type, member)					\
	({									\
		void *__kshim_mptr_s = (void *)(ptr);				\
		IS_ERR_OR_NULL(__kshim_mptr_s) ? (type *)ERR_CAST(__kshim_mptr_s) : \
			container_of(ptr, type, member);			\
	})

#endif
