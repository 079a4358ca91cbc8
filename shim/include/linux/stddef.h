/* NULL, offsetof, true/false and the other stddef-level names, without libc. */
#ifndef _LINUX_STDDEF_H
#define _LINUX_STDDEF_H

#include "linux/compiler_types.h"

#undef NULL
#ifdef __cplusplus
#define NULL nullptr
#else
#define NULL ((void *)0)
#endif

#ifndef __cplusplus
enum {
	false	= 0,
	true	= 1
};
#endif

#undef offsetof
#define offsetof(TYPE, MEMBER)	__builtin_offsetof(TYPE, MEMBER)
#define sizeof_field(TYPE, MEMBER) sizeof((((TYPE *)0)->MEMBER))
#define offsetofend(TYPE, MEMBER) (offsetof(TYPE, MEMBER) + sizeof_field(TYPE, MEMBER))

#endif
