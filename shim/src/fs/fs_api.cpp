// File-system entry points: char devices, llseek helpers, /proc and user memory over the VFS; debugfs and sysfs files are loud stubs.
#include "fs/chrdev.hpp"
#include "fs/fasync.hpp"
#include "fs/kernel_file.hpp"
#include "fs/procfs.hpp"
#include "fs/uaccess.hpp"
#include "fs/vfs.hpp"
#include "kernel.hpp"

#include "fs/llseek.hpp"
#include "fs/refuse.hpp"

#include "linux/cdev.h"
#include "linux/debugfs.h"
#include "linux/fdtable.h"
#include "linux/fs.h"
#include "linux/kstrtox.h"
#include "linux/proc_fs.h"
#include "linux/seq_file.h"
#include "linux/sysfs.h"
#include "linux/uaccess.h"
#include "linux/string.h"
#include "linux/uio.h"

// dev_t is 32 bits in C (linux/types.h) and glibc's 64 in C++: numbers are cut to 32 bits here.
// The stubs left here report "kshim: NAME is not implemented" and fail as the real one fails
// (fs/refuse.hpp).
extern "C" {

int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count, const char *name,
                      const struct file_operations *fops)
{
    return kshim::Kernel::get().fs().chrdevs().register_chrdev(major, baseminor, count, name, fops, kshim::Kernel::get().fs().owner_of(__builtin_return_address(0), fops));
}

void __unregister_chrdev(unsigned int major, unsigned int baseminor, unsigned int count, const char *)
{
    kshim::Kernel::get().fs().chrdevs().unregister_chrdev(major, baseminor, count);
}

int alloc_chrdev_region(dev_t *dev, unsigned baseminor, unsigned count, const char *name)
{
    return kshim::Kernel::get().fs().chrdevs().alloc_range(reinterpret_cast<uint32_t *>(dev), baseminor, count, name, kshim::Kernel::get().fs().owner_of(__builtin_return_address(0), name));
}

int register_chrdev_region(dev_t from, unsigned count, const char *name)
{
    return kshim::Kernel::get().fs().chrdevs().register_range((uint32_t)from, count, name, kshim::Kernel::get().fs().owner_of(__builtin_return_address(0), name));
}

void unregister_chrdev_region(dev_t from, unsigned count)
{
    kshim::Kernel::get().fs().chrdevs().unregister_range((uint32_t)from, count);
}

loff_t no_llseek(struct file *, loff_t, int)
{
    return -ESPIPE;
}

loff_t noop_llseek(struct file *file, loff_t, int)
{
    return file->f_pos;
}

loff_t default_llseek(struct file *file, loff_t offset, int whence)
{
    return kshim::default_llseek(file, offset, whence);
}

loff_t generic_file_llseek(struct file *file, loff_t offset, int whence)
{
    return kshim::llseek_size(file, offset, whence, MAX_LFS_FILESIZE, i_size_read(file_inode(file)));
}

loff_t fixed_size_llseek(struct file *file, loff_t offset, int whence, loff_t size)
{
    return kshim::fixed_size_llseek(file, offset, whence, size);
}

int nonseekable_open(struct inode *, struct file *filp)
{
    return kshim::nonseekable_open(filp);
}

int stream_open(struct inode *, struct file *filp)
{
    return kshim::stream_open(filp);
}

int simple_open(struct inode *inode, struct file *file)
{
    return kshim::simple_open(inode, file);
}

int fasync_helper(int fd, struct file *filp, int on, struct fasync_struct **fapp)
{
    return kshim::Kernel::get().fs().fasync().helper(fd, filp, on, fapp);
}

void kill_fasync(struct fasync_struct **fp, int sig, int band)
{
    kshim::Kernel::get().fs().fasync().kill(fp, sig, band);
}

loff_t vfs_llseek(struct file *file, loff_t offset, int whence)
{
    return kshim::Kernel::get().fs().llseek(file, offset, whence);
}

struct file *filp_open(const char *filename, int flags, umode_t)
{
    return kshim::KernelFiles(kshim::Kernel::get()).open(filename, flags);
}

int filp_close(struct file *filp, fl_owner_t id)
{
    return kshim::KernelFiles(kshim::Kernel::get()).close(filp, id);
}

ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos)
{
    return kshim::KernelFiles(kshim::Kernel::get()).read(file, buf, count, pos);
}

