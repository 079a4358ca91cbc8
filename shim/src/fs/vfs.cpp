// The VFS core: the namespace tree, struct file life cycles and 6.1's read/write/llseek/ioctl/poll dispatch.
#include "fs/vfs.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstring>

#include "debug/report.hpp"
#include "fs/chrdev.hpp"
#include "fs/fasync.hpp"
#include "fs/llseek.hpp"
#include "fs/procfs.hpp"
#include "kernel.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"
#include "sched/scheduler.hpp"

#include "linux/cdev.h"
#include "linux/miscdevice.h"
#include "linux/poll.h"
#include "linux/proc_fs.h"
#include "linux/uio.h"

namespace kshim {

// An open file: the struct file module code sees, the node, and the modules it pins.
struct Vfs::OpenFile {
    struct file f{};
    Node *node = nullptr;
    struct cdev *cdev = nullptr;     // the cdev a device node resolved to (its use counted)
    struct module *pinned[2] = {nullptr, nullptr};
    std::string text;                // a Text node's contents, made at open
    bool proc = false;               // dispatch through node->pops
    bool released = false;           // a proc rundown already called its release
};

namespace {

constexpr size_t kMaxRwCount = 0x7ffff000;   // MAX_RW_COUNT: INT_MAX rounded down to a page

fmode_t mode_of_flags(int flags)
{
    fmode_t m = FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;
    switch (flags & O_ACCMODE) {
    case O_RDONLY: return m | FMODE_READ;
    case O_WRONLY: return m | FMODE_WRITE;
    default: return m | FMODE_READ | FMODE_WRITE;
    }
}

// do_dentry_open's f_flags after the open method: the creation flags go (the method saw them).
constexpr unsigned kCreationFlags = O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC;

}  // namespace

Node::Node() : inode(std::make_unique<struct inode>()), dentry(std::make_unique<struct dentry>()) {}
Node::~Node() = default;

std::string Node::path() const
{
    if (detached)
        return old_path;
    if (!parent)
        return "";
    return parent->path() + "/" + name;
}

Node *Node::child(std::string_view n) const
{
    for (auto &c : children)
        if (c->name == n)
            return c.get();
    return nullptr;
}

Vfs::Vfs(Kernel &k)
    : k_(k), root_(std::make_unique<Node>()), chrdevs_(std::make_unique<Chrdevs>(k)), procfs_(std::make_unique<Procfs>(k)),
      fasync_(std::make_unique<Fasync>(k))
{
    init_inode(root_.get(), S_IFDIR | 0755);
    name_dentry(root_.get(), nullptr);
    dev_ = add_dir(root(), "dev", 0755, nullptr);
    proc_ = add_dir(root(), "proc", 0555, nullptr);
    sys_ = add_dir(root(), "sys", 0555, nullptr);
    Node *kernel = add_dir(sys_, "kernel", 0755, nullptr);
    debugfs_ = add_dir(kernel, "debug", 0700, nullptr);
    add_text(proc_, "devices", 0444, [this] { return chrdevs_->proc_devices(); });
}

Vfs::~Vfs() = default;

// The node's dentry, as d_alloc makes it: its name, its inode, its parent's dentry.
void Vfs::name_dentry(Node *n, Node *parent)
{
    struct dentry *d = n->dentry.get();
    d->d_name.name = reinterpret_cast<const unsigned char *>(n->name.c_str());
    d->d_name.len = (u32)n->name.size();
    d->d_inode = n->inode.get();
    d->d_parent = parent ? parent->dentry.get() : d;
}

void Vfs::init_inode(Node *n, uint16_t mode)
{
    n->inode->i_mode = mode;
    n->inode->i_ino = next_ino_++;
    n->inode->__i_nlink = 1;
}

const Module *Vfs::owner_of(const void *caller, const void *object) const
{
    const Module *m = k_.module_map().find((uintptr_t)caller);
    return m ? m : k_.module_map().find((uintptr_t)object);
}

Node *Vfs::lookup(std::string_view path) const
{
    Node *n = root_.get();
    size_t i = 0;
    while (n && i < path.size()) {
        size_t j = path.find('/', i);
        if (j == std::string_view::npos)
            j = path.size();
        std::string_view part = path.substr(i, j - i);
        if (!part.empty() && part != ".")
            n = part == ".." ? (n->parent ? n->parent : n) : n->child(part);
        i = j + 1;
    }
    return n;
}

Node *Vfs::by_cookie(const void *cookie) const
{
    std::vector<Node *> todo{root_.get()};
    while (!todo.empty()) {
        Node *n = todo.back();
        todo.pop_back();
        if (n->cookie == cookie)
            return n;
        for (auto &c : n->children)
            todo.push_back(c.get());
    }
    return nullptr;
}

Node *Vfs::insert(Node *parent, std::string_view name, NodeKind kind, uint16_t mode, const Module *owner)
{
    if (!parent || parent->kind != NodeKind::Dir || name.empty() || parent->child(name))
        return nullptr;
    auto n = std::make_unique<Node>();
    n->name = std::string(name);
    n->kind = kind;
    n->parent = parent;
    n->owner = owner;
    n->cookie = n.get();
    init_inode(n.get(), mode);
    name_dentry(n.get(), parent);
    parent->children.push_back(std::move(n));
    return parent->children.back().get();
}

Node *Vfs::add_dir(Node *parent, std::string_view name, uint16_t mode, const Module *owner)
{
    return insert(parent, name, NodeKind::Dir, S_IFDIR | (mode & 07777), owner);
}

Node *Vfs::add_file(Node *parent, std::string_view name, uint16_t mode, const file_operations *fops,
                    void *data, const Module *owner)
{
    Node *n = insert(parent, name, NodeKind::File, S_IFREG | (mode & 07777), owner);
    if (n) {
        n->fops = fops;
        n->inode->i_private = data;
    }
    return n;
}

Node *Vfs::add_proc_file(Node *parent, std::string_view name, uint16_t mode, const struct proc_ops *pops,
                         void *data, const Module *owner)
{
    Node *n = add_file(parent, name, mode, nullptr, data, owner);
    if (n) {
        n->pops = pops;
        n->what = "proc entry";
    }
    return n;
}

Node *Vfs::add_chrdev(Node *parent, std::string_view name, uint16_t mode, uint32_t devt, const Module *owner)
{
    Node *n = insert(parent, name, NodeKind::Chrdev, S_IFCHR | (mode & 07777), owner);
    if (n) {
        n->inode->i_rdev = devt;
        n->what = "device node";
    }
    return n;
}

Node *Vfs::add_text(Node *parent, std::string_view name, uint16_t mode, std::function<std::string()> text)
{
    Node *n = insert(parent, name, NodeKind::Text, S_IFREG | (mode & 07777), nullptr);
    if (n)
        n->text = std::move(text);
    return n;
}

int Vfs::mknod(std::string_view path, uint32_t devt, uint16_t mode)
{
    size_t slash = path.rfind('/');
    Node *dir = slash == std::string_view::npos ? nullptr : lookup(path.substr(0, slash));
    if (!dir || dir->kind != NodeKind::Dir)
        return -ENOENT;
    return add_chrdev(dir, path.substr(slash + 1), mode, devt, nullptr) ? 0 : -EEXIST;
}

void Vfs::remove(Node *n)
{
    if (!n || !n->parent)
        return;
    drop(n);
    Node *p = n->parent;
    auto it = std::find_if(p->children.begin(), p->children.end(), [n](auto &c) { return c.get() == n; });
    if (n->open_files) {
        // Open files keep the node alive, detached from the tree, until their last fput.
        n->old_path = n->path();
        n->detached = true;
        it->release();
    }
    p->children.erase(it);
}

// Detaches n's subtree: proc entries wait for their calls in flight and release their openers.
void Vfs::drop(Node *n)
{
    while (!n->children.empty()) {
        Node *c = n->children.back().get();
        remove(c);
    }
    if (n->pops)
        rundown_proc(n);
    n->gone = true;
}

// proc_entry_rundown: no new calls; wait for those in flight; call the release of open files.
void Vfs::rundown_proc(Node *n)
{
    n->gone = true;
    Scheduler &s = k_.sched();
    while (n->in_flight && s.running())
        s.voluntary_point(true);
    for (struct file *f : n->proc_openers) {
        OpenFile *o = of(f);
        if (o && !o->released && n->pops->proc_release) {
            o->released = true;
            n->pops->proc_release(n->inode.get(), f);
        }
    }
    n->proc_openers.clear();
}

Vfs::OpenFile *Vfs::of(const struct file *f) const
{
    return reinterpret_cast<OpenFile *>(const_cast<struct file *>(f));
}

Node *Vfs::node_of(const struct file *f) const { return of(f)->node; }

bool Vfs::pin(OpenFile *o, struct module *m)
{
    if (!m)
        return true;
    if (!pins_ || !pins_->try_get(m))
        return false;
    o->pinned[o->pinned[0] ? 1 : 0] = m;
    return true;
}

int Vfs::open(std::string_view path, int flags, struct file **out)
{
    Node *n = lookup(path);
    if (!n)
        return -ENOENT;
    if (n->kind == NodeKind::Dir && (flags & O_ACCMODE) != O_RDONLY)
        return -EISDIR;
    return open_node(n, flags, out);
}

int Vfs::open_node(Node *n, int flags, struct file **out)
{
    auto o = std::make_unique<OpenFile>();
    struct file *f = &o->f;
    o->node = n;
    f->f_inode = n->inode.get();
    f->f_path.dentry = n->dentry.get();
    f->f_flags = flags;
    f->f_mode = mode_of_flags(flags);
    atomic_long_set(&f->f_count, 1);
    f->f_op = n->fops;
    int r = 0;
    if (n->kind == NodeKind::Chrdev)
        r = open_chrdev(n, o.get());
    else if (n->pops)
        r = open_proc(n, o.get());
    else if (n->read_only && (flags & O_ACCMODE) != O_RDONLY)
        r = -EROFS;
    else if (n->kind == NodeKind::Text)
        o->text = n->text();
    else if (n->fops && !pin(o.get(), n->fops->owner))
        r = -ENODEV;
    else if (n->fops && n->fops->open)
        r = n->fops->open(n->inode.get(), f);
    if (r) {
        for (struct module *m : o->pinned)
            if (m)
                pins_->put(m);
        if (o->cdev)
            chrdevs_->put(o->cdev);
        return r;
    }
    f->f_flags &= ~kCreationFlags;
    ++n->open_files;
    *out = f;
    open_.push_back(std::move(o));
    return 0;
}

// chrdev_open: the cdev of the node's number, pinned through its owner and its fops' owner;
// major 10 is misc_open's: the miscdevice's fops (pinned), the miscdevice as private_data.
int Vfs::open_chrdev(Node *n, OpenFile *o)
{
    if (MAJOR(n->inode->i_rdev) == Chrdevs::kMiscMajor)
        return open_misc(n, o);
    struct cdev *c = chrdevs_->get(n->inode->i_rdev);
    if (!c)
        return -ENXIO;
    o->cdev = c;
    if (!pin(o, c->owner) || !c->ops || !pin(o, c->ops->owner))
        return -ENXIO;
    n->inode->i_cdev = c;
    o->f.f_op = c->ops;
    if (o->f.f_op->open)
        return o->f.f_op->open(n->inode.get(), &o->f);
    return 0;
}

int Vfs::open_misc(Node *n, OpenFile *o)
{
    auto *m = static_cast<struct miscdevice *>(chrdevs_->misc_of(n->inode->i_rdev));
    if (!m || !m->fops || !pin(o, m->fops->owner))
        return -ENODEV;
    o->f.private_data = m;
    o->f.f_op = m->fops;
    if (o->f.f_op->open)
        return o->f.f_op->open(n->inode.get(), &o->f);
    return 0;
}

// proc_reg_open: no lseek without proc_lseek; the opener is remembered for a rundown's release.
int Vfs::open_proc(Node *n, OpenFile *o)
{
    o->proc = true;
    if (!n->pops->proc_lseek)
        o->f.f_mode &= ~FMODE_LSEEK;
    if (!proc_enter(n))
        return -ENOENT;
    int r = n->pops->proc_open ? n->pops->proc_open(n->inode.get(), &o->f) : 0;
    if (!r && n->pops->proc_release)
        n->proc_openers.push_back(&o->f);
    proc_leave(n);
    return r;
}

bool Vfs::proc_enter(Node *n)
{
    if (n->gone)
        return false;
    ++n->in_flight;
    return true;
}

void Vfs::proc_leave(Node *n) { --n->in_flight; }

// new_sync_read/new_sync_write: one user buffer as an ITER_UBUF iterator, the position in a kiocb.
ssize_t Vfs::sync_rw(ssize_t (*fn)(struct kiocb *, struct iov_iter *), struct file *f, char *buf, size_t n,
                     int64_t *ppos, unsigned dir)
{
    struct kiocb kio{};
    kio.ki_filp = f;
    kio.ki_pos = ppos ? *ppos : 0;
    struct iov_iter it;
    iov_iter_ubuf(&it, dir, buf, n);
    ssize_t r = fn(&kio, &it);
    if (ppos)
        *ppos = kio.ki_pos;
    return r;
}

ssize_t Vfs::read(struct file *f, char *buf, size_t n)
{
    OpenFile *o = of(f);
    if (!(f->f_mode & FMODE_READ))
        return -EBADF;
    n = std::min(n, kMaxRwCount);
    if (o->node->kind == NodeKind::Dir)
        return -EISDIR;   // generic_read_dir
    if (o->node->kind == NodeKind::Text) {
        size_t pos = std::min<size_t>(f->f_pos, o->text.size());
        size_t len = std::min(n, o->text.size() - pos);
        if (copy_to_user(buf, o->text.data() + pos, len))
            return -EFAULT;
        f->f_pos += len;
        return len;
    }
    // ksys_read: the method works on a copy of f_pos (none for a stream), stored back on success.
    loff_t pos = f->f_pos;
    loff_t *ppos = (f->f_mode & FMODE_STREAM) ? nullptr : &pos;
    ssize_t r = -EINVAL;
    if (o->proc) {
        if (!proc_enter(o->node))
            return -EIO;
        const struct proc_ops *p = o->node->pops;
        r = p->proc_read ? p->proc_read(f, buf, n, ppos)
                         : p->proc_read_iter ? sync_rw(p->proc_read_iter, f, buf, n, ppos, ITER_DEST) : -EIO;
        proc_leave(o->node);
    } else if (f->f_op && f->f_op->read) {
        r = f->f_op->read(f, buf, n, ppos);
    } else if (f->f_op && f->f_op->read_iter) {
        r = sync_rw(f->f_op->read_iter, f, buf, n, ppos, ITER_DEST);
    }
    if (r >= 0 && ppos)
        f->f_pos = pos;
    return r;
}

ssize_t Vfs::read_text(struct file *f, void *buf, size_t n, int64_t *pos)
{
    OpenFile *o = of(f);
    if (o->node->kind != NodeKind::Text || !(f->f_mode & FMODE_READ))
        return -EINVAL;
    const size_t at = std::min<size_t>(pos ? (size_t)std::max<int64_t>(*pos, 0) : 0, o->text.size());
    const size_t len = std::min(n, o->text.size() - at);
    std::memcpy(buf, o->text.data() + at, len);
    if (pos)
        *pos += (int64_t)len;
    return (ssize_t)len;
}

ssize_t Vfs::write(struct file *f, const char *buf, size_t n)
{
    OpenFile *o = of(f);
    if (!(f->f_mode & FMODE_WRITE))
        return -EBADF;
    n = std::min(n, kMaxRwCount);
    loff_t pos = f->f_pos;
    loff_t *ppos = (f->f_mode & FMODE_STREAM) ? nullptr : &pos;
    ssize_t r = -EINVAL;
    if (o->proc) {
        if (!proc_enter(o->node))
            return -EIO;
        r = o->node->pops->proc_write ? o->node->pops->proc_write(f, buf, n, ppos) : -EIO;
        proc_leave(o->node);
    } else if (f->f_op && f->f_op->write) {
        r = f->f_op->write(f, buf, n, ppos);
    } else if (f->f_op && f->f_op->write_iter) {
        r = sync_rw(f->f_op->write_iter, f, const_cast<char *>(buf), n, ppos, ITER_SOURCE);
    }
    if (r >= 0 && ppos)
        f->f_pos = pos;
    return r;
}

// vfs_llseek: no_llseek (-ESPIPE) without FMODE_LSEEK or a method; Text files seek as default_llseek.
int64_t Vfs::llseek(struct file *f, int64_t off, int whence)
{
    OpenFile *o = of(f);
    if (whence < SEEK_SET || whence > SEEK_MAX)
        return -EINVAL;
    if (!(f->f_mode & FMODE_LSEEK))
        return -ESPIPE;
    if (o->node->kind == NodeKind::Text)
        return kshim::default_llseek(f, off, whence);
    if (o->proc) {
        if (!proc_enter(o->node))
            return -EIO;
        loff_t r = o->node->pops->proc_lseek(f, off, whence);
        proc_leave(o->node);
        return r;
    }
    if (!f->f_op || !f->f_op->llseek)
        return -ESPIPE;
    return f->f_op->llseek(f, off, whence);
}

// vfs_ioctl: -ENOTTY without a method; a method's -ENOIOCTLCMD becomes -ENOTTY.
long Vfs::ioctl(struct file *f, unsigned cmd, unsigned long arg)
{
    OpenFile *o = of(f);
    long r = -ENOTTY;
    if (o->proc) {
        if (!proc_enter(o->node))
            return -EIO;
        if (o->node->pops->proc_ioctl)
            r = o->node->pops->proc_ioctl(f, cmd, arg);
        proc_leave(o->node);
    } else if (f->f_op && f->f_op->unlocked_ioctl) {
        r = f->f_op->unlocked_ioctl(f, cmd, arg);
    }
    return r == -ENOIOCTLCMD ? -ENOTTY : r;
}

// vfs_poll: DEFAULT_POLLMASK without a method; a removed proc entry polls as EPOLLERR.
unsigned Vfs::poll(struct file *f, struct poll_table_struct *pt)
{
    OpenFile *o = of(f);
    if (o->proc) {
        if (!proc_enter(o->node))
            return EPOLLERR;
        __poll_t m = o->node->pops->proc_poll ? o->node->pops->proc_poll(f, pt) : DEFAULT_POLLMASK;
        proc_leave(o->node);
        return m;
    }
    if (!f->f_op || !f->f_op->poll)
        return DEFAULT_POLLMASK;
    return f->f_op->poll(f, pt);
}

int Vfs::flush(struct file *f, void *owner)
{
    if (of(f)->proc || !f->f_op || !f->f_op->flush)
        return 0;
    return f->f_op->flush(f, owner);
}

void Vfs::get(struct file *f) { atomic_long_inc(&f->f_count); }

void Vfs::put(struct file *f)
{
    if (atomic_long_dec_return(&f->f_count) == 0)
        release(of(f));
}

// __fput: the release method, then the cdev and module pins; the node goes when detached and unused.
void Vfs::release(OpenFile *o)
{
    Node *n = o->node;
    struct file *f = &o->f;
    if (o->proc) {
        std::erase(n->proc_openers, f);
        // A removed entry's rundown released it already (and its module may be gone).
        if (!o->released && !n->gone && n->pops->proc_release)
            n->pops->proc_release(n->inode.get(), f);
    } else {
        fasync_->release(f);   // __fput: ->fasync(-1, f, 0) first
        if (f->f_op && f->f_op->release)
            f->f_op->release(n->inode.get(), f);
    }
    if (o->cdev)
        chrdevs_->put(o->cdev);
    for (struct module *m : o->pinned)
        if (m)
            pins_->put(m);
    --n->open_files;
    bool orphan = n->detached && !n->open_files;
    std::erase_if(open_, [o](auto &p) { return p.get() == o; });
    if (orphan)
        delete n;
}

unsigned Vfs::module_gone(const ModuleSpan &span)
{
    unsigned count = chrdevs_->module_gone(span);
    // Files that run the module's code: a device file whose fops.owner did not pin the module.
    for (auto &o : open_)
        if (!o->proc && o->f.f_op && span.contains(o->f.f_op)) {
            k_.log().emit(3, strprintf("kshim: %s is still open after %s was unloaded", o->node->path().c_str(),
                                       span.name));
            k_.reports().count_bug();
            ++count;
        }
    std::vector<Node *> todo{root_.get()}, left;
    while (!todo.empty()) {
        Node *n = todo.back();
        todo.pop_back();
        if (n->owner == span.id)
            left.push_back(n);
        else
            for (auto &c : n->children)
                todo.push_back(c.get());
    }
    for (Node *n : left) {
        k_.log().emit(3, strprintf("kshim: %s left %s %s registered; removing it", span.name, n->what,
                                   n->path().c_str()));
        k_.reports().count_bug();
        remove(n);
    }
    return count + left.size();
}

}  // namespace kshim
