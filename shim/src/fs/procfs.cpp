// procfs registration: proc_create/proc_mkdir/remove_proc_entry over the VFS tree, with 6.1's warnings.
#include "fs/procfs.hpp"

#include <sys/stat.h>

#include <string>

#include "debug/report.hpp"
#include "fs/vfs.hpp"
#include "kernel.hpp"
#include "printk/strprintf.hpp"

#include "linux/proc_fs.h"
#include "linux/seq_file.h"

namespace kshim {

namespace {

// The proc_ops of proc_create_single and proc_create_seq (fs/proc/generic.c's proc_single_ops
// and proc_seq_ops). They run as proc_ops methods, called through a C pointer with no kernel to
// hand, hence Kernel::get(). Process context, may sleep.
Node *node_of_file(struct file *file) { return Kernel::get().fs().node_of(file); }

int single_open_proc(struct inode *inode, struct file *file)
{
    auto show = reinterpret_cast<int (*)(struct seq_file *, void *)>(const_cast<void *>(node_of_file(file)->seq));
    return single_open(file, show, inode->i_private);
}

int seq_open_proc(struct inode *, struct file *file)
{
    Node *n = node_of_file(file);
    auto *ops = static_cast<const struct seq_operations *>(n->seq);
    if (n->seq_state)
        return seq_open_private(file, ops, n->seq_state);
    return seq_open(file, ops);
}

int seq_release_proc(struct inode *inode, struct file *file)
{
    if (node_of_file(file)->seq_state)
        return seq_release_private(inode, file);
    return seq_release(inode, file);
}

const struct proc_ops single_ops = {
    .proc_open = single_open_proc,
    .proc_read_iter = seq_read_iter,
    .proc_lseek = seq_lseek,
    .proc_release = single_release,
};

const struct proc_ops seq_ops = {
    .proc_open = seq_open_proc,
    .proc_read_iter = seq_read_iter,
    .proc_lseek = seq_lseek,
    .proc_release = seq_release_proc,
};

}  // namespace

struct proc_dir_entry *Procfs::create_seq(const char *name, uint16_t mode, struct proc_dir_entry *parent,
                                          const struct seq_operations *ops, unsigned state_size, void *data,
                                          const void *caller)
{
    struct proc_dir_entry *de = create(name, mode, parent, &seq_ops, data, caller);
    if (de) {
        Node *n = reinterpret_cast<Node *>(de);
        n->seq = ops;
        n->seq_state = state_size;
        n->owner = k_.fs().owner_of(caller, ops);
    }
    return de;
}

struct proc_dir_entry *Procfs::create_single(const char *name, uint16_t mode, struct proc_dir_entry *parent,
                                             int (*show)(struct seq_file *, void *), void *data, const void *caller)
{
    struct proc_dir_entry *de = create(name, mode, parent, &single_ops, data, caller);
    if (de) {
        Node *n = reinterpret_cast<Node *>(de);
        n->seq = reinterpret_cast<const void *>(show);
        n->owner = k_.fs().owner_of(caller, reinterpret_cast<const void *>(show));
    }
    return de;
}

Node *Procfs::dir_of(struct proc_dir_entry *parent) const
{
    return parent ? reinterpret_cast<Node *>(parent) : k_.fs().proc();
}

Node *Procfs::walk(const char *name, struct proc_dir_entry *parent, std::string_view &last) const
{
    Node *dir = dir_of(parent);
    std::string_view rest(name);
    for (size_t slash; (slash = rest.find('/')) != std::string_view::npos; rest = rest.substr(slash + 1)) {
        dir = dir->child(rest.substr(0, slash));
        if (!dir || dir->kind != NodeKind::Dir)
            return nullptr;
    }
    last = rest;
    return dir;
}

void Procfs::warn(const std::string &msg, const void *caller)
{
    k_.reports().warn("fs/proc/generic.c", 0, (uintptr_t)caller, msg);
}

struct proc_dir_entry *Procfs::create(const char *name, uint16_t mode, struct proc_dir_entry *parent,
                                      const struct proc_ops *ops, void *data, const void *caller)
{
    if ((mode & S_IFMT) == 0)
        mode |= S_IFREG;
    if ((mode & 07777) == 0)
        mode |= 0444;
    std::string_view last;
    Node *dir = walk(name, parent, last);
    if (!dir || last.empty())
        return nullptr;
    if (dir->child(last)) {
        warn(strprintf("proc_dir_entry '%s/%s' already registered", dir == k_.fs().proc() ? "/proc" : dir->name.c_str(),
                       std::string(last).c_str()), caller);
        return nullptr;
    }
    Node *n = k_.fs().add_proc_file(dir, last, mode, ops, data, k_.fs().owner_of(caller, ops));
    return reinterpret_cast<struct proc_dir_entry *>(n);
}

struct proc_dir_entry *Procfs::mkdir(const char *name, uint16_t mode, struct proc_dir_entry *parent, void *data,
                                     const void *caller)
{
    std::string_view last;
    Node *dir = walk(name, parent, last);
    if (!dir || last.empty())
        return nullptr;
    if (dir->child(last)) {
        warn(strprintf("proc_dir_entry '%s/%s' already registered", dir == k_.fs().proc() ? "/proc" : dir->name.c_str(),
                       std::string(last).c_str()), caller);
        return nullptr;
    }
    Node *n = k_.fs().add_dir(dir, last, mode ? mode : 0555, k_.fs().owner_of(caller, name));
    n->what = "proc entry";
    n->inode->i_private = data;
    return reinterpret_cast<struct proc_dir_entry *>(n);
}

void Procfs::remove_entry(const char *name, struct proc_dir_entry *parent, bool)
{
    std::string_view last;
    Node *dir = walk(name, parent, last);
    Node *n = dir ? dir->child(last) : nullptr;
    if (!n) {
        warn(strprintf("name '%s'", name), __builtin_return_address(0));
        return;
    }
    if (!n->children.empty())
        warn(strprintf("remove_proc_entry: removing non-empty directory '%s/%s', leaking at least '%s'",
                       dir == k_.fs().proc() ? "/proc" : dir->name.c_str(), n->name.c_str(),
                       n->children.front()->name.c_str()),
             __builtin_return_address(0));
    k_.fs().remove(n);
}

int Procfs::remove_subtree(const char *name, struct proc_dir_entry *parent)
{
    std::string_view last;
    Node *dir = walk(name, parent, last);
    Node *n = dir ? dir->child(last) : nullptr;
    if (!n)
        return -ENOENT;
    k_.fs().remove(n);
    return 0;
}

void Procfs::remove(struct proc_dir_entry *de)
{
    if (de)
        k_.fs().remove(reinterpret_cast<Node *>(de));
}

void *Procfs::data(const struct inode *inode) { return inode->i_private; }

void Procfs::set_size(struct proc_dir_entry *de, int64_t size) { reinterpret_cast<Node *>(de)->inode->i_size = size; }

void Procfs::set_user(struct proc_dir_entry *de, unsigned uid, unsigned gid)
{
    Node *n = reinterpret_cast<Node *>(de);
    n->inode->i_uid.val = uid;
    n->inode->i_gid.val = gid;
}

}  // namespace kshim