ssize_t kernel_write(struct file *file, const void *buf, size_t count, loff_t *pos)
{
    return kshim::KernelFiles(kshim::Kernel::get()).write(file, buf, count, pos);
}

void cdev_init(struct cdev *cdev, const struct file_operations *fops)
{
    kshim::Kernel::get().fs().chrdevs().init_cdev(cdev, fops);
}

struct cdev * cdev_alloc(void)
{
    return kshim::Kernel::get().fs().chrdevs().alloc_cdev();
}

void cdev_put(struct cdev *p)
{
    kshim::Kernel::get().fs().chrdevs().put_cdev(p);
}

int cdev_add(struct cdev *p, dev_t dev, unsigned count)
{
    return kshim::Kernel::get().fs().chrdevs().add_cdev(p, (uint32_t)dev, count, kshim::Kernel::get().fs().owner_of(__builtin_return_address(0), p->ops));
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

void cdev_del(struct cdev *p)
{
    kshim::Kernel::get().fs().chrdevs().del_cdev(p);
}

struct proc_dir_entry * proc_create(const char *name, umode_t mode, struct proc_dir_entry *parent,
                                     const struct proc_ops *proc_ops)
{
    return kshim::Kernel::get().fs().procfs().create(name, mode, parent, proc_ops, nullptr, __builtin_return_address(0));
}

struct proc_dir_entry * proc_create_data(const char *name, umode_t mode, struct proc_dir_entry *parent,
                                          const struct proc_ops *proc_ops, void *data)
{
    return kshim::Kernel::get().fs().procfs().create(name, mode, parent, proc_ops, data, __builtin_return_address(0));
}

struct proc_dir_entry * proc_create_seq_private(const char *name, umode_t mode, struct proc_dir_entry *parent,
                                                 const struct seq_operations *ops, unsigned int state_size, void *data)
{
    return kshim::Kernel::get().fs().procfs().create_seq(name, mode, parent, ops, state_size, data, __builtin_return_address(0));
}

struct proc_dir_entry * proc_create_single_data(const char *name, umode_t mode, struct proc_dir_entry *parent,
                                                 int (*show)(struct seq_file *, void *), void *data)
{
    return kshim::Kernel::get().fs().procfs().create_single(name, mode, parent, show, data, __builtin_return_address(0));
}

struct proc_dir_entry * proc_mkdir(const char *name, struct proc_dir_entry *parent)
{
    return kshim::Kernel::get().fs().procfs().mkdir(name, 0555, parent, nullptr, __builtin_return_address(0));
}

struct proc_dir_entry * proc_mkdir_mode(const char *name, umode_t mode, struct proc_dir_entry *parent)
{
    return kshim::Kernel::get().fs().procfs().mkdir(name, mode, parent, nullptr, __builtin_return_address(0));
}

struct proc_dir_entry * proc_symlink(const char *, struct proc_dir_entry *, const char *)
{
    return static_cast<struct proc_dir_entry *>(kshim::refuse_null("proc_symlink"));
}

void proc_set_size(struct proc_dir_entry *de, loff_t size)
{
    kshim::Kernel::get().fs().procfs().set_size(de, size);
}

void proc_set_user(struct proc_dir_entry *de, kuid_t uid, kgid_t gid)
{
    kshim::Kernel::get().fs().procfs().set_user(de, __kuid_val(uid), __kgid_val(gid));
}

void * pde_data(const struct inode *inode)
{
    return kshim::Procfs::data(inode);
}

void proc_remove(struct proc_dir_entry *de)
{
    kshim::Kernel::get().fs().procfs().remove(de);
}

void remove_proc_entry(const char *name, struct proc_dir_entry *parent)
{
    kshim::Kernel::get().fs().procfs().remove_entry(name, parent);
}

int remove_proc_subtree(const char *name, struct proc_dir_entry *parent)
{
    return kshim::Kernel::get().fs().procfs().remove_subtree(name, parent);
}

struct dentry * debugfs_create_symlink(const char *, struct dentry *, const char *)
{
    return static_cast<struct dentry *>(kshim::refuse_err("debugfs_create_symlink"));
}

void debugfs_create_regset32(const char *, umode_t, struct dentry *, struct debugfs_regset32 *)
{
    (void)kshim::refuse("debugfs_create_regset32");
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

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
    return kshim::Kernel::get().uaccess().copy_to(to, from, n);
}

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
    return kshim::Kernel::get().uaccess().copy_from(to, from, n);
}

