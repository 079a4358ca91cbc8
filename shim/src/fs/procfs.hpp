// procfs registration (fs/proc/generic.c of 6.1): entries under /proc named by path, their data, size and owner.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

struct inode;

struct proc_dir_entry;
struct proc_ops;
struct seq_file;
struct seq_operations;

namespace kshim {

class Kernel;
class Module;
struct Node;

// A proc_dir_entry * is the Node * of the entry (Node::cookie); NULL as a parent means /proc.
// All process context; removal may sleep (it waits for calls in flight).
class Procfs {
public:
    explicit Procfs(Kernel &k) : k_(k) {}

    // proc_create_data: a regular file (S_IFREG added, 0444 if no permission bit); NULL and a
    // WARNING if the name is taken, NULL if a directory on its path is missing.
    struct proc_dir_entry *create(const char *name, uint16_t mode, struct proc_dir_entry *parent,
                                  const struct proc_ops *ops, void *data, const void *caller);
    // proc_create_seq_private / proc_create_single_data: a file read through seq_file.
    struct proc_dir_entry *create_seq(const char *name, uint16_t mode, struct proc_dir_entry *parent,
                                      const struct seq_operations *ops, unsigned state_size, void *data,
                                      const void *caller);
    struct proc_dir_entry *create_single(const char *name, uint16_t mode, struct proc_dir_entry *parent,
                                         int (*show)(struct seq_file *, void *), void *data, const void *caller);
    struct proc_dir_entry *mkdir(const char *name, uint16_t mode, struct proc_dir_entry *parent, void *data,
                                 const void *caller);
    // remove_proc_entry: a WARNING "name '...'" if there is none; remove_proc_subtree: -ENOENT.
    void remove_entry(const char *name, struct proc_dir_entry *parent, bool subtree_ok = false);
    int remove_subtree(const char *name, struct proc_dir_entry *parent);
    void remove(struct proc_dir_entry *de);
    void set_size(struct proc_dir_entry *de, int64_t size);
    void set_user(struct proc_dir_entry *de, unsigned uid, unsigned gid);
    static void *data(const struct inode *inode);   // pde_data

private:
    Node *dir_of(struct proc_dir_entry *parent) const;
    // xlate_proc_name: the directory holding the last component of name, and that component.
    Node *walk(const char *name, struct proc_dir_entry *parent, std::string_view &last) const;
    void warn(const std::string &msg, const void *caller);

    Kernel &k_;
};

}  // namespace kshim
