/* struct device_driver (6.1 layout); registering drivers is not implemented yet. */
#ifndef _DEVICE_DRIVER_H_
#define _DEVICE_DRIVER_H_

#include "linux/kobject.h"
#include "linux/device/bus.h"
#include "linux/module.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/pm.h"
#endif

struct device;
struct of_device_id;
struct acpi_device_id;
struct dev_pm_ops;
struct driver_private;

enum probe_type {
	PROBE_DEFAULT_STRATEGY,
	PROBE_PREFER_ASYNCHRONOUS,
	PROBE_FORCE_SYNCHRONOUS,
};

struct device_driver {
	const char *name;
	struct bus_type *bus;
	struct module *owner;
	const char *mod_name;
	bool suppress_bind_attrs;
	enum probe_type probe_type;
	const struct of_device_id *of_match_table;
	const struct acpi_device_id *acpi_match_table;
	int (*probe)(struct device *dev);
	void (*sync_state)(struct device *dev);
	int (*remove)(struct device *dev);
	void (*shutdown)(struct device *dev);
	int (*suspend)(struct device *dev, int state);
	int (*resume)(struct device *dev);
	const struct attribute_group **groups;
	const struct attribute_group **dev_groups;
	const struct dev_pm_ops *pm;
	void (*coredump)(struct device *dev);
	struct driver_private *p;
};

#ifdef __cplusplus
extern "C" {
#endif
int driver_register(struct device_driver *drv);
void driver_unregister(struct device_driver *drv);
#ifdef __cplusplus
}
#endif

#endif
