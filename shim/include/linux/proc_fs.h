/* /proc entries: struct proc_ops (6.1 layout), proc_create & co over kshim's VFS; the seq_file creators are loud stubs. */
#ifndef _LINUX_PROC_FS_H
#define _LINUX_PROC_FS_H

#include "linux/compiler.h"
#include "linux/types.h"
#include "linux/fs.h"

struct proc_dir_entry;
struct seq_file;
struct seq_operations;

/* proc_flags */
#define PROC_ENTRY_PERMANENT	1U

struct proc_ops {
	unsigned int proc_flags;
	int (*proc_open)(struct inode *, struct file *);
	ssize_t (*proc_read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*proc_read_iter)(struct kiocb *, struct iov_iter *);
	ssize_t (*proc_write)(struct file *, const char __user *, size_t, loff_t *);
	loff_t (*proc_lseek)(struct file *, loff_t, int);
	int (*proc_release)(struct inode *, struct file *);
	__poll_t (*proc_poll)(struct file *, struct poll_table_struct *);
	long (*proc_ioctl)(struct file *, unsigned int, unsigned long);
	long (*proc_compat_ioctl)(struct file *, unsigned int, unsigned long);
	int (*proc_mmap)(struct file *, struct vm_area_struct *);
	unsigned long (*proc_get_unmapped_area)(struct file *, unsigned long, unsigned long,
						unsigned long, unsigned long);
};

typedef int (*proc_write_t)(struct file *, char *, size_t);

#ifdef __cplusplus
extern "C" {
#endif
/* The creators return NULL on failure (a taken name also WARNs); proc_create_seq_private and
 * proc_create_single_data need seq_file and are loud stubs; proc_symlink too. */
struct proc_dir_entry *proc_create(const char *name, umode_t mode, struct proc_dir_entry *parent,
				   const struct proc_ops *proc_ops);
struct proc_dir_entry *proc_create_data(const char *name, umode_t mode, struct proc_dir_entry *parent,
					const struct proc_ops *proc_ops, void *data);
struct proc_dir_entry *proc_create_seq_private(const char *name, umode_t mode,
					       struct proc_dir_entry *parent,
					       const struct seq_operations *ops,
					       unsigned int state_size, void *data);
struct proc_dir_entry *proc_create_single_data(const char *name, umode_t mode,
					       struct proc_dir_entry *parent,
					       int (*show)(struct seq_file *, void *), void *data);
struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent);
struct proc_dir_entry *proc_mkdir_mode(const char *name, umode_t mode, struct proc_dir_entry *parent);
struct proc_dir_entry *proc_symlink(const char *name, struct proc_dir_entry *parent, const char *dest);
void proc_set_size(struct proc_dir_entry *de, loff_t size);
void proc_set_user(struct proc_dir_entry *de, kuid_t uid, kgid_t gid);
void *pde_data(const struct inode *inode);
void proc_remove(struct proc_dir_entry *de);
void remove_proc_entry(const char *name, struct proc_dir_entry *parent);
int remove_proc_subtree(const char *name, struct proc_dir_entry *parent);
#ifdef __cplusplus
}
#endif

#define proc_create_seq(name, mode, parent, ops) proc_create_seq_private(name, mode, parent, ops, 0, NULL)
#define proc_create_seq_data(name, mode, parent, ops, data) \
	proc_create_seq_private(name, mode, parent, ops, 0, data)
#define proc_create_single(name, mode, parent, show) proc_create_single_data(name, mode, parent, show, NULL)

#endif
