/* struct pt_regs for x86_64, as saved on kernel entry. */
#ifndef _ASM_X86_PTRACE_H
#define _ASM_X86_PTRACE_H

#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/const.h"
#include "linux/types.h"
#include "linux/stringify.h"
#include "linux/compiler.h"
#include "linux/printk.h"
#include "linux/kernel.h"
#endif

struct pt_regs {
	unsigned long r15;
	unsigned long r14;
	unsigned long r13;
	unsigned long r12;
	unsigned long bp;
	unsigned long bx;
	unsigned long r11;
	unsigned long r10;
	unsigned long r9;
	unsigned long r8;
	unsigned long ax;
	unsigned long cx;
	unsigned long dx;
	unsigned long si;
	unsigned long di;
	unsigned long orig_ax;
	unsigned long ip;
	unsigned long cs;
	unsigned long flags;
	unsigned long sp;
	unsigned long ss;
};

#define instruction_pointer(regs)	((regs)->ip)
#define user_mode(regs)			(((regs)->cs & 3) == 3)

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/static_key.h"
#include "asm/percpu.h"
#endif

#endif
