/* struct cdev (6.1 layout): a character device; cdev_add maps it at its numbers for device nodes to open. */
#ifndef _LINUX_CDEV_H
#define _LINUX_CDEV_H

#include "linux/kobject.h"
#include "linux/kdev_t.h"
#include "linux/list.h"
#include "linux/device.h"

struct file_operations;
struct inode;
struct module;

struct cdev {
	struct kobject kobj;
	struct module *owner;
	const struct file_operations *ops;
	struct list_head list;
	u32 dev;	/* a dev_t (u32 spelled out: one layout in C and C++) */
	unsigned int count;
};

#ifdef __cplusplus
extern "C" {
#endif
void cdev_init(struct cdev *cdev, const struct file_operations *fops);
struct cdev *cdev_alloc(void);
void cdev_put(struct cdev *p);
int cdev_add(struct cdev *p, dev_t dev, unsigned count);
void cdev_set_parent(struct cdev *p, struct kobject *kobj);
int cdev_device_add(struct cdev *cdev, struct device *dev);
void cdev_device_del(struct cdev *cdev, struct device *dev);
void cdev_del(struct cdev *p);
#ifdef __cplusplus
}
#endif

#endif
