/* x86's errno header: the generic numbers. */
#include "uapi/asm-generic/errno.h"
