// debugfs (fs/debugfs of 6.1): directories and files under /sys/kernel/debug named by dentries, lookup and recursive removal.
#pragma once

#include <memory>
#include <string>
#include <vector>

struct dentry;
struct file_operations;

namespace kshim {

class Kernel;
struct Node;

// A struct dentry * handed to modules is one of ours (d_name, d_inode, d_parent filled); the
// node's cookie points back at it. NULL as a parent means the debugfs root. Process context.
class Debugfs {
public:
    explicit Debugfs(Kernel &k);
    ~Debugfs();
    Debugfs(const Debugfs &) = delete;
    Debugfs &operator=(const Debugfs &) = delete;

    // ERR_PTR(-EEXIST) and 6.1's "already present!" line for a name taken; ERR_PTR(-ENOENT)
    // for a parent that is gone (or an ERR_PTR parent, passed through as 6.1 does).
    struct dentry *create_dir(const char *name, struct dentry *parent, const void *caller);
    struct dentry *create_file(const char *name, unsigned short mode, struct dentry *parent, void *data,
                               const file_operations *fops, const void *caller);
    struct dentry *lookup(const char *name, struct dentry *parent) const;
    void remove(struct dentry *d);   // with everything under it; NULL and ERR_PTR are ignored
    void set_size(struct dentry *d, long long size);  // the inode's i_size (debugfs_create_file_size)

private:
    Node *node_of(struct dentry *d) const;
    struct dentry *dentry_for(Node *n, struct dentry *parent);
    struct dentry *start(const char *name, struct dentry *parent, Node **dir) const;

    Kernel &k_;
    std::unique_ptr<struct dentry> root_;
    std::vector<std::unique_ptr<struct dentry>> dentries_;   // kept after removal (stale handles stay readable)
};

}  // namespace kshim
