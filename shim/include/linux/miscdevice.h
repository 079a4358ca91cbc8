/* struct miscdevice (6.1 layout) and misc_register: a minor of major 10 (dynamic: 127 down) and its /dev node. */
#ifndef _LINUX_MISCDEVICE_H
#define _LINUX_MISCDEVICE_H

#include "linux/list.h"
#include "linux/types.h"
#include "linux/device.h"

#define MISC_DYNAMIC_MINOR	255
#define MISC_MAJOR		10

struct file_operations;

struct miscdevice {
	int minor;
	const char *name;
	const struct file_operations *fops;
	struct list_head list;
	struct device *parent;
	struct device *this_device;
	const struct attribute_group **groups;
	const char *nodename;
	umode_t mode;
};

#ifdef __cplusplus
extern "C" {
#endif
/* 0 or -EBUSY (the minor is taken, or no dynamic minor is left). */
int misc_register(struct miscdevice *misc);
void misc_deregister(struct miscdevice *misc);
#ifdef __cplusplus
}
#endif

#define module_misc_device(__misc_device)				\
	static int __init __misc_device##_init(void)			\
	{ return misc_register(&(__misc_device)); }			\
	module_init(__misc_device##_init);				\
	static void __exit __misc_device##_exit(void)			\
	{ misc_deregister(&(__misc_device)); }				\
	module_exit(__misc_device##_exit)

#endif
