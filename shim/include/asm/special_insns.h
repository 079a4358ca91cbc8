/* x86's control-register accessors: a userspace process cannot touch CR0, so reads see a fixed value and writes are refused loudly. */
#ifndef _ASM_X86_SPECIAL_INSNS_H
#define _ASM_X86_SPECIAL_INSNS_H

#include "linux/types.h"

/* What CR0 holds on a running x86-64 kernel: PE, MP, ET, NE, WP (bit 16), AM and PG. */
#define KSHIM_CR0_VALUE		0x80050033UL

static inline unsigned long read_cr0(void) { return KSHIM_CR0_VALUE; }

#ifdef __cplusplus
extern "C" {
#endif
/* Not implemented: reports itself (a module that clears WP to patch kernel text cannot work here). */
void write_cr0(unsigned long val);
#ifdef __cplusplus
}
#endif

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/stringify.h"
#include "linux/const.h"
#include "linux/init.h"
#include "linux/irqflags.h"
#endif

#endif
