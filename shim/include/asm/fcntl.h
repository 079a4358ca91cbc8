/* x86's open flags are the generic ones. */
#include "uapi/asm-generic/fcntl.h"
