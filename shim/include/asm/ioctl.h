/* x86's ioctl numbering is the generic one. */
#include "asm-generic/ioctl.h"
