// The internal namespace and VFS core: a tree of nodes (/dev, /proc, /sys, /sys/kernel/debug), open files and their dispatch.
#pragma once

// Node-registration API (stable: seq_file, sysfs and debugfs build on it).
//
//   Vfs &v = k.fs();
//   Node *dir  = v.add_dir(v.proc(), "mydir", 0555, owner);               // a directory
//   Node *file = v.add_file(dir, "x", 0644, &fops, data, owner);          // fops dispatch, i_private = data
//   Node *pf   = v.add_proc_file(v.proc(), "y", 0444, &pops, data, owner);  // proc_ops dispatch (6.1 proc_reg_*)
//   Node *dev  = v.add_chrdev(v.dev(), "z", 0600, MKDEV(254, 0), owner);  // opens the cdev of the number
//   Node *txt  = v.add_text(v.proc(), "devices", 0444, [] { return std::string("..."); });  // kernel's own text
//   v.remove(node);                                                       // with its subtree
//
// Every add_* returns nullptr when the name is taken in that directory (the caller maps it to
// -EEXIST or NULL as its API does). `owner` is the module that registered the entry (from the
// bridge's return address via ModuleAddressMap), used for the unload leak report; nullptr for the
// kernel's own. `Node::cookie` is what a C API hands out for the node (a proc_dir_entry *, a dentry *):
// Vfs::by_cookie maps it back. A File node whose fops->owner is set pins that module while open
// (try_module_get at open, module_put at the last fput); proc files never pin: their removal
// waits for calls in flight and releases the files still open (later calls get -EIO).
//
// File operations (open/read/write/llseek/ioctl/poll/fput) run in process context (a user task
// or a kthread) and may sleep; they return 6.1's values (-errno on failure).

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <sys/types.h>

#include "fs/module_pins.hpp"
#include "module/address_map.hpp"

struct dentry;
struct file;
struct file_operations;
struct inode;
struct module;
struct proc_ops;
struct kiocb;
struct iov_iter;
struct poll_table_struct;

namespace kshim {

class Kernel;
class Module;
class Chrdevs;
class Fasync;
class Procfs;

// What a node is. Dir: holds children. File: dispatches to fops, or to pops for a proc file.
// Chrdev: a device node; open finds the cdev of its number (Chrdevs). Text: a file of the
// kernel's own (/proc/devices) whose contents a function makes at open.
enum class NodeKind : uint8_t { Dir, File, Chrdev, Text };

struct Node {
    Node();
    ~Node();
    Node(const Node &) = delete;
    Node &operator=(const Node &) = delete;

    std::string name;
    NodeKind kind = NodeKind::Dir;
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;   // in creation order
    const file_operations *fops = nullptr;         // File
    const struct proc_ops *pops = nullptr;         // File under /proc (then fops is unused)
    std::function<std::string()> text;             // Text
    const Module *owner = nullptr;                 // who registered it; nullptr: the kernel
    const char *what = "file";                     // the leak report's noun: "proc entry", ...
    void *cookie = nullptr;                        // the C API's handle for this node
    std::unique_ptr<struct inode> inode;           // i_mode, i_rdev, i_private, i_size, i_uid
    std::unique_ptr<struct dentry> dentry;         // d_name, d_inode, d_parent: an open file's f_path.dentry
    unsigned open_files = 0;                       // struct files open on this node
    unsigned in_flight = 0;                        // proc calls running now (removal waits)
    bool gone = false;                             // removed: proc calls give -EIO
    bool detached = false;                         // out of the tree, kept for its open files
    bool read_only = false;                        // a --host-ro file: write opens are -EROFS
    std::string old_path;                          // its path when it was detached
    std::vector<struct file *> proc_openers;       // proc files open with a release to call
    const void *seq = nullptr;                     // proc_create_seq's seq_operations or
    unsigned seq_state = 0;                        //   proc_create_single's show, its state size

    std::string path() const;
    Node *child(std::string_view n) const;
};

class Vfs {
public:
    explicit Vfs(Kernel &k);
    ~Vfs();

    void set_pins(ModulePins *p) { pins_ = p; }
    Chrdevs &chrdevs() { return *chrdevs_; }
    Procfs &procfs() { return *procfs_; }
    Fasync &fasync() { return *fasync_; }

