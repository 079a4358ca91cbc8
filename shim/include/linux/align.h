/* Alignment helpers: ALIGN, ALIGN_DOWN, PTR_ALIGN, PTR_ALIGN_DOWN, IS_ALIGNED (a must be a power of two). */
#ifndef _LINUX_ALIGN_H
#define _LINUX_ALIGN_H

#include "linux/const.h"

#define ALIGN(x, a)		__ALIGN_KERNEL((x), (a))
#define ALIGN_DOWN(x, a)	__ALIGN_KERNEL((x) - ((a) - 1), (a))
#define __ALIGN_MASK(x, mask)	__ALIGN_KERNEL_MASK((x), (mask))
#define PTR_ALIGN(p, a)		((__typeof__(p))ALIGN((unsigned long)(p), (a)))
#define PTR_ALIGN_DOWN(p, a)	((__typeof__(p))ALIGN_DOWN((unsigned long)(p), (a)))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)

#endif