unsigned long raw_copy_to_user(void __user *to, const void *from, unsigned long n)
{
    return kshim::Kernel::get().uaccess().copy_to(to, from, n);
}

unsigned long raw_copy_from_user(void *to, const void __user *from, unsigned long n)
{
    return kshim::Kernel::get().uaccess().copy_from(to, from, n);
}

unsigned long clear_user(void __user *to, unsigned long n)
{
    return kshim::Kernel::get().uaccess().clear(to, n);
}

long strncpy_from_user(char *dst, const char __user *src, long count)
{
    return kshim::Kernel::get().uaccess().strncpy_from(dst, src, count);
}

long strnlen_user(const char __user *str, long n)
{
    return kshim::Kernel::get().uaccess().strnlen(str, n);
}

int kshim_get_user(void *dst, const void __user *src, unsigned long size)
{
    return kshim::Kernel::get().uaccess().get(dst, src, size);
}

int kshim_put_user(const void *src, void __user *dst, unsigned long size)
{
    return kshim::Kernel::get().uaccess().put(src, dst, size);
}

bool kshim_access_ok(const void __user *addr, unsigned long size)
{
    return kshim::UserAccess::range_ok(addr, size);
}

void *memdup_user(const void __user *src, size_t len)
{
    return kshim::Kernel::get().uaccess().memdup(src, len, false, (uintptr_t)__builtin_return_address(0));
}

void *memdup_user_nul(const void __user *src, size_t len)
{
    return kshim::Kernel::get().uaccess().memdup(src, len, true, (uintptr_t)__builtin_return_address(0));
}

char *strndup_user(const char __user *s, long n)
{
    return kshim::Kernel::get().uaccess().strndup(s, n, (uintptr_t)__builtin_return_address(0));
}

int kstrtoull_from_user(const char __user *s, size_t count, unsigned int base, unsigned long long *res)
{
    return kshim::Kernel::get().uaccess().kstrto(s, count, [=](const char *b) { return kstrtoull(b, base, res); });
}

int kstrtoll_from_user(const char __user *s, size_t count, unsigned int base, long long *res)
{
    return kshim::Kernel::get().uaccess().kstrto(s, count, [=](const char *b) { return kstrtoll(b, base, res); });
}

int kstrtoul_from_user(const char __user *s, size_t count, unsigned int base, unsigned long *res)
{
    return kshim::Kernel::get().uaccess().kstrto(s, count, [=](const char *b) { return kstrtoul(b, base, res); });
}

int kstrtol_from_user(const char __user *s, size_t count, unsigned int base, long *res)
{
    return kshim::Kernel::get().uaccess().kstrto(s, count, [=](const char *b) { return kstrtol(b, base, res); });
}

int kstrtouint_from_user(const char __user *s, size_t count, unsigned int base, unsigned int *res)
{
    return kshim::Kernel::get().uaccess().kstrto(s, count, [=](const char *b) { return kstrtouint(b, base, res); });
}

int kstrtoint_from_user(const char __user *s, size_t count, unsigned int base, int *res)
{
    return kshim::Kernel::get().uaccess().kstrto(s, count, [=](const char *b) { return kstrtoint(b, base, res); });
}

int kstrtou16_from_user(const char __user *s, size_t count, unsigned int base, u16 *res)
{
    return kshim::Kernel::get().uaccess().kstrto(s, count, [=](const char *b) { return kstrtou16(b, base, res); });
}

int kstrtos16_from_user(const char __user *s, size_t count, unsigned int base, s16 *res)
{
    return kshim::Kernel::get().uaccess().kstrto(s, count, [=](const char *b) { return kstrtos16(b, base, res); });
}

int kstrtou8_from_user(const char __user *s, size_t count, unsigned int base, u8 *res)
{
    return kshim::Kernel::get().uaccess().kstrto(s, count, [=](const char *b) { return kstrtou8(b, base, res); });
}

int kstrtos8_from_user(const char __user *s, size_t count, unsigned int base, s8 *res)
{
    return kshim::Kernel::get().uaccess().kstrto(s, count, [=](const char *b) { return kstrtos8(b, base, res); });
}

int kstrtobool_from_user(const char __user *s, size_t count, bool *res)
{
    return kshim::Kernel::get().uaccess().kstrto(s, count, [=](const char *b) { return kstrtobool(b, res); });
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
