/* kuid_t/kgid_t: user and group ids as the kernel keeps them, and their comparisons and mappings. */
#ifndef _LINUX_UIDGID_H
#define _LINUX_UIDGID_H

#include "linux/types.h"
#include "linux/highuid.h"

struct user_namespace;
#ifdef __cplusplus
extern "C" {
#endif
/* The only user namespace kshim has (the initial one, where ids map to themselves). */
extern struct user_namespace init_user_ns;
#ifdef __cplusplus
}
#endif

typedef struct {
	uid_t val;
} kuid_t;

typedef struct {
	gid_t val;
} kgid_t;

#define KUIDT_INIT(value) (kuid_t){ value }
#define KGIDT_INIT(value) (kgid_t){ value }

static inline uid_t __kuid_val(kuid_t uid) { return uid.val; }
static inline gid_t __kgid_val(kgid_t gid) { return gid.val; }

#define GLOBAL_ROOT_UID KUIDT_INIT(0)
#define GLOBAL_ROOT_GID KGIDT_INIT(0)
#define INVALID_UID KUIDT_INIT(-1)
#define INVALID_GID KGIDT_INIT(-1)

static inline bool uid_eq(kuid_t left, kuid_t right) { return __kuid_val(left) == __kuid_val(right); }
static inline bool gid_eq(kgid_t left, kgid_t right) { return __kgid_val(left) == __kgid_val(right); }
static inline bool uid_gt(kuid_t left, kuid_t right) { return __kuid_val(left) > __kuid_val(right); }
static inline bool uid_lt(kuid_t left, kuid_t right) { return __kuid_val(left) < __kuid_val(right); }
static inline bool uid_valid(kuid_t uid) { return __kuid_val(uid) != (uid_t)-1; }
static inline bool gid_valid(kgid_t gid) { return __kgid_val(gid) != (gid_t)-1; }

/* In the initial namespace every id maps to itself, so the mappings are the identity. */
static inline kuid_t make_kuid(struct user_namespace *ns, uid_t uid) { (void)ns; kuid_t k = { uid }; return k; }
static inline kgid_t make_kgid(struct user_namespace *ns, gid_t gid) { (void)ns; kgid_t k = { gid }; return k; }
static inline uid_t from_kuid(struct user_namespace *ns, kuid_t uid) { (void)ns; return __kuid_val(uid); }
static inline gid_t from_kgid(struct user_namespace *ns, kgid_t gid) { (void)ns; return __kgid_val(gid); }
static inline uid_t from_kuid_munged(struct user_namespace *ns, kuid_t uid) { (void)ns; return __kuid_val(uid); }
static inline gid_t from_kgid_munged(struct user_namespace *ns, kgid_t gid) { (void)ns; return __kgid_val(gid); }

#endif
