/* x86's processor helpers that modules use: cpu_relax() in busy-wait loops. */
#ifndef _ASM_X86_PROCESSOR_H
#define _ASM_X86_PROCESSOR_H

#include "linux/types.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/const.h"
#include "linux/init.h"
#include "linux/stringify.h"
#include "asm/ptrace.h"
#include "asm/current.h"
#include "asm/page.h"
#include "asm/errno.h"
#include "linux/cpumask.h"
#include "linux/ioctl.h"
#include "linux/static_key.h"
#include "asm/special_insns.h"
#include "linux/cache.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif
/* The pause of a busy-wait loop: a switch point where other tasks may run and, in virtual time,
 * the clock moves on; it does not reset the soft-lockup watchdog (as on Linux, only sleeping or
 * scheduling does). Atomic-safe. */
void kshim_cpu_relax(void);
#ifdef __cplusplus
}
#endif

static inline void cpu_relax(void) { kshim_cpu_relax(); }

#endif
