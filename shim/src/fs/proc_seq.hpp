// /proc files over seq_file (fs/proc/generic.c of 6.1): proc_create_single_data and proc_create_seq_private.
#pragma once

#include <unordered_map>

struct file;
struct inode;
struct proc_dir_entry;
struct seq_file;
struct seq_operations;

extern "C" {
// The bridges (fs/proc_seq_api.cpp) to ProcSeq's open and release, for the entries' proc_ops.
int kshim_proc_single_open(struct inode *inode, struct file *file);
int kshim_proc_seq_open(struct inode *inode, struct file *file);
int kshim_proc_seq_release(struct inode *inode, struct file *file);
}

namespace kshim {

class Kernel;

// Registers the entry with Procfs under proc_ops of its own and remembers, per inode, the
// show() or seq_operations its open hands to single_open / seq_open(_private). Process context.
class ProcSeq {
public:
    using Show = int (*)(struct seq_file *, void *);
    explicit ProcSeq(Kernel &k) : k_(k) {}

    struct proc_dir_entry *create_single(const char *name, unsigned short mode, struct proc_dir_entry *parent,
                                         Show show, void *data, const void *caller);
    struct proc_dir_entry *create_seq(const char *name, unsigned short mode, struct proc_dir_entry *parent,
                                      const struct seq_operations *ops, unsigned state_size, void *data,
                                      const void *caller);
    // The open and release of those entries (the proc_ops' methods). May sleep.
    int open_single(struct inode *inode, struct file *file) const;
    int open_seq(struct inode *inode, struct file *file) const;
    int release_seq(struct inode *inode, struct file *file) const;

private:
    struct Entry {
        Show show = nullptr;
        const struct seq_operations *ops = nullptr;
        unsigned state_size = 0;
    };
    struct proc_dir_entry *remember(struct proc_dir_entry *de, const Entry &e);
    const Entry *entry(const struct inode *inode) const;

    Kernel &k_;
    std::unordered_map<const struct inode *, Entry> entries_;   // a new entry at a reused inode replaces the old
};

}  // namespace kshim
