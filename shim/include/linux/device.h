/* struct device (6.1 layout of what drivers touch), dev_* logging, drvdata; device_create makes the /dev node. */
#ifndef _DEVICE_H_
#define _DEVICE_H_

#include "linux/dev_printk.h"
#include "linux/kobject.h"
#include "linux/list.h"
#include "linux/lockdep.h"
#include "linux/compiler.h"
#include "linux/types.h"
#include "linux/mutex.h"
#include "linux/atomic.h"
#include "linux/uidgid.h"
#include "linux/gfp.h"
#include "linux/overflow.h"
#include "linux/device/bus.h"
#include "linux/device/class.h"
#include "linux/device/driver.h"
#include "linux/kdev_t.h"
#include "linux/printk.h"
#include "linux/err.h"
#include "linux/pm.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/ioport.h"
#endif

struct device_private;
struct device_type;
struct device_node;
struct fwnode_handle;
struct iommu_group;
struct dev_pm_domain;
struct device_dma_parameters;

struct device {
	struct kobject kobj;
	struct device *parent;
	struct device_private *p;
	const char *init_name;
	const struct device_type *type;
	struct bus_type *bus;
	struct device_driver *driver;
	void *platform_data;
	void *driver_data;
	struct mutex mutex;
	struct dev_pm_domain *pm_domain;
	u64 *dma_mask;
	u64 coherent_dma_mask;
	u64 bus_dma_limit;
	struct device_dma_parameters *dma_parms;
	struct list_head dma_pools;
	struct device_node *of_node;
	struct fwnode_handle *fwnode;
	int numa_node;
	u32 devt;	/* a dev_t (u32 spelled out: one layout in C and C++) */
	u32 id;
	spinlock_t devres_lock;
	struct list_head devres_head;
	struct KSHIM_CLASS *KSHIM_CLASS;
	const struct attribute_group **groups;
	void (*release)(struct device *dev);
	struct iommu_group *iommu_group;
	bool offline_disabled:1;
	bool offline:1;
	bool of_node_reused:1;
	bool state_synced:1;
	bool can_match:1;
};

struct device_attribute {
	struct attribute attr;
	ssize_t (*show)(struct device *dev, struct device_attribute *attr, char *buf);
	ssize_t (*store)(struct device *dev, struct device_attribute *attr, const char *buf, size_t count);
};

#define DEVICE_ATTR(_name, _mode, _show, _store) \
	struct device_attribute dev_attr_##_name = __ATTR(_name, _mode, _show, _store)
#define DEVICE_ATTR_RW(_name) struct device_attribute dev_attr_##_name = __ATTR_RW(_name)
#define DEVICE_ATTR_RO(_name) struct device_attribute dev_attr_##_name = __ATTR_RO(_name)
#define DEVICE_ATTR_WO(_name) struct device_attribute dev_attr_##_name = __ATTR_WO(_name)

/* The device's name: its init_name until registered, then its kobject's name. Atomic-safe. */
static inline const char *dev_name(const struct device *dev)
{
	if (dev->init_name)
		return dev->init_name;
	return kobject_name(&dev->kobj);
}

/* What dev_* messages print first: the bound driver's name, else the bus's, else the class's. */
static inline const char *dev_driver_string(const struct device *dev)
{
	if (dev->driver)
		return dev->driver->name;
	if (dev->bus)
		return dev->bus->name;
	return dev->KSHIM_CLASS ? dev->KSHIM_CLASS->name : "";
}

static inline void *dev_get_drvdata(const struct device *dev) { return dev->driver_data; }
static inline void dev_set_drvdata(struct device *dev, void *data) { dev->driver_data = data; }
static inline int dev_to_node(struct device *dev) { return dev->numa_node; }

#ifdef __cplusplus
extern "C" {
#endif
/*
 * device_create/device_destroy work (the /dev node as devtmpfs makes it, 0600). Not implemented
 * yet (docs/api-coverage.md): the others; the int ones return -ENOMEM, get_device and devm_*
 * allocations NULL, the void ones report.
 */
struct device *device_create(struct KSHIM_CLASS *cls, struct device *parent, dev_t devt,
			     void *drvdata, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void device_destroy(struct KSHIM_CLASS *cls, dev_t devt);
int device_register(struct device *dev);
void device_unregister(struct device *dev);
void device_initialize(struct device *dev);
int device_add(struct device *dev);
void device_del(struct device *dev);
struct device *get_device(struct device *dev);
void put_device(struct device *dev);
int dev_set_name(struct device *dev, const char *name, ...) __attribute__((format(printf, 2, 3)));
int device_create_file(struct device *device, const struct device_attribute *entry);
void device_remove_file(struct device *dev, const struct device_attribute *attr);
void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp);
void devm_kfree(struct device *dev, const void *p);
/* A device under /sys/devices with no bus: loud stubs (ERR_PTR(-ENOSYS)), as the rest above. */
struct device *__root_device_register(const char *name, struct module *owner);
void root_device_unregister(struct device *root);
#ifdef __cplusplus
}
#endif

#define root_device_register(name) __root_device_register(name, THIS_MODULE)

static inline void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp)
{
	return devm_kmalloc(dev, size, gfp | __GFP_ZERO);
}

#endif
