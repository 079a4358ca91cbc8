/* struct bus_type (the fields drivers set); buses are not implemented yet. */
#ifndef _DEVICE_BUS_H_
#define _DEVICE_BUS_H_

#include "linux/kobject.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/pm.h"
#endif

struct device;
struct device_driver;
struct kobj_uevent_env;
struct dev_pm_ops;
struct subsys_private;

struct bus_type {
	const char *name;
	const char *dev_name;
	struct device *dev_root;
	const struct attribute_group **bus_groups;
	const struct attribute_group **dev_groups;
	const struct attribute_group **drv_groups;
	int (*match)(struct device *dev, struct device_driver *drv);
	int (*uevent)(struct device *dev, struct kobj_uevent_env *env);
	int (*probe)(struct device *dev);
	void (*sync_state)(struct device *dev);
	void (*remove)(struct device *dev);
	void (*shutdown)(struct device *dev);
	int (*online)(struct device *dev);
	int (*offline)(struct device *dev);
	const struct dev_pm_ops *pm;
	struct subsys_private *p;
	bool need_parent_lock;
};

#ifdef __cplusplus
extern "C" {
#endif
int bus_register(struct bus_type *bus);
void bus_unregister(struct bus_type *bus);
#ifdef __cplusplus
}
#endif

#endif
