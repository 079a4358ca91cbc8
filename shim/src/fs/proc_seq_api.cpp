// extern "C" bridges for the seq_file-backed /proc entries (ProcSeq), and the proc_ops their files use.
#include "fs/proc_seq.hpp"
#include "kernel.hpp"

#include "linux/proc_fs.h"
#include "linux/seq_file.h"

using kshim::Kernel;

namespace {

kshim::ProcSeq &proc_seq() { return Kernel::get().proc_seq(); }

}  // namespace

extern "C" {

// The open and release of proc_single_ops / proc_seq_ops (fs/proc_seq.cpp).
int kshim_proc_single_open(struct inode *inode, struct file *file) { return proc_seq().open_single(inode, file); }
int kshim_proc_seq_open(struct inode *inode, struct file *file) { return proc_seq().open_seq(inode, file); }
int kshim_proc_seq_release(struct inode *inode, struct file *file) { return proc_seq().release_seq(inode, file); }

struct proc_dir_entry *proc_create_single_data(const char *name, umode_t mode, struct proc_dir_entry *parent,
                                               int (*show)(struct seq_file *, void *), void *data)
{
    return proc_seq().create_single(name, mode, parent, show, data, __builtin_return_address(0));
}

struct proc_dir_entry *proc_create_seq_private(const char *name, umode_t mode, struct proc_dir_entry *parent,
                                               const struct seq_operations *ops, unsigned int state_size, void *data)
{
    return proc_seq().create_seq(name, mode, parent, ops, state_size, data, __builtin_return_address(0));
}

}  // extern "C"
