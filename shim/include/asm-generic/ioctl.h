/* The kernel's ioctl numbering: the uapi macros plus a compile-time check of the size argument. */
#ifndef _ASM_GENERIC_IOCTL_H
#define _ASM_GENERIC_IOCTL_H

#include "uapi/asm-generic/ioctl.h"

#ifdef __KERNEL__
/* A size argument that is an array or does not fit in 14 bits names this undefined object. */
#ifdef __cplusplus
extern "C" {
#endif
extern unsigned int __invalid_size_argument_for_IOC;
#ifdef __cplusplus
}
#endif
#define _IOC_TYPECHECK(t) \
	((sizeof(t) == sizeof(t[1]) && sizeof(t) < (1 << _IOC_SIZEBITS)) ? \
	 sizeof(t) : __invalid_size_argument_for_IOC)
#endif

#endif
