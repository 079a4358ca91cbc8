/* Files, inodes and file_operations (Linux 6.1 layouts), char-device numbers and the llseek helpers, over kshim's VFS. */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include "linux/wait.h"
#include "linux/kdev_t.h"
#include "linux/dcache.h"
#include "linux/path.h"
#include "linux/stat.h"
#include "linux/cache.h"
#include "linux/list.h"
#include "linux/init.h"
#include "linux/kernel.h"
#include "linux/mutex.h"
#include "linux/rwsem.h"
#include "linux/err.h"
#include "linux/uidgid.h"
#include "linux/lockdep.h"
#include "linux/workqueue.h"
#include "linux/uuid.h"
#include "linux/errseq.h"
#include "linux/build_bug.h"
#include "linux/stddef.h"
#include "linux/cred.h"
#include "linux/slab.h"
#include "linux/fcntl.h"
#include "linux/ioctl.h"
#include "linux/mm_types.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/linkage.h"
#include "linux/random.h"
#include "linux/gfp.h"
#include "linux/sched.h"
#include "linux/semaphore.h"
#include "linux/sched/signal.h"
#include "linux/capability.h"
#endif
#ifdef __cplusplus
#include <sys/types.h>	/* loff_t and blkcnt_t, which linux/types.h leaves to glibc in C++ */
#endif

struct kiocb;
struct iov_iter;
struct poll_table_struct;
struct io_comp_batch;
struct dir_context;
struct file_lock;
struct pipe_inode_info;
struct seq_file;
struct io_uring_cmd;
struct super_block;
struct inode_operations;
struct address_space;
struct cdev;
struct fasync_struct;
struct pid;
struct posix_acl;
struct file_lock_context;
struct module;

typedef void *fl_owner_t;
typedef int __kernel_rwf_t;

/* File modes: what an open file may do. */
#define FMODE_READ		((fmode_t)0x1)
#define FMODE_WRITE		((fmode_t)0x2)
#define FMODE_LSEEK		((fmode_t)0x4)
#define FMODE_PREAD		((fmode_t)0x8)
#define FMODE_PWRITE		((fmode_t)0x10)
#define FMODE_EXEC		((fmode_t)0x20)
#define FMODE_NDELAY		((fmode_t)0x40)
#define FMODE_EXCL		((fmode_t)0x80)
#define FMODE_ATOMIC_POS	((fmode_t)0x8000)
#define FMODE_STREAM		((fmode_t)0x200000)
#define FMODE_NOWAIT		((fmode_t)0x8000000)

#define MAY_EXEC		0x00000001
#define MAY_WRITE		0x00000002
#define MAY_READ		0x00000004
#define MAY_APPEND		0x00000008

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#define SEEK_DATA	3
#define SEEK_HOLE	4
#define SEEK_MAX	SEEK_HOLE

#define CHRDEV_MAJOR_MAX	512
#define CHRDEV_MAJOR_DYN_END	234
#define MAX_LFS_FILESIZE	((loff_t)LLONG_MAX)

struct fown_struct {
	rwlock_t lock;
	struct pid *pid;
	int pid_type;
	kuid_t uid, euid;
	int signum;
};

struct file_ra_state {
	pgoff_t start;
	unsigned int size;
	unsigned int async_size;
	unsigned int ra_pages;
	unsigned int mmap_miss;
	loff_t prev_pos;
};

/* An open file (6.1 order; f_llist of the leading union is left out). */
struct file {
	union {
		struct rcu_head f_rcuhead;
		unsigned int f_iocb_flags;
	};
	struct path f_path;
	struct inode *f_inode;
	const struct file_operations *f_op;
	spinlock_t f_lock;
	atomic_long_t f_count;
	unsigned int f_flags;
	fmode_t f_mode;
	struct mutex f_pos_lock;
	loff_t f_pos;
	struct fown_struct f_owner;
	const struct cred *f_cred;
	struct file_ra_state f_ra;
	u64 f_version;
	void *f_security;
	void *private_data;
	struct hlist_head *f_ep;
	struct address_space *f_mapping;
	errseq_t f_wb_err;
	errseq_t f_sb_err;
};

/* An entry of a driver's fasync list (fasync_helper adds and removes them, kill_fasync walks them). */
struct fasync_struct {
	rwlock_t fa_lock;
	int magic;
	int fa_fd;
	struct fasync_struct *fa_next;
	struct file *fa_file;
	struct rcu_head fa_rcu;
};

#define FASYNC_MAGIC 0x4601

