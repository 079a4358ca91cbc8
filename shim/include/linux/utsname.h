/* utsname(): the emulated kernel's identity (Linux 6.1.0-kshim, x86_64). */
#ifndef _LINUX_UTSNAME_H
#define _LINUX_UTSNAME_H

#include "linux/types.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/sched.h"
#endif

#define __NEW_UTS_LEN 64

struct new_utsname {
	char sysname[__NEW_UTS_LEN + 1];
	char nodename[__NEW_UTS_LEN + 1];
	char release[__NEW_UTS_LEN + 1];
	char version[__NEW_UTS_LEN + 1];
	char machine[__NEW_UTS_LEN + 1];
	char domainname[__NEW_UTS_LEN + 1];
};

#ifdef __cplusplus
extern "C" {
#endif
extern struct new_utsname init_uts_ns_name;
#ifdef __cplusplus
}
#endif

static inline struct new_utsname *utsname(void) { return &init_uts_ns_name; }
static inline struct new_utsname *init_utsname(void) { return &init_uts_ns_name; }

#endif
