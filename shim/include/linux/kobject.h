/* struct kobject, kset and kobj_attribute (6.1 layouts); kobjects, ksets and their /sys directories. */
#ifndef _KOBJECT_H_
#define _KOBJECT_H_

#include "linux/types.h"
#include "linux/list.h"
#include "linux/kref.h"
#include "linux/workqueue.h"
#include "linux/sysfs.h"
#include "linux/compiler.h"
#include "linux/spinlock.h"
#include "linux/wait.h"
#include "linux/atomic.h"
#include "linux/uidgid.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/mutex.h"
#include "linux/rcupdate.h"
#include "linux/gfp.h"
#include "linux/sched.h"
#include "linux/stat.h"
#endif

struct kobject;
struct kset;
struct kobj_type;

/* What kobject_uevent announces, in 6.1's order. */
enum kobject_action {
	KOBJ_ADD,
	KOBJ_REMOVE,
	KOBJ_CHANGE,
	KOBJ_MOVE,
	KOBJ_ONLINE,
	KOBJ_OFFLINE,
	KOBJ_BIND,
	KOBJ_UNBIND,
};
struct kset_uevent_ops;
struct kobj_ns_type_operations;

struct kobject {
	const char		*name;
	struct list_head	entry;
	struct kobject		*parent;
	struct kset		*kset;
	const struct kobj_type	*ktype;
	void			*sd;
	struct kref		kref;
	unsigned int state_initialized:1;
	unsigned int state_in_sysfs:1;
	unsigned int state_add_uevent_sent:1;
	unsigned int state_remove_uevent_sent:1;
	unsigned int uevent_suppress:1;
};

struct kobj_attribute {
	struct attribute attr;
	ssize_t (*show)(struct kobject *kobj, struct kobj_attribute *attr, char *buf);
	ssize_t (*store)(struct kobject *kobj, struct kobj_attribute *attr,
			 const char *buf, size_t count);
};

/* What a uevent carries (6.1's sizes); kshim logs uevents instead of sending them. */
#define UEVENT_NUM_ENVP		64
#define UEVENT_BUFFER_SIZE	2048
struct kobj_uevent_env {
	char *argv[3];
	char *envp[UEVENT_NUM_ENVP];
	int envp_idx;
	char buf[UEVENT_BUFFER_SIZE];
	int buflen;
};

struct kset_uevent_ops {
	int (*const filter)(struct kobject *kobj);
	const char *(*const name)(struct kobject *kobj);
	int (*const uevent)(struct kobject *kobj, struct kobj_uevent_env *env);
};

struct kset {
	struct list_head list;
	spinlock_t list_lock;
	struct kobject kobj;
	const struct kset_uevent_ops *uevent_ops;
};

struct kobj_type {
	void (*release)(struct kobject *kobj);
	const struct sysfs_ops *sysfs_ops;
	const struct attribute_group **default_groups;
	const struct kobj_ns_type_operations *(*child_ns_type)(struct kobject *kobj);
#ifdef __cplusplus
	const void *(*namespace_)(struct kobject *kobj);	/* "namespace" is a C++ keyword */
#else
	const void *(*namespace)(struct kobject *kobj);
#endif
	void (*get_ownership)(struct kobject *kobj, kuid_t *uid, kgid_t *gid);
};

#ifdef __cplusplus
extern "C" {
#endif
/* The kobjects of /sys/kernel, /sys/kernel/mm, /sys/hypervisor, /sys/power and /sys/firmware. */
extern struct kobject *kernel_kobj;
extern struct kobject *mm_kobj;
extern struct kobject *hypervisor_kobj;
extern struct kobject *power_kobj;
extern struct kobject *firmware_kobj;

/* kobj_attribute's show/store for ktypes whose attributes are kobj_attributes. */
extern const struct sysfs_ops kobj_sysfs_ops;

/* 6.1's semantics and reports; process context, may sleep (kobject_get/put: any context). */
struct kobject *kobject_create_and_add(const char *name, struct kobject *parent);
void kobject_init(struct kobject *kobj, const struct kobj_type *ktype);
int kobject_add(struct kobject *kobj, struct kobject *parent, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int kobject_init_and_add(struct kobject *kobj, const struct kobj_type *ktype,
			 struct kobject *parent, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void kobject_del(struct kobject *kobj);
struct kobject *kobject_get(struct kobject *kobj);
void kobject_put(struct kobject *kobj);
int kobject_set_name(struct kobject *kobj, const char *name, ...) __attribute__((format(printf, 2, 3)));
int kobject_uevent(struct kobject *kobj, enum kobject_action action);
struct kset *kset_create_and_add(const char *name, const struct kset_uevent_ops *u,
				 struct kobject *parent_kobj);
int kset_register(struct kset *kset);
void kset_unregister(struct kset *kset);
__printf(2, 3) int add_uevent_var(struct kobj_uevent_env *env, const char *format, ...);
#ifdef __cplusplus
}
#endif

static inline const char *kobject_name(const struct kobject *kobj) { return kobj->name; }

#endif
