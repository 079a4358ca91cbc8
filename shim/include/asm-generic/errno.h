/* Forwards to the uapi error numbers, as the kernel's asm-generic header does. */
#include "uapi/asm-generic/errno.h"
