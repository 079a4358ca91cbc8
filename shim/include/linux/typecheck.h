/* typecheck()/typecheck_fn(): make the compiler complain when a value has an unexpected type. */
#ifndef _LINUX_TYPECHECK_H
#define _LINUX_TYPECHECK_H

/* Comparing pointers to distinct types warns in C (and is an error in C++). */
#define typecheck(type, x)					\
	({							\
		type __kshim_tc_want;				\
		__typeof__(x) __kshim_tc_have;			\
		(void)(&__kshim_tc_want == &__kshim_tc_have);	\
		1;						\
	})

#define typecheck_fn(type, function)				\
	({							\
		__typeof__(type) __kshim_tc_fn = function;	\
		(void)__kshim_tc_fn;				\
	})

#define typecheck_pointer(x)					\
	({							\
		__typeof__(x) __kshim_tc_ptr;			\
		(void)sizeof(*__kshim_tc_ptr);			\
		1;						\
	})

#endif
