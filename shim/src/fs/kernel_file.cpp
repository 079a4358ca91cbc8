// filp_open and friends over kshim's Vfs: kernel buffers through read_iter/write_iter, 6.1's refusals otherwise.
#include "fs/kernel_file.hpp"

#include "fs/vfs.hpp"
#include "kernel.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"
#include "sched/scheduler.hpp"

#include "linux/err.h"
#include "linux/fs.h"
#include "linux/proc_fs.h"
#include "linux/uio.h"

namespace kshim {

namespace {

using IterFn = ssize_t (*)(struct kiocb *, struct iov_iter *);

// %pD4 of a node: its path from the root of its file system (/dev, /proc, /sys, debugfs), as
// 6.1 prints "/filp_host" for /dev/filp_host.
std::string pd4(const std::string &path)
{
    for (const char *root : {"/sys/kernel/debug/", "/dev/", "/proc/", "/sys/"})
        if (path.rfind(root, 0) == 0)
            return path.substr(std::string(root).size() - 1);
    return path;
}

// One synchronous call of fn over a kernel buffer, at *pos (as __kernel_read's init_sync_kiocb).
ssize_t kvec_rw(IterFn fn, struct file *f, void *buf, size_t n, int64_t *pos, unsigned dir)
{
    struct kvec kv{buf, n};
    struct iov_iter it;
    iov_iter_kvec(&it, dir, &kv, 1, n);
    struct kiocb kio{};
    kio.ki_filp = f;
    kio.ki_pos = pos ? *pos : 0;
    ssize_t r = fn(&kio, &it);
    if (r > 0 && pos)
        *pos = kio.ki_pos;
    return r;
}

}  // namespace

struct file *KernelFiles::open(const char *path, int flags)
{
    struct file *f = nullptr;
    int r = k_.fs().open(path ? path : "", flags, &f);
    return r ? static_cast<struct file *>(ERR_PTR(r)) : f;
}

int KernelFiles::close(struct file *f, void *owner)
{
    int r = k_.fs().flush(f, owner);
    k_.fs().put(f);
    return r;
}

ssize_t KernelFiles::unsupported(struct file *f, const char *op)
{
    const Task &t = k_.sched().current_or_boot();
    k_.log().emit(4, strprintf("kernel %s not supported for file %s (pid: %d comm: %.20s)", op,
                               pd4(k_.fs().node_of(f)->path()).c_str(), t.pid(), t.comm()));
    return -EINVAL;
}

ssize_t KernelFiles::read(struct file *f, void *buf, size_t n, int64_t *pos)
{
    if (!(f->f_mode & FMODE_READ))
        return -EINVAL;
    Node *node = k_.fs().node_of(f);
    if (node && node->read_only)   // a --host-ro file: a regular file's read_iter on Linux
        return k_.fs().read_text(f, buf, n, pos);
    const struct proc_ops *p = node ? node->pops : nullptr;
    IterFn iter = p ? p->proc_read_iter : f->f_op ? f->f_op->read_iter : nullptr;
    const bool plain = p ? p->proc_read != nullptr : f->f_op && f->f_op->read;
    if (!iter || plain)   // 6.1: both wired up is refused too
        return unsupported(f, "read");
    return kvec_rw(iter, f, buf, n, pos, ITER_DEST);
}

ssize_t KernelFiles::write(struct file *f, const void *buf, size_t n, int64_t *pos)
{
    if (!(f->f_mode & FMODE_WRITE))
        return -EBADF;
    Node *node = k_.fs().node_of(f);
    const struct proc_ops *p = node ? node->pops : nullptr;
    IterFn iter = p ? nullptr : f->f_op ? f->f_op->write_iter : nullptr;   // proc_ops has no write_iter
    const bool plain = p ? p->proc_write != nullptr : f->f_op && f->f_op->write;
    if (!iter || plain)
        return unsupported(f, "write");
    return kvec_rw(iter, f, const_cast<void *>(buf), n, pos, ITER_SOURCE);
}

}  // namespace kshim
