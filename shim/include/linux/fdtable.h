/* A task's open files: struct fdtable and files_struct (6.1 layouts); looking files up is not implemented yet. */
#ifndef __LINUX_FDTABLE_H
#define __LINUX_FDTABLE_H

#include "linux/compiler.h"
#include "linux/spinlock.h"
#include "linux/rcupdate.h"
#include "linux/types.h"
#include "linux/init.h"
#include "linux/fs.h"
#include "linux/atomic.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/stddef.h"
#include "asm/bitsperlong.h"
#endif

#define NR_OPEN_DEFAULT BITS_PER_LONG
#define NR_OPEN_MAX ~0U

struct fdtable {
	unsigned int max_fds;
	struct file __rcu **fd;
	unsigned long *close_on_exec;
	unsigned long *open_fds;
	unsigned long *full_fds_bits;
	struct rcu_head rcu;
};

struct files_struct {
	atomic_t count;
	bool resize_in_progress;
	wait_queue_head_t resize_wait;
	struct fdtable __rcu *fdt;
	struct fdtable fdtab;
	spinlock_t file_lock ____cacheline_aligned_in_smp;
	unsigned int next_fd;
	unsigned long close_on_exec_init[1];
	unsigned long open_fds_init[1];
	unsigned long full_fds_bits_init[1];
	struct file __rcu *fd_array[NR_OPEN_DEFAULT];
};

#define files_fdtable(files) rcu_dereference((files)->fdt)

#ifdef __cplusplus
extern "C" {
#endif
/* Not implemented yet: reports and returns NULL (no such file). */
struct file *lookup_fd_rcu(unsigned int fd);
struct file *files_lookup_fd_rcu(struct files_struct *files, unsigned int fd);
#ifdef __cplusplus
}
#endif

#endif
