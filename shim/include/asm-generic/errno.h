/* Forwards to the uapi error numbers, as the kernel's asm-generic header does. */
#include "uapi/asm-generic/errno.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "uapi/asm-generic/errno-base.h"
#endif