    // The tree. Atomic-safe lookups; the add_*/remove calls are process context (remove may
    // sleep while proc calls are in flight).
    Node *root() { return root_.get(); }
    Node *dev() { return dev_; }
    Node *proc() { return proc_; }
    Node *sys() { return sys_; }
    Node *debugfs() { return debugfs_; }
    Node *lookup(std::string_view path) const;
    Node *by_cookie(const void *cookie) const;
    Node *add_dir(Node *parent, std::string_view name, uint16_t mode, const Module *owner);
    Node *add_file(Node *parent, std::string_view name, uint16_t mode, const file_operations *fops,
                   void *data, const Module *owner);
    Node *add_proc_file(Node *parent, std::string_view name, uint16_t mode, const struct proc_ops *pops,
                        void *data, const Module *owner);
    Node *add_chrdev(Node *parent, std::string_view name, uint16_t mode, uint32_t devt, const Module *owner);
    Node *add_text(Node *parent, std::string_view name, uint16_t mode, std::function<std::string()> text);
    void remove(Node *n);
    // mknod PATH c: a device node at an absolute path; 0, -EEXIST, or -ENOENT without the directory.
    int mknod(std::string_view path, uint32_t devt, uint16_t mode);
    // The module that registers something: whose code holds the return address `caller`, else
    // whose image holds `object` (its fops, name or struct; a tail call hides the caller).
    const Module *owner_of(const void *caller, const void *object = nullptr) const;

    // Files. open: 0 and *out, or -errno (ENOENT, EISDIR, ENXIO, the open method's error).
    // Process context, may sleep.
    int open(std::string_view path, int flags, struct file **out);
    ssize_t read(struct file *f, char *buf, size_t n);   // buf: user memory
    ssize_t write(struct file *f, const char *buf, size_t n);
    // A Text file's bytes at *pos into a kernel buffer (kernel_read of a --host-ro file), pos
    // moved; -EINVAL for any other file.
    ssize_t read_text(struct file *f, void *buf, size_t n, int64_t *pos);
    int64_t llseek(struct file *f, int64_t off, int whence);
    long ioctl(struct file *f, unsigned cmd, unsigned long arg);
    // One poll of f's events (poll_wait registrations go to pt). Process context.
    unsigned poll(struct file *f, struct poll_table_struct *pt);
    // filp_close's first step: the flush method (0 without one); the caller then puts the file.
    int flush(struct file *f, void *owner);
    // get_file / fput: the last put runs release and drops the module pins. May sleep.
    void get(struct file *f);
    void put(struct file *f);
    Node *node_of(const struct file *f) const;
    size_t open_count() const { return open_.size(); }

    // Unload sweep: reports (KERN_ERR) and removes every entry `span`'s module left registered,
    // and names its files still open. Returns how many were reported. Process context.
    unsigned module_gone(const ModuleSpan &span);

private:
    struct OpenFile;
    Node *insert(Node *parent, std::string_view name, NodeKind kind, uint16_t mode, const Module *owner);
    void init_inode(Node *n, uint16_t mode);
    void name_dentry(Node *n, Node *parent);
    int open_node(Node *n, int flags, struct file **out);
    int open_chrdev(Node *n, OpenFile *of);
    int open_misc(Node *n, OpenFile *of);
    int open_proc(Node *n, OpenFile *of);
    void release(OpenFile *of);
    ssize_t sync_rw(ssize_t (*fn)(struct kiocb *, struct iov_iter *), struct file *f, char *buf, size_t n,
                    int64_t *ppos, unsigned dir);
    void drop(Node *n);
    void rundown_proc(Node *n);
    bool pin(OpenFile *of, struct module *m);
    OpenFile *of(const struct file *f) const;
    bool proc_enter(Node *n);
    void proc_leave(Node *n);

    Kernel &k_;
    ModulePins *pins_ = nullptr;
    std::unique_ptr<Node> root_;
    Node *dev_ = nullptr, *proc_ = nullptr, *sys_ = nullptr, *debugfs_ = nullptr;
    std::unique_ptr<Chrdevs> chrdevs_;
    std::unique_ptr<Procfs> procfs_;
    std::unique_ptr<Fasync> fasync_;
    std::vector<std::unique_ptr<OpenFile>> open_;
    unsigned long next_ino_ = 2;
};

}  // namespace kshim
