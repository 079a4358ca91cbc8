// fasync_helper, kill_fasync and fcntl's F_SETFL/F_SETOWN/F_SETSIG, with fs/fcntl.c's return values and order.
#include "fs/fasync.hpp"

#include <new>

#include "kernel.hpp"
#include "printk/log.hpp"
#include "sched/scheduler.hpp"

#include "linux/errno.h"
#include "linux/fcntl.h"
#include "linux/fs.h"
#include "linux/signal.h"

namespace kshim {

namespace {

constexpr unsigned kSetflMask = O_APPEND | O_NONBLOCK | O_NDELAY | O_DIRECT | O_NOATIME;   // fcntl.c's SETFL_MASK

}  // namespace

int Fasync::helper(int fd, struct file *f, int on, struct fasync_struct **fapp)
{
    struct fasync_struct **pp = fapp;
    for (struct fasync_struct *fa; (fa = *pp); pp = &fa->fa_next) {
        if (fa->fa_file != f)
            continue;
        if (on) {   // fasync_insert_entry: already listed, the fd is updated
            fa->fa_fd = fd;
            return 0;
        }
        *pp = fa->fa_next;   // fasync_remove_entry
        delete fa;
        f->f_flags &= ~FASYNC;
        return 1;
    }
    if (!on)
        return 0;
    auto *fa = new (std::nothrow) fasync_struct{};
    if (!fa)
        return -ENOMEM;
    fa->magic = FASYNC_MAGIC;
    fa->fa_file = f;
    fa->fa_fd = fd;
    fa->fa_next = *fapp;
    *fapp = fa;
    f->f_flags |= FASYNC;
    return 1;
}

void Fasync::kill(struct fasync_struct **fp, int sig, int band)
{
    for (struct fasync_struct *fa = fp ? *fp : nullptr; fa; fa = fa->fa_next) {
        if (fa->magic != FASYNC_MAGIC) {
            k_.log().emit(3, "kill_fasync: bad magic number in fasync_struct!");
            return;
        }
        if (fa->fa_file && !(sig == SIGURG && fa->fa_file->f_owner.signum == 0))
            send_sigio(fa->fa_file, band);
    }
}

// send_sigio: F_SETSIG's signal, else SIGIO, to the owner if it is still there.
void Fasync::send_sigio(struct file *f, int)
{
    auto it = owner_.find(f);
    Task *t = it == owner_.end() ? nullptr : k_.sched().find_by_pid(it->second);
    if (!t)
        return;
    const int signum = f->f_owner.signum;
    if (signum && k_.sched().send_signal(t, signum) == 0)
        return;
    (void)k_.sched().send_signal(t, SIGIO);
}

// setfl: ->fasync sees a change of O_ASYNC before the flags change; its error stops them.
long Fasync::setfl(struct file *f, int fd, unsigned long arg)
{
    if (arg & O_DIRECT)   // no kshim file has FMODE_CAN_ODIRECT
        return -EINVAL;
    const struct file_operations *op = f->f_op;
    if (op && op->check_flags) {
        int e = op->check_flags((int)arg);
        if (e)
            return e;
    }
    if (((arg ^ f->f_flags) & FASYNC) && op && op->fasync) {
        int e = op->fasync(fd, f, (arg & FASYNC) != 0);
        if (e < 0)
            return e;
    }
    f->f_flags = (unsigned)((arg & kSetflMask) | (f->f_flags & ~kSetflMask));
    return 0;
}

long Fasync::fcntl(struct file *f, int fd, int cmd, unsigned long arg)
{
    switch (cmd) {
    case F_GETFL:
        return f->f_flags;
    case F_SETFL:
        return setfl(f, fd, arg);
    case F_GETOWN: {
        auto it = owner_.find(f);
        return it == owner_.end() ? 0 : it->second;
    }
    case F_SETOWN:
        if ((long)arg < 0)
            return -EINVAL;   // process groups are not modelled
        if (arg && !k_.sched().find_by_pid((int)arg))
            return -ESRCH;
        owner_[f] = (int)arg;
        return 0;
    case F_GETSIG:
        return f->f_owner.signum;
    case F_SETSIG:
        if (arg > 64)   // valid_signal
            return -EINVAL;
        f->f_owner.signum = (int)arg;
        return 0;
    default:
        return -EINVAL;
    }
}

void Fasync::release(struct file *f)
{
    if ((f->f_flags & FASYNC) && f->f_op && f->f_op->fasync)
        (void)f->f_op->fasync(-1, f, 0);
    owner_.erase(f);
}

}  // namespace kshim
