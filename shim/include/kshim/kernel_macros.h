/* Old name of kshim/internal/kernel_macros.h (ARRAY_SIZE and friends without all of linux/kernel.h). */
#ifndef _KSHIM_KERNEL_MACROS_H
#define _KSHIM_KERNEL_MACROS_H

#include "kshim/internal/kernel_macros.h"

#endif
