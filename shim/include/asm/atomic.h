/* x86 atomic header: forwards to the generic atomic_t implementation. */
#include "linux/atomic.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/compiler.h"
#include "linux/stringify.h"
#include "linux/printk.h"
#include "asm/barrier.h"
#endif
