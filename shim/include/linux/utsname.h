/* The UTS namespace: init_uts_ns (Linux 6.1.0-kshim, x86_64) and utsname(). */
#ifndef _LINUX_UTSNAME_H
#define _LINUX_UTSNAME_H

#include "linux/sched.h"
#include "linux/kref.h"
#include "linux/ns_common.h"
#include "linux/err.h"
#include "uapi/linux/utsname.h"

enum uts_proc {
	UTS_PROC_ARCH,
	UTS_PROC_OSTYPE,
	UTS_PROC_OSRELEASE,
	UTS_PROC_VERSION,
	UTS_PROC_HOSTNAME,
	UTS_PROC_DOMAINNAME,
};

struct user_namespace;
struct ucounts;

struct uts_namespace {
	struct new_utsname name;
	struct user_namespace *user_ns;
	struct ucounts *ucounts;
	struct ns_common ns;
};

#ifdef __cplusplus
extern "C" {
#endif
/* The only UTS namespace: every kshim task is in it. */
extern struct uts_namespace init_uts_ns;
#ifdef __cplusplus
}
#endif

/* Notifies /proc/sys/kernel watchers of a change; kshim has no such file, so there is nobody to tell. */
static inline void uts_proc_notify(enum uts_proc proc) { (void)proc; }

static inline struct new_utsname *utsname(void) { return &init_uts_ns.name; }
static inline struct new_utsname *init_utsname(void) { return &init_uts_ns.name; }

#endif
