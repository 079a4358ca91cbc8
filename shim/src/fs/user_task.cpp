// User tasks: a request loop on a task with an mm, and the file system calls it makes (open, read, poll, ...).
#include "fs/user_task.hpp"

#include <cstring>

#include "fs/fasync.hpp"
#include "fs/poll_wait.hpp"
#include "fs/vfs.hpp"
#include "kernel.hpp"
#include "sched/scheduler.hpp"

#include "linux/errno.h"
#include "linux/fcntl.h"
#include "linux/fs.h"
#include "linux/poll.h"
#include "linux/wait.h"

namespace kshim {

namespace {



// What a signal-interrupted call returns to a process whose handler has no SA_RESTART.
long user_errno(long r)
{
    if (r == -ERESTARTSYS || r == -ERESTARTNOINTR || r == -ERESTARTNOHAND || r == -ERESTART_RESTARTBLOCK)
        return -EINTR;
    return r;
}

}  // namespace

UserTask::UserTask(Kernel &k, const std::string &comm) : k_(k), fds_(3, nullptr)
{
    task_ = k_.sched().create(TaskKind::User, comm, [this] { return loop(); });
    task_->ts.mm = task_->ts.active_mm = mm_.mm();
    task_->sig_allowed = ~0ull;     // a process takes every signal
    task_->idle_daemon = true;
    k_.sched().wake(task_, TASK_NORMAL);
}

UserTask::~UserTask() = default;

int UserTask::pid() const { return task_->pid(); }

char *UserTask::map(size_t n)
{
    UserArena::Block b = arena_.alloc(n);
    mm_.add(b.user, n, b.alias - b.user);
    return b.alias;
}

void UserTask::unmap(const void *p)
{
    const uintptr_t u = user_addr(p);
    for (const UserMm::Range &r : mm_.ranges)
        if (r.lo == u) {
            arena_.free(static_cast<const char *>(p), r.hi - r.lo);
            break;
        }
    mm_.remove((const void *)u);
}

void UserTask::submit(std::function<long()> call)
{
    call_ = std::move(call);
    busy_ = true;
    task_->idle_daemon = false;
    k_.sched().wake(task_, TASK_NORMAL);
}

// The task's main loop: idle until a call comes, run it, deliver the signals it left pending.
long UserTask::loop()
{
    Scheduler &s = k_.sched();
    for (;;) {
        while (!busy_) {
            caught_ |= task_->sig_pending();
            task_->sig_pending() = 0;
            task_->idle_daemon = true;
            task_->ts.__state = TASK_INTERRUPTIBLE;
            s.schedule();
        }
        result_ = user_errno(call_());
        caught_ |= task_->sig_pending();
        task_->sig_pending() = 0;
        call_ = nullptr;
        busy_ = false;
    }
}

struct file *UserTask::file_of(int fd) const
{
    return fd >= 0 && (size_t)fd < fds_.size() ? fds_[fd] : nullptr;
}

long UserTask::sys_open(const std::string &path, int flags)
{
    struct file *f = nullptr;
    int r = k_.fs().open(path, flags, &f);
    return r ? r : install(f);
}

long UserTask::install(struct file *f)
{
    for (size_t fd = 3; fd < fds_.size(); ++fd)
        if (!fds_[fd]) {
            fds_[fd] = f;
            return fd;
        }
    fds_.push_back(f);
    return fds_.size() - 1;
}

long UserTask::sys_dup(int fd)
{
    struct file *f = file_of(fd);
    if (!f)
        return -EBADF;
    k_.fs().get(f);
    return install(f);
}

long UserTask::sys_close(int fd)
{
    struct file *f = file_of(fd);
    if (!f)
        return -EBADF;
    fds_[fd] = nullptr;
    int r = k_.fs().flush(f, this);   // filp_close: flush (owner: this process's files), then fput
    k_.fs().put(f);
    return r;
}

void UserTask::close_all()
{
    for (size_t fd = 0; fd < fds_.size(); ++fd)
        if (fds_[fd])
            (void)sys_close(fd);
}

long UserTask::sys_read(int fd, void *buf, size_t n)
{
    struct file *f = file_of(fd);
    return f ? k_.fs().read(f, reinterpret_cast<char *>(user_addr(buf)), n) : -EBADF;
}

long UserTask::sys_write(int fd, const void *buf, size_t n)
{
    struct file *f = file_of(fd);
    return f ? k_.fs().write(f, reinterpret_cast<const char *>(user_addr(buf)), n) : -EBADF;
}

long UserTask::sys_fcntl(int fd, int cmd, unsigned long arg)
{
    struct file *f = file_of(fd);
    return f ? k_.fs().fasync().fcntl(f, fd, cmd, arg) : -EBADF;
}

unsigned long UserTask::take_signals()
{
    unsigned long s = caught_ | task_->sig_pending();
    caught_ = 0;
    if (!busy_)
        task_->sig_pending() = 0;   // an idle process takes them now; a call's stay for it
    return s;
}

long UserTask::sys_lseek(int fd, long off, int whence)
{
    struct file *f = file_of(fd);
    return f ? k_.fs().llseek(f, off, whence) : -EBADF;
}

long UserTask::sys_ioctl(int fd, unsigned cmd, unsigned long arg)
{
    struct file *f = file_of(fd);
    return f ? k_.fs().ioctl(f, cmd, user_addr((const void *)arg)) : -EBADF;   // a mapped arg: its user address
}

long UserTask::sys_poll(int fd, short events, int timeout_ms, short *revents)
{
    struct file *f = file_of(fd);
    if (!f) {
        *revents = POLLNVAL;
        return 1;
    }
    Scheduler &s = k_.sched();
    bool triggered = false;   // a queue was woken since the last pass (fs/select.c's pollwake)
    PollWaiters pw([&] {
        triggered = true;
        (void)s.wake(task_, TASK_NORMAL);
    });
    const unsigned want = (unsigned)(__poll_t)events | EPOLLERR | EPOLLHUP;
    pw.set_events(want);
    long left = timeout_ms < 0 ? MAX_SCHEDULE_TIMEOUT : ((long)timeout_ms * HZ + 999) / 1000;
    for (;;) {
        __poll_t mask = k_.fs().poll(f, pw.table()) & want;
        pw.stop_registering();   // registered once, as do_poll
        if (mask) {
            *revents = (short)mask;
            return 1;
        }
        if (!left)
            return 0;
        if (Scheduler::signal_pending(*task_))
            return -EINTR;
        task_->ts.__state = TASK_INTERRUPTIBLE;
        if (triggered)
            task_->ts.__state = TASK_RUNNING;
        else
            left = s.schedule_timeout(left);
        task_->ts.__state = TASK_RUNNING;
        triggered = false;
    }
}

}  // namespace kshim

namespace kshim {

void UserTask::wait_host(const std::function<bool()> &ready, const std::function<void(int)> &forward)
{
    while (!ready()) {
        for (int sig = 1; sig <= 64; ++sig)
            if (Scheduler::signal_has(*task_, sig))
                forward(sig);
        task_->sig_pending() = 0;
        task_->ts.__state = TASK_INTERRUPTIBLE;
        if (!ready())
            k_.sched().schedule();
        task_->ts.__state = TASK_RUNNING;
    }
}

void UserTask::wake_host() { k_.sched().wake(task_, TASK_NORMAL); }

}  // namespace kshim
