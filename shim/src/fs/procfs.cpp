// procfs registration: proc_create/proc_mkdir/remove_proc_entry over the VFS tree, with 6.1's warnings.
#include "fs/procfs.hpp"

#include <sys/stat.h>

#include <string>

#include "debug/report.hpp"
#include "fs/vfs.hpp"
#include "kernel.hpp"
#include "printk/strprintf.hpp"

#include "linux/proc_fs.h"

namespace kshim {

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
    Node *n = k_.fs().add_proc_file(dir, last, mode, ops, data, k_.fs().owner_of(caller));
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
    Node *n = k_.fs().add_dir(dir, last, mode ? mode : 0555, k_.fs().owner_of(caller));
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
