/* struct kobject and kobj_attribute types; the sysfs functions arrive with sysfs support. */
#ifndef _KOBJECT_H_
#define _KOBJECT_H_

#include "linux/types.h"
#include "linux/list.h"
#include "linux/kref.h"
#include "linux/workqueue.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/mutex.h"
#include "linux/rcupdate.h"
#include "linux/spinlock.h"
#include "linux/gfp.h"
#include "linux/sched.h"
#include "linux/stat.h"
#endif

struct kobject;
struct kset;
struct kobj_type;
struct attribute {
	const char *name;
	umode_t mode;
};

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

#endif
