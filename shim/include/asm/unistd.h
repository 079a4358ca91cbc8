/* x86-64 system call numbers. */
#ifndef _ASM_X86_UNISTD_H
#define _ASM_X86_UNISTD_H

#include "asm/unistd_64.h"

#define NR_syscalls 451

#endif
