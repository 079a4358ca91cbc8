/* Loading modules and running user-mode helpers from the kernel: not implemented yet. */
#ifndef __LINUX_KMOD_H__
#define __LINUX_KMOD_H__

#include "linux/gfp.h"
#include "linux/stddef.h"
#include "linux/errno.h"
#include "linux/compiler.h"
#include "linux/workqueue.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/uidgid.h"
#endif

#define KMOD_PATH_LEN 256

/* How call_usermodehelper waits (linux/umh.h). */
#define UMH_NO_WAIT	0
#define UMH_WAIT_EXEC	1
#define UMH_WAIT_PROC	2
#define UMH_KILLABLE	4
#define UMH_FREEZABLE	8

#ifdef __cplusplus
extern "C" {
#endif
/* Not implemented yet: each reports and returns -ENOMEM. */
int __request_module(bool wait, const char *name, ...) __attribute__((format(printf, 2, 3)));
int call_usermodehelper(const char *path, char **argv, char **envp, int wait);
#ifdef __cplusplus
}
#endif

#define request_module(mod...) __request_module(true, mod)
#define request_module_nowait(mod...) __request_module(false, mod)

#endif
