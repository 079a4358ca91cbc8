/* The architecture's signal set: _NSIG, _NSIG_WORDS and sigset_t as x86-64 has them. */
#ifndef _ASM_X86_SIGNAL_H
#define _ASM_X86_SIGNAL_H

#include "linux/linkage.h"

#ifndef _NSIG		/* glibc, which the C++ runtime also sees, has its own _NSIG */
#define _NSIG		64
#endif
#define _NSIG_BPW	64
#define _NSIG_WORDS	(64 / _NSIG_BPW)

typedef unsigned long old_sigset_t;

/* C++ code sees libc's sigset_t; the layout is the kernel's either way. */
typedef struct {
	unsigned long sig[_NSIG_WORDS];
} kshim_sigset_t;
#ifndef __cplusplus
typedef kshim_sigset_t sigset_t;
#endif

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/time.h"
#endif

#endif
