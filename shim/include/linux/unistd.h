/* The system call numbers (__NR_*) of the architecture. */
#ifndef _LINUX_UNISTD_H_
#define _LINUX_UNISTD_H_

#include "asm/unistd.h"

#endif
