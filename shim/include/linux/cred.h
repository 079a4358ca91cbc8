/* Task credentials: struct cred (6.1 layout of the ids modules read) and current_uid() & co. */
#ifndef _LINUX_CRED_H
#define _LINUX_CRED_H

#include "linux/types.h"
#include "linux/atomic.h"
#include "linux/uidgid.h"
#include "linux/sched.h"
#include "linux/rcupdate.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/init.h"
#include "linux/list.h"
#include "linux/wait.h"
#include "linux/rwsem.h"
#include "linux/refcount.h"
#include "linux/gfp.h"
#include "linux/ratelimit.h"
#include "linux/capability.h"
#endif

struct user_struct;
struct group_info;

typedef struct kernel_cap_struct {
	__u32 cap[2];
} kernel_cap_t;

struct cred {
	atomic_t	usage;
	kuid_t		uid;
	kgid_t		gid;
	kuid_t		suid;
	kgid_t		sgid;
	kuid_t		euid;
	kgid_t		egid;
	kuid_t		fsuid;
	kgid_t		fsgid;
	unsigned	securebits;
	kernel_cap_t	cap_inheritable;
	kernel_cap_t	cap_permitted;
	kernel_cap_t	cap_effective;
	kernel_cap_t	cap_bset;
	kernel_cap_t	cap_ambient;
	unsigned char	jit_keyring;
	void		*security;
	struct user_struct *user;
	struct user_namespace *user_ns;
	struct group_info *group_info;
	struct rcu_head	rcu;
};

#ifdef __cplusplus
extern "C" {
#endif
/* Every kshim task runs with init's credentials: root, all capabilities (as kthreads and a root insmod do). */
extern struct cred init_cred;

struct cred *prepare_creds(void);
int commit_creds(struct cred *new_cred);
void abort_creds(struct cred *cred);
#ifdef __cplusplus
}
#endif

#define current_cred()		(&init_cred)
#define current_real_cred()	(&init_cred)
#define current_uid()		(current_cred()->uid)
#define current_gid()		(current_cred()->gid)
#define current_euid()		(current_cred()->euid)
#define current_egid()		(current_cred()->egid)
#define current_suid()		(current_cred()->suid)
#define current_sgid()		(current_cred()->sgid)
#define current_fsuid()		(current_cred()->fsuid)
#define current_fsgid()		(current_cred()->fsgid)
#define current_user_ns()	(current_cred()->user_ns)
#define task_uid(task)		((void)(task), current_cred()->uid)
#define task_euid(task)		((void)(task), current_cred()->euid)

/* init_cred is never freed: taking and dropping references to it has no effect to observe. */
static inline const struct cred *get_cred(const struct cred *cred) { return cred; }
static inline void put_cred(const struct cred *cred) { (void)cred; }
#define get_current_cred()	get_cred(current_cred())

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/rbtree.h"
#include "linux/percpu_counter.h"
#endif

#endif
