// extern "C" bridges for kobjects, ksets and sysfs files and groups (Sysfs); the standard parents' globals.
#include <cstdarg>

#include "fs/sysfs.hpp"
#include "kernel.hpp"

#include "linux/kobject.h"
#include "linux/sysfs.h"

using kshim::Kernel;

namespace {
kshim::Sysfs &sysfs() { return Kernel::get().sysfs(); }
}  // namespace

extern "C" {

// Set while a kernel exists (Sysfs's constructor), NULL otherwise.
struct kobject *kernel_kobj = nullptr;
struct kobject *mm_kobj = nullptr;
struct kobject *hypervisor_kobj = nullptr;
struct kobject *power_kobj = nullptr;
struct kobject *firmware_kobj = nullptr;

struct kobject *kobject_create_and_add(const char *name, struct kobject *parent)
{
    return sysfs().create_and_add(name, parent, __builtin_return_address(0));
}

void kobject_init(struct kobject *kobj, const struct kobj_type *ktype)
{
    sysfs().init(kobj, ktype);
}

int kobject_add(struct kobject *kobj, struct kobject *parent, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = sysfs().add(kobj, parent, fmt, ap, __builtin_return_address(0));
    va_end(ap);
    return r;
}

int kobject_init_and_add(struct kobject *kobj, const struct kobj_type *ktype, struct kobject *parent,
                         const char *fmt, ...)
{
    va_list ap;
    sysfs().init(kobj, ktype);
    va_start(ap, fmt);
    int r = sysfs().add(kobj, parent, fmt, ap, __builtin_return_address(0));
    va_end(ap);
    return r;
}

int kobject_set_name(struct kobject *kobj, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = sysfs().set_name(kobj, fmt, ap);
    va_end(ap);
    return r;
}

void kobject_del(struct kobject *kobj) { sysfs().del(kobj); }
struct kobject *kobject_get(struct kobject *kobj) { return sysfs().get(kobj); }
void kobject_put(struct kobject *kobj) { sysfs().put(kobj); }
int kobject_uevent(struct kobject *kobj, enum kobject_action action) { return sysfs().uevent(kobj, action); }

struct kset *kset_create_and_add(const char *name, const struct kset_uevent_ops *u, struct kobject *parent)
{
    return sysfs().kset_create_and_add(name, u, parent, __builtin_return_address(0));
}

int kset_register(struct kset *kset) { return sysfs().kset_register(kset, __builtin_return_address(0)); }
void kset_unregister(struct kset *kset) { sysfs().kset_unregister(kset); }

int sysfs_create_file_ns(struct kobject *kobj, const struct attribute *attr, const void *)
{
    return sysfs().create_file(kobj, attr, __builtin_return_address(0));
}

void sysfs_remove_file_ns(struct kobject *kobj, const struct attribute *attr, const void *)
{
    sysfs().remove_file(kobj, attr);
}

int sysfs_create_files(struct kobject *kobj, const struct attribute *const *attr)
{
    return sysfs().create_files(kobj, attr, __builtin_return_address(0));
}

void sysfs_remove_files(struct kobject *kobj, const struct attribute *const *attr) { sysfs().remove_files(kobj, attr); }

int sysfs_create_group(struct kobject *kobj, const struct attribute_group *grp)
{
    return sysfs().create_group(kobj, grp, __builtin_return_address(0));
}

void sysfs_remove_group(struct kobject *kobj, const struct attribute_group *grp) { sysfs().remove_group(kobj, grp); }

int sysfs_create_groups(struct kobject *kobj, const struct attribute_group **groups)
{
    return sysfs().create_groups(kobj, groups, __builtin_return_address(0));
}

void sysfs_remove_groups(struct kobject *kobj, const struct attribute_group **groups)
{
    sysfs().remove_groups(kobj, groups);
}

void sysfs_notify(struct kobject *kobj, const char *dir, const char *attr) { sysfs().notify(kobj, dir, attr); }

}  // extern "C"
