// /proc files over seq_file: the show() or iterator of each entry, handed to single_open or seq_open(_private) at open.
#include "fs/proc_seq.hpp"

#include "fs/procfs.hpp"
#include "fs/vfs.hpp"
#include "kernel.hpp"

#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/proc_fs.h"
#include "linux/seq_file.h"

namespace kshim {

namespace {

// 6.1's proc_single_ops and proc_seq_ops, read through seq_read.
constexpr struct proc_ops make_ops(int (*open)(struct inode *, struct file *), int (*release)(struct inode *, struct file *))
{
    struct proc_ops o {};
    o.proc_open = open;
    o.proc_read = seq_read;
    o.proc_lseek = seq_lseek;
    o.proc_release = release;
    return o;
}

constexpr struct proc_ops proc_single_ops = make_ops(kshim_proc_single_open, single_release);
constexpr struct proc_ops proc_seq_ops = make_ops(kshim_proc_seq_open, kshim_proc_seq_release);

}  // namespace

struct proc_dir_entry *ProcSeq::remember(struct proc_dir_entry *de, const Entry &e)
{
    if (!de)
        return nullptr;
    Node *n = k_.fs().by_cookie(de);
    entries_[n->inode.get()] = e;
    return de;
}

const ProcSeq::Entry *ProcSeq::entry(const struct inode *inode) const
{
    auto it = entries_.find(inode);
    return it == entries_.end() ? nullptr : &it->second;
}

struct proc_dir_entry *ProcSeq::create_single(const char *name, unsigned short mode, struct proc_dir_entry *parent,
                                              Show show, void *data, const void *caller)
{
    Entry e;
    e.show = show;
    return remember(k_.fs().procfs().create(name, mode, parent, &proc_single_ops, data, caller), e);
}

struct proc_dir_entry *ProcSeq::create_seq(const char *name, unsigned short mode, struct proc_dir_entry *parent,
                                           const struct seq_operations *ops, unsigned state_size, void *data,
                                           const void *caller)
{
    Entry e;
    e.ops = ops;
    e.state_size = state_size;
    return remember(k_.fs().procfs().create(name, mode, parent, &proc_seq_ops, data, caller), e);
}

int ProcSeq::open_single(struct inode *inode, struct file *file) const
{
    const Entry *e = entry(inode);
    return e ? single_open(file, e->show, pde_data(inode)) : -ENOENT;
}

// seq_open_private when the entry has a state size (m->private then is that state), else seq_open.
int ProcSeq::open_seq(struct inode *inode, struct file *file) const
{
    const Entry *e = entry(inode);
    if (!e)
        return -ENOENT;
    if (e->state_size)
        return seq_open_private(file, e->ops, (int)e->state_size);
    return seq_open(file, e->ops);
}

int ProcSeq::release_seq(struct inode *inode, struct file *file) const
{
    const Entry *e = entry(inode);
    if (e && e->state_size)
        return seq_release_private(inode, file);
    return seq_release(inode, file);
}

}  // namespace kshim
