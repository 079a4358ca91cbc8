/* System-call declarations for modules: asmlinkage and the types; the syscall table is not exported (as in 6.1). */
#ifndef _LINUX_SYSCALLS_H
#define _LINUX_SYSCALLS_H

#include "linux/types.h"
#include "linux/linkage.h"
#include "linux/unistd.h"
#include "linux/sched.h"
#include "linux/fcntl.h"
#include "linux/uaccess.h"
#include "asm/ptrace.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/fs.h"
#include "linux/device.h"
#include "linux/mm.h"
#include "linux/seq_file.h"
#include "linux/poll.h"
#include "linux/ns_common.h"
#include "linux/interrupt.h"
#include "linux/kallsyms.h"
#include "linux/uio.h"
#include "linux/kthread.h"
#endif

struct pt_regs;

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/hardirq.h"
#include "linux/irq_work.h"
#include "linux/static_key.h"
#endif

#endif
