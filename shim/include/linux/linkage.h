/* Linkage annotations (asmlinkage, SYM_FUNC_*); nothing to do in userspace. */
#ifndef _LINUX_LINKAGE_H
#define _LINUX_LINKAGE_H

#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/stringify.h"
#include "linux/export.h"
#endif

#define asmlinkage
#define __visible_linkage

#endif
