/* struct class (6.1 layout) and class_create(owner, name), as 6.1 spells it: /sys/class/NAME. */
#ifndef _DEVICE_CLASS_H_
#define _DEVICE_CLASS_H_

#include "linux/kobject.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/device/bus.h"
#include "linux/pm.h"
#endif

struct device;
struct module;
struct kobj_uevent_env;
struct kobj_ns_type_operations;
struct dev_pm_ops;
struct subsys_private;
struct lock_class_key;

/* "class" is a C++ keyword: C++ code sees struct class as struct kshim_class (same C symbols). */
#ifdef __cplusplus
#define KSHIM_CLASS kshim_class
#else
#define KSHIM_CLASS class
#endif

struct KSHIM_CLASS {
	const char *name;
	struct module *owner;
	const struct attribute_group **class_groups;
	const struct attribute_group **dev_groups;
	struct kobject *dev_kobj;
	int (*dev_uevent)(struct device *dev, struct kobj_uevent_env *env);
	char *(*devnode)(struct device *dev, umode_t *mode);
	void (*class_release)(struct KSHIM_CLASS *cls);
	void (*dev_release)(struct device *dev);
	int (*shutdown_pre)(struct device *dev);
	const struct kobj_ns_type_operations *ns_type;
#ifdef __cplusplus
	const void *(*namespace_)(struct device *dev);
#else
	const void *(*namespace)(struct device *dev);
#endif
	void (*get_ownership)(struct device *dev, kuid_t *uid, kgid_t *gid);
	const struct dev_pm_ops *pm;
	struct subsys_private *p;
};

struct class_attribute {
	struct attribute attr;
	ssize_t (*show)(struct KSHIM_CLASS *cls, struct class_attribute *attr, char *buf);
	ssize_t (*store)(struct KSHIM_CLASS *cls, struct class_attribute *attr, const char *buf, size_t count);
};

#define CLASS_ATTR_RW(_name) struct class_attribute class_attr_##_name = __ATTR_RW(_name)
#define CLASS_ATTR_RO(_name) struct class_attribute class_attr_##_name = __ATTR_RO(_name)
#define CLASS_ATTR_WO(_name) struct class_attribute class_attr_##_name = __ATTR_WO(_name)

#ifdef __cplusplus
extern "C" {
#endif
/* __class_create: ERR_PTR(-EEXIST) for a taken name; class_register and the class files are
 * loud stubs (-ENOMEM). */
struct KSHIM_CLASS *__class_create(struct module *owner, const char *name, struct lock_class_key *key);
void class_destroy(struct KSHIM_CLASS *cls);
int __class_register(struct KSHIM_CLASS *cls, struct lock_class_key *key);
void class_unregister(struct KSHIM_CLASS *cls);
int class_create_file_ns(struct KSHIM_CLASS *cls, const struct class_attribute *attr, const void *ns);
void class_remove_file_ns(struct KSHIM_CLASS *cls, const struct class_attribute *attr, const void *ns);
#ifdef __cplusplus
}
#endif

/* 6.1's two-argument form (6.4 dropped the owner). */
#define class_create(owner, name) __class_create((owner), (name), NULL)
#define class_register(cls) __class_register((cls), NULL)

static inline int class_create_file(struct KSHIM_CLASS *cls, const struct class_attribute *attr)
{
	return class_create_file_ns(cls, attr, NULL);
}

static inline void class_remove_file(struct KSHIM_CLASS *cls, const struct class_attribute *attr)
{
	class_remove_file_ns(cls, attr, NULL);
}

#endif
