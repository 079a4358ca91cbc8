// File-system entry points (char devices, files, seq_file, /proc, debugfs, sysfs, user memory): loud stubs until the interfaces issue.
#include "fs/refuse.hpp"

#include "linux/cdev.h"
#include "linux/debugfs.h"
#include "linux/fdtable.h"
#include "linux/fs.h"
#include "linux/proc_fs.h"
#include "linux/seq_file.h"
#include "linux/sysfs.h"
#include "linux/uaccess.h"
#include "linux/uio.h"

// Every function here reports "kshim: NAME is not implemented" and fails as the real one fails
// (fs/refuse.hpp); the user-memory copies copy nothing.
extern "C" {

int __register_chrdev(unsigned int, unsigned int, unsigned int, const char *, const struct file_operations *)
{
    return kshim::refuse("register_chrdev");
}

void __unregister_chrdev(unsigned int, unsigned int, unsigned int, const char *)
{
    (void)kshim::refuse("unregister_chrdev");
}

int alloc_chrdev_region(dev_t *, unsigned, unsigned, const char *)
{
    return kshim::refuse("alloc_chrdev_region");
}

int register_chrdev_region(dev_t, unsigned, const char *)
{
    return kshim::refuse("register_chrdev_region");
}

void unregister_chrdev_region(dev_t, unsigned)
{
    (void)kshim::refuse("unregister_chrdev_region");
}

loff_t no_llseek(struct file *, loff_t, int)
{
    return kshim::refuse("no_llseek");
}

loff_t noop_llseek(struct file *, loff_t, int)
{
    return kshim::refuse("noop_llseek");
}

loff_t default_llseek(struct file *, loff_t, int)
{
    return kshim::refuse("default_llseek");
}

loff_t generic_file_llseek(struct file *, loff_t, int)
{
    return kshim::refuse("generic_file_llseek");
}

loff_t fixed_size_llseek(struct file *, loff_t, int, loff_t)
{
    return kshim::refuse("fixed_size_llseek");
}

int nonseekable_open(struct inode *, struct file *)
{
    return kshim::refuse("nonseekable_open");
}

int stream_open(struct inode *, struct file *)
{
    return kshim::refuse("stream_open");
}

int simple_open(struct inode *, struct file *)
{
    return kshim::refuse("simple_open");
}

int fasync_helper(int, struct file *, int, struct fasync_struct **)
{
    return kshim::refuse("fasync_helper");
}

void kill_fasync(struct fasync_struct **, int, int)
{
    (void)kshim::refuse("kill_fasync");
}

struct file * filp_open(const char *, int, umode_t)
{
    return static_cast<struct file *>(kshim::refuse_err("filp_open"));
}

int filp_close(struct file *, fl_owner_t)
{
    return kshim::refuse("filp_close");
}

ssize_t kernel_read(struct file *, void *, size_t, loff_t *)
{
    return kshim::refuse("kernel_read");
}

ssize_t kernel_write(struct file *, const void *, size_t, loff_t *)
{
    return kshim::refuse("kernel_write");
}

void cdev_init(struct cdev *, const struct file_operations *)
{
    (void)kshim::refuse("cdev_init");
}

struct cdev * cdev_alloc(void)
{
    return static_cast<struct cdev *>(kshim::refuse_null("cdev_alloc"));
}

void cdev_put(struct cdev *)
{
    (void)kshim::refuse("cdev_put");
}

int cdev_add(struct cdev *, dev_t, unsigned)
{
    return kshim::refuse("cdev_add");
}

void cdev_set_parent(struct cdev *, struct kobject *)
{
    (void)kshim::refuse("cdev_set_parent");
}

int cdev_device_add(struct cdev *, struct device *)
{
    return kshim::refuse("cdev_device_add");
}

void cdev_device_del(struct cdev *, struct device *)
{
    (void)kshim::refuse("cdev_device_del");
}

void cdev_del(struct cdev *)
{
    (void)kshim::refuse("cdev_del");
}

struct proc_dir_entry * proc_create(const char *, umode_t, struct proc_dir_entry *, const struct proc_ops *)
{
    return static_cast<struct proc_dir_entry *>(kshim::refuse_null("proc_create"));
}

struct proc_dir_entry * proc_create_data(const char *, umode_t, struct proc_dir_entry *, const struct proc_ops *, void *)
{
    return static_cast<struct proc_dir_entry *>(kshim::refuse_null("proc_create_data"));
}

struct proc_dir_entry * proc_create_seq_private(const char *, umode_t, struct proc_dir_entry *, const struct seq_operations *, unsigned int, void *)
{
    return static_cast<struct proc_dir_entry *>(kshim::refuse_null("proc_create_seq"));
}

struct proc_dir_entry * proc_create_single_data(const char *, umode_t, struct proc_dir_entry *, int (*)(struct seq_file *, void *), void *)
{
    return static_cast<struct proc_dir_entry *>(kshim::refuse_null("proc_create_single"));
}

struct proc_dir_entry * proc_mkdir(const char *, struct proc_dir_entry *)
{
    return static_cast<struct proc_dir_entry *>(kshim::refuse_null("proc_mkdir"));
}

struct proc_dir_entry * proc_mkdir_mode(const char *, umode_t, struct proc_dir_entry *)
{
    return static_cast<struct proc_dir_entry *>(kshim::refuse_null("proc_mkdir_mode"));
}

struct proc_dir_entry * proc_symlink(const char *, struct proc_dir_entry *, const char *)
{
    return static_cast<struct proc_dir_entry *>(kshim::refuse_null("proc_symlink"));
}

void proc_set_size(struct proc_dir_entry *, loff_t)
{
    (void)kshim::refuse("proc_set_size");
}

void proc_set_user(struct proc_dir_entry *, kuid_t, kgid_t)
{
    (void)kshim::refuse("proc_set_user");
}

void * pde_data(const struct inode *)
{
    return static_cast<void *>(kshim::refuse_null("pde_data"));
}

void proc_remove(struct proc_dir_entry *)
{
    (void)kshim::refuse("proc_remove");
}

void remove_proc_entry(const char *, struct proc_dir_entry *)
{
    (void)kshim::refuse("remove_proc_entry");
}

int remove_proc_subtree(const char *, struct proc_dir_entry *)
{
    return kshim::refuse("remove_proc_subtree");
}

struct dentry * debugfs_create_file(const char *, umode_t, struct dentry *, void *, const struct file_operations *)
{
    return static_cast<struct dentry *>(kshim::refuse_err("debugfs_create_file"));
}

struct dentry * debugfs_create_file_unsafe(const char *, umode_t, struct dentry *, void *, const struct file_operations *)
{
    return static_cast<struct dentry *>(kshim::refuse_err("debugfs_create_file_unsafe"));
}

void debugfs_create_file_size(const char *, umode_t, struct dentry *, void *, const struct file_operations *, loff_t)
{
    (void)kshim::refuse("debugfs_create_file_size");
}

struct dentry * debugfs_create_dir(const char *, struct dentry *)
{
    return static_cast<struct dentry *>(kshim::refuse_err("debugfs_create_dir"));
}

struct dentry * debugfs_create_symlink(const char *, struct dentry *, const char *)
{
    return static_cast<struct dentry *>(kshim::refuse_err("debugfs_create_symlink"));
}

struct dentry * debugfs_lookup(const char *, struct dentry *)
{
    return static_cast<struct dentry *>(kshim::refuse_null("debugfs_lookup"));
}

void debugfs_remove(struct dentry *)
{
    (void)kshim::refuse("debugfs_remove");
}

void debugfs_lookup_and_remove(const char *, struct dentry *)
{
    (void)kshim::refuse("debugfs_lookup_and_remove");
}

void debugfs_create_u8(const char *, umode_t, struct dentry *, u8 *)
{
    (void)kshim::refuse("debugfs_create_u8");
}

void debugfs_create_u16(const char *, umode_t, struct dentry *, u16 *)
{
    (void)kshim::refuse("debugfs_create_u16");
}

void debugfs_create_u32(const char *, umode_t, struct dentry *, u32 *)
{
    (void)kshim::refuse("debugfs_create_u32");
}

void debugfs_create_u64(const char *, umode_t, struct dentry *, u64 *)
{
    (void)kshim::refuse("debugfs_create_u64");
}

void debugfs_create_ulong(const char *, umode_t, struct dentry *, unsigned long *)
{
    (void)kshim::refuse("debugfs_create_ulong");
}

void debugfs_create_x8(const char *, umode_t, struct dentry *, u8 *)
{
    (void)kshim::refuse("debugfs_create_x8");
}

void debugfs_create_x16(const char *, umode_t, struct dentry *, u16 *)
{
    (void)kshim::refuse("debugfs_create_x16");
}

void debugfs_create_x32(const char *, umode_t, struct dentry *, u32 *)
{
    (void)kshim::refuse("debugfs_create_x32");
}

void debugfs_create_x64(const char *, umode_t, struct dentry *, u64 *)
{
    (void)kshim::refuse("debugfs_create_x64");
}

void debugfs_create_size_t(const char *, umode_t, struct dentry *, size_t *)
{
    (void)kshim::refuse("debugfs_create_size_t");
}

void debugfs_create_atomic_t(const char *, umode_t, struct dentry *, atomic_t *)
{
    (void)kshim::refuse("debugfs_create_atomic_t");
}

void debugfs_create_bool(const char *, umode_t, struct dentry *, bool *)
{
    (void)kshim::refuse("debugfs_create_bool");
}

struct dentry * debugfs_create_blob(const char *, umode_t, struct dentry *, struct debugfs_blob_wrapper *)
{
    return static_cast<struct dentry *>(kshim::refuse_err("debugfs_create_blob"));
}

void debugfs_create_regset32(const char *, umode_t, struct dentry *, struct debugfs_regset32 *)
{
    (void)kshim::refuse("debugfs_create_regset32");
}

bool debugfs_initialized(void)
{
    (void)kshim::refuse("debugfs_initialized");
    return false;
}

int sysfs_create_file_ns(struct kobject *, const struct attribute *, const void *)
{
    return kshim::refuse("sysfs_create_file");
}

void sysfs_remove_file_ns(struct kobject *, const struct attribute *, const void *)
{
    (void)kshim::refuse("sysfs_remove_file");
}

int sysfs_create_files(struct kobject *, const struct attribute *const *)
{
    return kshim::refuse("sysfs_create_files");
}

void sysfs_remove_files(struct kobject *, const struct attribute *const *)
{
    (void)kshim::refuse("sysfs_remove_files");
}

int sysfs_create_group(struct kobject *, const struct attribute_group *)
{
    return kshim::refuse("sysfs_create_group");
}

void sysfs_remove_group(struct kobject *, const struct attribute_group *)
{
    (void)kshim::refuse("sysfs_remove_group");
}

int sysfs_create_groups(struct kobject *, const struct attribute_group **)
{
    return kshim::refuse("sysfs_create_groups");
}

void sysfs_remove_groups(struct kobject *, const struct attribute_group **)
{
    (void)kshim::refuse("sysfs_remove_groups");
}

int sysfs_create_bin_file(struct kobject *, const struct bin_attribute *)
{
    return kshim::refuse("sysfs_create_bin_file");
}

void sysfs_remove_bin_file(struct kobject *, const struct bin_attribute *)
{
    (void)kshim::refuse("sysfs_remove_bin_file");
}

int sysfs_create_link(struct kobject *, struct kobject *, const char *)
{
    return kshim::refuse("sysfs_create_link");
}

void sysfs_remove_link(struct kobject *, const char *)
{
    (void)kshim::refuse("sysfs_remove_link");
}

void sysfs_notify(struct kobject *, const char *, const char *)
{
    (void)kshim::refuse("sysfs_notify");
}

unsigned long copy_to_user(void __user *, const void *, unsigned long n)
{
    (void)kshim::refuse("copy_to_user");
    return n;
}

unsigned long copy_from_user(void *, const void __user *, unsigned long n)
{
    (void)kshim::refuse("copy_from_user");
    return n;
}

unsigned long raw_copy_to_user(void __user *, const void *, unsigned long n)
{
    (void)kshim::refuse("raw_copy_to_user");
    return n;
}

unsigned long raw_copy_from_user(void *, const void __user *, unsigned long n)
{
    (void)kshim::refuse("raw_copy_from_user");
    return n;
}

unsigned long clear_user(void __user *, unsigned long n)
{
    (void)kshim::refuse("clear_user");
    return n;
}

long strncpy_from_user(char *, const char __user *, long)
{
    (void)kshim::refuse("strncpy_from_user");
    return -EFAULT;
}

long strnlen_user(const char __user *, long)
{
    (void)kshim::refuse("strnlen_user");
    return 0;
}

int kshim_get_user(void *, const void __user *, unsigned long)
{
    (void)kshim::refuse("get_user");
    return -EFAULT;
}

int kshim_put_user(const void *, void __user *, unsigned long)
{
    (void)kshim::refuse("put_user");
    return -EFAULT;
}

bool kshim_access_ok(const void __user *, unsigned long)
{
    (void)kshim::refuse("access_ok");
    return false;
}

struct file * lookup_fd_rcu(unsigned int)
{
    return static_cast<struct file *>(kshim::refuse_null("lookup_fd_rcu"));
}

struct file * files_lookup_fd_rcu(struct files_struct *, unsigned int)
{
    return static_cast<struct file *>(kshim::refuse_null("files_lookup_fd_rcu"));
}

}  // extern "C"
