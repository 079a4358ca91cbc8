/* x86 is little-endian: pulls in the little-endian byte-order layer. */
#ifndef _ASM_X86_BYTEORDER_H
#define _ASM_X86_BYTEORDER_H

#include "linux/byteorder/little_endian.h"

#endif