/* An inode (6.1 order of the fields drivers use; the embedded i_data is left out). */
struct inode {
	umode_t i_mode;
	unsigned short i_opflags;
	kuid_t i_uid;
	kgid_t i_gid;
	unsigned int i_flags;
	struct posix_acl *i_acl;
	struct posix_acl *i_default_acl;
	const struct inode_operations *i_op;
	struct super_block *i_sb;
	struct address_space *i_mapping;
	void *i_security;
	unsigned long i_ino;
	unsigned int __i_nlink;
	u32 i_rdev;	/* a dev_t: u32 spelled out, so C++ (where glibc's 64-bit dev_t may win) sees C's layout */
	loff_t i_size;
	struct timespec64 i_atime;
	struct timespec64 i_mtime;
	struct timespec64 i_ctime;
	spinlock_t i_lock;
	unsigned short i_bytes;
	u8 i_blkbits;
	u8 i_write_hint;
	blkcnt_t i_blocks;
	unsigned long i_state;
	struct rw_semaphore i_rwsem;
	unsigned long dirtied_when;
	unsigned long dirtied_time_when;
	struct hlist_node i_hash;
	struct list_head i_io_list;
	struct list_head i_lru;
	struct list_head i_sb_list;
	struct list_head i_wb_list;
	union {
		struct hlist_head i_dentry;
		struct rcu_head i_rcu;
	};
	atomic64_t i_version;
	atomic64_t i_sequence;
	atomic_t i_count;
	atomic_t i_dio_count;
	atomic_t i_writecount;
	atomic_t i_readcount;
	union {
		const struct file_operations *i_fop;
		void (*free_inode)(struct inode *);
	};
	struct file_lock_context *i_flctx;
	struct list_head i_devices;
	union {
		struct pipe_inode_info *i_pipe;
		struct cdev *i_cdev;
		char *i_link;
		unsigned i_dir_seq;
	};
	__u32 i_generation;
	void *i_private;
};

struct file_operations {
	struct module *owner;
	loff_t (*llseek)(struct file *, loff_t, int);
	ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char __user *, size_t, loff_t *);
	ssize_t (*read_iter)(struct kiocb *, struct iov_iter *);
	ssize_t (*write_iter)(struct kiocb *, struct iov_iter *);
	int (*iopoll)(struct kiocb *kiocb, struct io_comp_batch *, unsigned int flags);
	int (*iterate)(struct file *, struct dir_context *);
	int (*iterate_shared)(struct file *, struct dir_context *);
	__poll_t (*poll)(struct file *, struct poll_table_struct *);
	long (*unlocked_ioctl)(struct file *, unsigned int, unsigned long);
	long (*compat_ioctl)(struct file *, unsigned int, unsigned long);
	int (*mmap)(struct file *, struct vm_area_struct *);
	unsigned long mmap_supported_flags;
	int (*open)(struct inode *, struct file *);
	int (*flush)(struct file *, fl_owner_t id);
	int (*release)(struct inode *, struct file *);
	int (*fsync)(struct file *, loff_t, loff_t, int datasync);
	int (*fasync)(int, struct file *, int);
	int (*lock)(struct file *, int, struct file_lock *);
	ssize_t (*sendpage)(struct file *, struct page *, int, size_t, loff_t *, int);
	unsigned long (*get_unmapped_area)(struct file *, unsigned long, unsigned long,
					   unsigned long, unsigned long);
	int (*check_flags)(int);
	int (*flock)(struct file *, int, struct file_lock *);
	ssize_t (*splice_write)(struct pipe_inode_info *, struct file *, loff_t *, size_t, unsigned int);
	ssize_t (*splice_read)(struct file *, loff_t *, struct pipe_inode_info *, size_t, unsigned int);
	int (*setlease)(struct file *, long, struct file_lock **, void **);
	long (*fallocate)(struct file *file, int mode, loff_t offset, loff_t len);
	void (*show_fdinfo)(struct seq_file *m, struct file *f);
	ssize_t (*copy_file_range)(struct file *, loff_t, struct file *, loff_t, size_t, unsigned int);
	loff_t (*remap_file_range)(struct file *file_in, loff_t pos_in, struct file *file_out,
				   loff_t pos_out, loff_t len, unsigned int remap_flags);
	int (*fadvise)(struct file *, loff_t, loff_t, int);
	int (*uring_cmd)(struct io_uring_cmd *ioucmd, unsigned int issue_flags);
	int (*uring_cmd_iopoll)(struct io_uring_cmd *, struct io_comp_batch *, unsigned int poll_flags);
};

struct kiocb {
	struct file *ki_filp;
	loff_t ki_pos;
	void (*ki_complete)(struct kiocb *iocb, long ret);
#ifdef __cplusplus
	void * private_;	/* "private" is a C++ keyword */
#else
	void * private;
#endif
	int ki_flags;
	u16 ki_ioprio;
};

static inline struct inode *file_inode(const struct file *f) { return f->f_inode; }
static inline unsigned iminor(const struct inode *inode) { return MINOR(inode->i_rdev); }
static inline unsigned imajor(const struct inode *inode) { return MAJOR(inode->i_rdev); }
static inline loff_t i_size_read(const struct inode *inode) { return inode->i_size; }

