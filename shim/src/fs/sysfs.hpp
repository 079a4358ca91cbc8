// sysfs and kobjects (lib/kobject.c and fs/sysfs of 6.1): kobject lifetime, their directories under /sys, attribute files over sysfs_ops.
#pragma once

#include <cstdarg>
#include <memory>
#include <string>
#include <vector>

struct attribute;
struct attribute_group;
struct kobj_type;
struct kobject;
struct kset;
struct kset_uevent_ops;

namespace kshim {

class Kernel;
struct Node;

// A kobject's directory is a Dir node (kobject->sd); each attribute a File node whose i_private
// is an AttrFile and whose fops call the kobject's ktype->sysfs_ops with a page, as sysfs does.
// The standard parents (kernel_kobj, mm_kobj, firmware_kobj, hypervisor_kobj, power_kobj) are
// made at construction. Everything is process context and may sleep unless said otherwise.
class Sysfs {
public:
    explicit Sysfs(Kernel &k);
    ~Sysfs();
    Sysfs(const Sysfs &) = delete;
    Sysfs &operator=(const Sysfs &) = delete;

    // kobject_init: complains (pr_err + stack) about a NULL ktype or a second init.
    void init(kobject *kobj, const kobj_type *ktype);
    // kobject_add: names it, links it under parent (or its kset, or /sys) and makes its directory.
    int add(kobject *kobj, kobject *parent, const char *fmt, va_list ap, const void *caller);
    kobject *create_and_add(const char *name, kobject *parent, const void *caller);
    int set_name(kobject *kobj, const char *fmt, va_list ap);
    void del(kobject *kobj);
    kobject *get(kobject *kobj);
    // kobject_put: the last reference removes the directory (if still there) and calls release.
    void put(kobject *kobj);
    // kobject_uevent: there is no udev; the event is logged at KERN_DEBUG as 6.1's pr_debug lines.
    int uevent(kobject *kobj, int action);
    kset *kset_create_and_add(const char *name, const kset_uevent_ops *u, kobject *parent, const void *caller);
    int kset_register(kset *ks, const void *caller);
    void kset_unregister(kset *ks);

    // Attribute files: -EEXIST (and 6.1's "cannot create duplicate filename" report) for a name taken.
    int create_file(kobject *kobj, const attribute *attr, const void *caller);
    void remove_file(kobject *kobj, const attribute *attr);
    int create_files(kobject *kobj, const attribute *const *attrs, const void *caller);
    void remove_files(kobject *kobj, const attribute *const *attrs);
    int create_group(kobject *kobj, const attribute_group *grp, const void *caller);
    void remove_group(kobject *kobj, const attribute_group *grp);
    int create_groups(kobject *kobj, const attribute_group *const *groups, const void *caller);
    void remove_groups(kobject *kobj, const attribute_group *const *groups);
    // sysfs_notify: counts the event on the attribute (kernfs_notify wakes its pollers). Atomic-safe.
    void notify(kobject *kobj, const char *dir, const char *attr);
    unsigned notifications(const kobject *kobj, const std::string &rel) const;

    // "/sys/kernel/x": where kobj's directory is; empty when it has none.
    std::string path_of(const kobject *kobj) const;

    struct AttrFile;  // what an attribute file's inode points at (i_private)

private:
    Node *dir_of(const kobject *kobj) const;
    Node *make_dir(kobject *kobj, const void *caller);
    int add_internal(kobject *kobj, const void *caller);
    int add_attr(Node *dir, kobject *kobj, const attribute *attr, unsigned short mode, const void *caller);
    void remove_attr(Node *dir, const char *name);
    Node *group_dir(kobject *kobj, const attribute_group *grp) const;
    void unlink(kobject *kobj);
    void cleanup(kobject *kobj);
    kobject *standard(const char *name, kobject *parent);
    void report_dup(const std::string &path, const void *caller);

    Kernel &k_;
    std::vector<kobject *> standard_;                        // the standard parents, kept for teardown
    std::vector<std::unique_ptr<AttrFile>> attrs_;  // every attribute file made (open files may outlive removal)
};

}  // namespace kshim
