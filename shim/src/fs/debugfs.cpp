// debugfs directories and files: creation with 6.1's duplicate reports, lookup, recursive removal.
#include "fs/debugfs.hpp"

#include <cstring>

#include "fs/vfs.hpp"
#include "kernel.hpp"

#include "linux/dcache.h"
#include "linux/err.h"
#include "linux/fs.h"
#include "linux/printk.h"
#include "linux/stat.h"

namespace kshim {

Debugfs::Debugfs(Kernel &k) : k_(k), root_(std::make_unique<struct dentry>())
{
    Node *n = k_.fs().debugfs();
    root_->d_name.name = reinterpret_cast<const unsigned char *>("/");
    root_->d_name.len = 1;
    root_->d_inode = n->inode.get();
    root_->d_parent = root_.get();
    n->cookie = root_.get();
}

Debugfs::~Debugfs() = default;

Node *Debugfs::node_of(struct dentry *d) const
{
    return !d || d == root_.get() ? k_.fs().debugfs() : k_.fs().by_cookie(d);
}

struct dentry *Debugfs::dentry_for(Node *n, struct dentry *parent)
{
    auto d = std::make_unique<struct dentry>();
    d->d_name.name = reinterpret_cast<const unsigned char *>(n->name.c_str());
    d->d_name.len = (unsigned)n->name.size();
    d->d_inode = n->inode.get();
    d->d_parent = parent ? parent : root_.get();
    n->cookie = d.get();
    n->what = "debugfs entry";
    dentries_.push_back(std::move(d));
    return dentries_.back().get();
}

// start_creating: the directory to create name in, or the ERR_PTR the creator returns.
struct dentry *Debugfs::start(const char *name, struct dentry *parent, Node **dir) const
{
    if (IS_ERR(parent))
        return parent;
    *dir = node_of(parent);
    if (!*dir || (*dir)->gone || (*dir)->kind != NodeKind::Dir)
        return static_cast<struct dentry *>(ERR_PTR(-ENOENT));
    if (Node *old = (*dir)->child(name)) {
        const char *pname = parent ? reinterpret_cast<const char *>(parent->d_name.name) : "/";
        if (old->kind == NodeKind::Dir)
            printk(KERN_ERR "debugfs: Directory '%s' with parent '%s' already present!\n", name, pname);
        else
            printk(KERN_ERR "debugfs: File '%s' in directory '%s' already present!\n", name, pname);
        return static_cast<struct dentry *>(ERR_PTR(-EEXIST));
    }
    return nullptr;
}

struct dentry *Debugfs::create_dir(const char *name, struct dentry *parent, const void *caller)
{
    Node *dir = nullptr;
    if (struct dentry *err = start(name, parent, &dir))
        return err;
    Node *n = k_.fs().add_dir(dir, name, S_IFDIR | 0755, k_.fs().owner_of(caller));
    return n ? dentry_for(n, parent) : static_cast<struct dentry *>(ERR_PTR(-ENOMEM));
}

// A regular file (S_IFREG added when mode has no type) whose inode's i_private is data.
struct dentry *Debugfs::create_file(const char *name, unsigned short mode, struct dentry *parent, void *data,
                                    const file_operations *fops, const void *caller)
{
    Node *dir = nullptr;
    if (struct dentry *err = start(name, parent, &dir))
        return err;
    if (!(mode & S_IFMT))
        mode |= S_IFREG;
    Node *n = k_.fs().add_file(dir, name, mode, fops, data, k_.fs().owner_of(caller));
    return n ? dentry_for(n, parent) : static_cast<struct dentry *>(ERR_PTR(-ENOMEM));
}

struct dentry *Debugfs::lookup(const char *name, struct dentry *parent) const
{
    if (IS_ERR(parent))
        return nullptr;
    Node *dir = node_of(parent);
    Node *n = dir && !dir->gone ? dir->child(name) : nullptr;
    return n ? static_cast<struct dentry *>(n->cookie) : nullptr;
}

void Debugfs::remove(struct dentry *d)
{
    if (IS_ERR_OR_NULL(d) || d == root_.get())
        return;
    if (Node *n = k_.fs().by_cookie(d))
        k_.fs().remove(n);
}

void Debugfs::set_size(struct dentry *d, long long size)
{
    if (!IS_ERR_OR_NULL(d) && d->d_inode)
        d->d_inode->i_size = size;
}

}  // namespace kshim