#ifdef __cplusplus
extern "C" {
#endif
/* Character devices and files (6.1 semantics; docs/api-coverage.md). */
int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
		      const char *name, const struct file_operations *fops);
void __unregister_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
			 const char *name);
int alloc_chrdev_region(dev_t *dev, unsigned baseminor, unsigned count, const char *name);
int register_chrdev_region(dev_t from, unsigned count, const char *name);
void unregister_chrdev_region(dev_t from, unsigned count);

loff_t no_llseek(struct file *file, loff_t offset, int whence);
loff_t noop_llseek(struct file *file, loff_t offset, int whence);
loff_t default_llseek(struct file *file, loff_t offset, int whence);
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence);
loff_t fixed_size_llseek(struct file *file, loff_t offset, int whence, loff_t size);
int nonseekable_open(struct inode *inode, struct file *filp);
int stream_open(struct inode *inode, struct file *filp);
int simple_open(struct inode *inode, struct file *file);
ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos,
				const void *from, size_t available);
ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos,
			       const void __user *from, size_t count);
ssize_t memory_read_from_buffer(void *to, size_t count, loff_t *ppos,
				const void *from, size_t available);
int simple_attr_open(struct inode *inode, struct file *file, int (*get)(void *, u64 *),
		     int (*set)(void *, u64), const char *fmt);
int simple_attr_release(struct inode *inode, struct file *file);
ssize_t simple_attr_read(struct file *file, char __user *buf, size_t len, loff_t *ppos);
ssize_t simple_attr_write(struct file *file, const char __user *buf, size_t len, loff_t *ppos);
ssize_t simple_attr_write_signed(struct file *file, const char __user *buf, size_t len, loff_t *ppos);
int fasync_helper(int fd, struct file *filp, int on, struct fasync_struct **fapp);
void kill_fasync(struct fasync_struct **fp, int sig, int band);
struct file *filp_open(const char *filename, int flags, umode_t mode);
int filp_close(struct file *filp, fl_owner_t id);
ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos);
ssize_t kernel_write(struct file *file, const void *buf, size_t count, loff_t *pos);
loff_t vfs_llseek(struct file *file, loff_t offset, int whence);
/* Declared as 6.1 declares them, and as in 6.1 not exported: a module calling them does not
 * load ("Unknown symbol vfs_read"); kernel_read/kernel_write are the calls for modules. */
ssize_t vfs_read(struct file *file, char __user *buf, size_t count, loff_t *pos);
ssize_t vfs_write(struct file *file, const char __user *buf, size_t count, loff_t *pos);
#ifdef __cplusplus
}
#endif

static inline __printf(1, 2) void __simple_attr_check_format(const char *fmt, ...) { (void)fmt; }

/* A file of one number: get() shows it in __fmt, set() takes what is written (simple_attr_*);
 * debugfs.h's DEFINE_DEBUGFS_ATTRIBUTE makes the same file with its own read, write and llseek. */
#define __KSHIM_SIMPLE_ATTR_FOPS(__fops, __get, __set, __fmt, __read, __write, __llseek)	\
static int __fops ## _open(struct inode *inode, struct file *file)	\
{									\
	__simple_attr_check_format(__fmt, 0ull);			\
	return simple_attr_open(inode, file, __get, __set, __fmt);	\
}									\
static const struct file_operations __fops = {				\
	.owner	 = THIS_MODULE,						\
	.open	 = __fops ## _open,					\
	.release = simple_attr_release,					\
	.read	 = __read,						\
	.write	 = __write,						\
	.llseek	 = __llseek,						\
}
#define DEFINE_SIMPLE_ATTRIBUTE_XSIGNED(__fops, __get, __set, __fmt, __is_signed)		\
	__KSHIM_SIMPLE_ATTR_FOPS(__fops, __get, __set, __fmt, simple_attr_read,		\
				 (__is_signed) ? simple_attr_write_signed : simple_attr_write,	\
				 generic_file_llseek)
#define DEFINE_SIMPLE_ATTRIBUTE(__fops, __get, __set, __fmt) \
	DEFINE_SIMPLE_ATTRIBUTE_XSIGNED(__fops, __get, __set, __fmt, false)
#define DEFINE_SIMPLE_ATTRIBUTE_SIGNED(__fops, __get, __set, __fmt) \
	DEFINE_SIMPLE_ATTRIBUTE_XSIGNED(__fops, __get, __set, __fmt, true)

static inline int register_chrdev(unsigned int major, const char *name,
				  const struct file_operations *fops)
{
	return __register_chrdev(major, 0, 256, name, fops);
}

static inline void unregister_chrdev(unsigned int major, const char *name)
{
	__unregister_chrdev(major, 0, 256, name);
}

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/xarray.h"
#include "linux/radix-tree.h"
#endif

#endif
