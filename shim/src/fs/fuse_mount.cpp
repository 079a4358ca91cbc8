// --mount DIR: the FUSE low-level session over kshim's Vfs; file calls run in user tasks and reply when they finish.
#include "fs/fuse_mount.hpp"

#include "fs/poll_wait.hpp"
#include "fs/user_task.hpp"
#include "fs/vfs.hpp"
#include "kernel.hpp"
#include "sched/scheduler.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>

#if KSHIM_HAVE_FUSE

#define FUSE_USE_VERSION 35
#include <fuse_lowlevel.h>

namespace kshim {

namespace {

constexpr double kNoCache = 0.0;   // entries and attributes come and go with the module

FuseMount *self(fuse_req_t req) { return static_cast<FuseMount *>(fuse_req_userdata(req)); }

// A reply's errno: the kernel's restart codes (512 and up, which /dev/fuse rejects) become
// EINTR, as for a process whose handler has no SA_RESTART.
int reply_errno(long r) { return -r >= 512 ? EINTR : (int)-r; }

int reply_err(fuse_req_t req, long r) { return fuse_reply_err(req, reply_errno(r)); }

// The host process's name, for the user task's comm (what current->comm shows the module).
std::string host_comm(int pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/comm");
    std::string c;
    std::getline(in, c);
    return c.empty() ? "fuse" : c;
}

// What the host sees of a node: a char device shows as a regular file with its mode bits (a
// FUSE mount is nodev: a real device node would open the host's device, or nothing).
void fill_stat(const Node *n, uint64_t ino, struct stat *st)
{
    std::memset(st, 0, sizeof *st);
    st->st_ino = ino;
    const NodeAttr a = node_attr(n);
    st->st_mode = a.dir ? (S_IFDIR | a.perm) : (S_IFREG | a.perm);
    st->st_nlink = a.dir ? 2 : 1;
    st->st_size = a.size;
    st->st_uid = getuid();
    st->st_gid = getgid();
    st->st_blksize = 4096;
}

}  // namespace

// An open file: its struct file and where the host's file position should be. Each call in
// flight holds a reference (as fdget does), so a RELEASE that comes while a read still blocks
// (the host process was killed) leaves the file to that read's end.
//
// poll: the host's kernel asks with a poll handle when its poller will sleep; the driver's
// poll_wait queues then keep an entry (watch) whose wake sends the notification for that handle
// (the host re-polls, with a new handle that replaces it). The handle is destroyed with
// the next one, or with the file.
struct FuseMount::Handle {
    struct file *f = nullptr;
    int64_t expect = 0;
    unsigned refs = 1;
    struct fuse_pollhandle *ph = nullptr;   // the host poller's, until notified or replaced
    std::unique_ptr<PollWaiters> watch;

    // Task context (the watch's entries come off the driver's queues).
    ~Handle() { watch_with(nullptr); }
    // Drops the old watch and handle; ph (if any) is notified at the next wake.
    void watch_with(struct fuse_pollhandle *next)
    {
        watch.reset();
        if (ph)
            fuse_pollhandle_destroy(ph);
        ph = next;
        if (ph)
            watch = std::make_unique<PollWaiters>([this] { notify(); });
    }
    // In the waker's context (may be atomic): the host's pollers of this file poll again.
    void notify()
    {
        if (ph)
            (void)fuse_lowlevel_notify_poll(ph);
    }
};

namespace {

// Takes a reference for a call about to be handed to a task. Host context.
FuseMount::Handle *hold(Vfs &v, FuseMount::Handle *h)
{
    ++h->refs;
    v.get(h->f);
    return h;
}

// Drops one; the last goes with its file. Task context (a put may run release: may sleep).
void drop(Vfs &v, FuseMount::Handle *h)
{
    struct file *f = h->f;
    if (--h->refs == 0)
        delete h;
    v.put(f);
}

}  // namespace

FuseMount::FuseMount(Kernel &k) : k_(k) {}

FuseMount::~FuseMount() { unmount(); }

bool FuseMount::built_in() { return true; }

int FuseMount::fd() const { return session_ ? fuse_session_fd(session_) : -1; }

Node *FuseMount::node_of(uint64_t ino) const
{
    if (ino == FUSE_ROOT_ID)
        return k_.fs().root();
    auto it = paths_.find(ino);
    if (it == paths_.end())
        return nullptr;
    Node *n = k_.fs().lookup(it->second);
    return n && node_attr(n).ino == ino ? n : nullptr;
}

uint64_t FuseMount::ino_of(Node *n)
{
    if (n == k_.fs().root())
        return FUSE_ROOT_ID;
    const uint64_t ino = node_attr(n).ino;
    paths_[ino] = n->path();
    return ino;
}

// An idle user task for a request of host process pid: the one that served pid last if idle,
// else any idle one, else a new one. Named after the host process. Host context.
UserTask *FuseMount::worker(int host_pid)
{
    int pick = -1;
    for (size_t i = 0; i < workers_.size(); ++i) {
        if (workers_[i]->busy())
            continue;
        if (pick < 0 || worker_pids_[i] == host_pid)
            pick = (int)i;
    }
    if (pick < 0) {
        workers_.push_back(std::make_unique<UserTask>(k_, "fuse"));
        worker_pids_.push_back(0);
        pick = (int)workers_.size() - 1;
    }
    worker_pids_[pick] = host_pid;
    set_comm(workers_[pick]->task(), host_comm(host_pid));
    return workers_[pick].get();
}

namespace {

// Hands `call` to a user task for req's process; the call replies to req itself, on the task.
// An interrupt of the host's system call becomes a SIGINT to the task (-ERESTARTSYS: EINTR).
template <class F>
void run_in_task(fuse_req_t req, F call)
{
    FuseMount *m = self(req);
    UserTask *t = m->worker(fuse_req_ctx(req)->pid);
    m->begin();
    fuse_req_interrupt_func(req, [](fuse_req_t r, void *data) {
        (void)self(r)->kernel().sched().send_signal(static_cast<UserTask *>(data)->task(), SIGINT);
    }, t);
    t->submit([m, t, req, call]() mutable -> long {
        long r = call(*t);
        m->end();
        return r;
    });
}

void reply_entry(fuse_req_t req, FuseMount *m, Node *n)
{
    struct fuse_entry_param e{};
    e.ino = m->ino_of(n);
    e.attr_timeout = e.entry_timeout = kNoCache;
    fill_stat(n, e.ino, &e.attr);
    fuse_reply_entry(req, &e);
}

void op_lookup(fuse_req_t req, fuse_ino_t parent, const char *name)
{
    FuseMount *m = self(req);
    Node *dir = m->node_of(parent);
    Node *n = dir ? dir->child(name) : nullptr;
    if (!n) {
        fuse_reply_err(req, ENOENT);
        return;
    }
    reply_entry(req, m, n);
}

void op_getattr(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *)
{
    Node *n = self(req)->node_of(ino);
    if (!n) {
        fuse_reply_err(req, ENOENT);
        return;
    }
    struct stat st;
    fill_stat(n, ino, &st);
    fuse_reply_attr(req, &st, kNoCache);
}

// truncate (echo > FILE without atomic O_TRUNC) and chmod: the attributes stay as the kernel
// keeps them for a device or pseudo file.
void op_setattr(fuse_req_t req, fuse_ino_t ino, struct stat *, int, struct fuse_file_info *fi)
{
    op_getattr(req, ino, fi);
}

void op_readdir(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, struct fuse_file_info *)
{
    FuseMount *m = self(req);
    Node *dir = m->node_of(ino);
    if (!dir || dir->kind != NodeKind::Dir) {
        fuse_reply_err(req, dir ? ENOTDIR : ENOENT);
        return;
    }
    std::vector<char> out(size);
    size_t used = 0;
    // Entries: ".", "..", then the children in creation order; off is the next one's index.
    const size_t total = dir->children.size() + 2;
    for (size_t i = (size_t)off; i < total; ++i) {
        Node *n = i == 0 ? dir : i == 1 ? (dir->parent ? dir->parent : dir) : dir->children[i - 2].get();
        const char *name = i == 0 ? "." : i == 1 ? ".." : n->name.c_str();
        struct stat st;
        fill_stat(n, i < 2 ? 0 : m->ino_of(n), &st);
        size_t need = fuse_add_direntry(req, out.data() + used, size - used, name, &st, (off_t)(i + 1));
        if (need > size - used)
            break;
        used += need;
    }
    fuse_reply_buf(req, out.data(), used);
}

void op_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
    FuseMount *m = self(req);
    Node *n = m->node_of(ino);
    if (!n) {
        fuse_reply_err(req, ENOENT);
        return;
    }
    std::string path = n->path();
    struct fuse_file_info info = *fi;
    run_in_task(req, [m, req, path, info](UserTask &) mutable -> long {
        struct file *f = nullptr;
        int r = m->kernel().fs().open(path, info.flags, &f);
        if (r) {
            reply_err(req, r);
            return r;
        }
        auto *h = new FuseMount::Handle{f, 0};
        info.fh = reinterpret_cast<uint64_t>(h);
        info.direct_io = 1;   // every read and write reaches the module, none is cached
        info.keep_cache = 0;
        if (fuse_reply_open(req, &info) == -ENOENT) {   // the opener was interrupted meanwhile
            drop(m->kernel().fs(), h);
        } else {
            m->opened(h);
        }
        return 0;
    });
}

FuseMount::Handle *handle(struct fuse_file_info *fi) { return reinterpret_cast<FuseMount::Handle *>(fi->fh); }

// Before a read or write: O_NONBLOCK as the host file has it now, and the position the host
// asks for (after an lseek of the host's) through the file's llseek. Task context.
void sync_file(Vfs &v, FuseMount::Handle *h, int host_flags, int64_t off)
{
    set_file_nonblock(h->f, host_flags & O_NONBLOCK);
    if (off != h->expect)
        (void)v.llseek(h->f, off, SEEK_SET);
}

void op_read(fuse_req_t req, fuse_ino_t, size_t size, off_t off, struct fuse_file_info *fi)
{
    FuseMount::Handle *h = handle(fi);
    const int flags = fi->flags;
    Vfs *v = &self(req)->kernel().fs();
    hold(*v, h);
    run_in_task(req, [v, req, h, size, off, flags](UserTask &t) -> long {
        sync_file(*v, h, flags, off);
        char *buf = t.map(size);
        long r = v->read(h->f, reinterpret_cast<char *>(t.user_addr(buf)), size);
        if (r >= 0) {
            h->expect = off + r;
            fuse_reply_buf(req, buf, (size_t)r);
        } else {
            reply_err(req, r);
        }
        t.unmap(buf);
        drop(*v, h);
        return r;
    });
}

void op_write(fuse_req_t req, fuse_ino_t, const char *data, size_t size, off_t off, struct fuse_file_info *fi)
{
    FuseMount::Handle *h = handle(fi);
    const int flags = fi->flags;
    std::string copy(data, size);   // the request buffer is reused once this returns
    Vfs *v = &self(req)->kernel().fs();
    hold(*v, h);
    run_in_task(req, [v, req, h, copy, off, flags](UserTask &t) -> long {
        sync_file(*v, h, flags, off);
        char *buf = t.map(copy.size());
        std::memcpy(buf, copy.data(), copy.size());
        long r = v->write(h->f, reinterpret_cast<const char *>(t.user_addr(buf)), copy.size());
        if (r >= 0) {
            h->expect = off + r;
            fuse_reply_write(req, (size_t)r);
        } else {
            reply_err(req, r);
        }
        t.unmap(buf);
        drop(*v, h);
        return r;
    });
}

// FUSE passes a restricted ioctl (fs/fuse/ioctl.c): _IOC_SIZE(cmd) bytes in for _IOC_WRITE,
// out for _IOC_READ; the module then sees arg pointing at those bytes in the task's memory, and
// the bytes it leaves there go back. Without a direction arg passes as it is (a value).
void op_ioctl(fuse_req_t req, fuse_ino_t, unsigned int cmd, void *arg, struct fuse_file_info *fi,
              unsigned, const void *in, size_t in_size, size_t out_size)
{
    FuseMount::Handle *h = handle(fi);
    std::string copy(static_cast<const char *>(in), in_size);
    Vfs *v = &self(req)->kernel().fs();
    hold(*v, h);
    run_in_task(req, [v, req, h, cmd, arg, copy, out_size](UserTask &t) -> long {
        const size_t n = std::max(copy.size(), out_size);
        char *buf = n ? t.map(n) : nullptr;
        if (n)
            std::memcpy(buf, copy.data(), copy.size());
        unsigned long a = n ? t.user_addr(buf) : (unsigned long)arg;
        long r = v->ioctl(h->f, cmd, a);
        if (r < 0)
            reply_err(req, r);
        else
            fuse_reply_ioctl(req, (int)r, buf, out_size);
        if (buf)
            t.unmap(buf);
        drop(*v, h);
        return r;
    });
}

// The driver's poll in a user task; with a poll handle its queues are watched (Handle above).
void op_poll(fuse_req_t req, fuse_ino_t, struct fuse_file_info *fi, struct fuse_pollhandle *ph)
{
    FuseMount::Handle *h = handle(fi);
    Vfs *v = &self(req)->kernel().fs();
    hold(*v, h);
    run_in_task(req, [v, req, h, ph](UserTask &) -> long {
        if (ph)
            h->watch_with(ph);
        unsigned mask = v->poll(h->f, ph ? h->watch->table() : nullptr);
        fuse_reply_poll(req, mask);
        drop(*v, h);
        return 0;
    });
}

void op_flush(fuse_req_t req, fuse_ino_t, struct fuse_file_info *fi)
{
    FuseMount::Handle *h = handle(fi);
    void *owner = reinterpret_cast<void *>(fi->lock_owner);
    Vfs *v = &self(req)->kernel().fs();
    hold(*v, h);
    run_in_task(req, [v, req, h, owner](UserTask &) -> long {
        int r = v->flush(h->f, owner);
        drop(*v, h);
        reply_err(req, r);
        return r;
    });
}

void op_release(fuse_req_t req, fuse_ino_t, struct fuse_file_info *fi)
{
    FuseMount::Handle *h = handle(fi);
    FuseMount *m = self(req);
    run_in_task(req, [m, req, h](UserTask &) -> long {
        m->closed(h);
        drop(m->kernel().fs(), h);
        fuse_reply_err(req, 0);
        return 0;
    });
}

const struct fuse_lowlevel_ops kOps = [] {
    struct fuse_lowlevel_ops o{};
    o.lookup = op_lookup;
    o.getattr = op_getattr;
    o.setattr = op_setattr;
    o.readdir = op_readdir;
    o.open = op_open;
    o.read = op_read;
    o.write = op_write;
    o.ioctl = op_ioctl;
    o.poll = op_poll;
    o.flush = op_flush;
    o.release = op_release;
    return o;
}();

}  // namespace

std::string FuseMount::mount(const std::string &dir)
{
    if (access("/dev/fuse", R_OK | W_OK) != 0)
        return "/dev/fuse is missing or not usable (" + std::string(std::strerror(errno)) + ")";
    std::string why = check_mount_point(dir);
    if (!why.empty())
        return why;
    // The caller only (no allow_other); auto_unmount: fusermount3 unmounts when kshim dies.
    const char *argv[] = {"kshim", "-o", "auto_unmount,fsname=kshim,subtype=kshim", nullptr};
    struct fuse_args args = FUSE_ARGS_INIT(3, const_cast<char **>(argv));
    session_ = fuse_session_new(&args, &kOps, sizeof kOps, this);
    if (!session_)
        return "libfuse could not start a session";
    const std::vector<int> before = socket_fds();
    const int spare = open("/dev/null", O_RDONLY | O_CLOEXEC);   // a number below the session's
    if (fuse_session_mount(session_, dir.c_str()) != 0) {
        if (spare >= 0)
            close(spare);
        fuse_session_destroy(session_);
        session_ = nullptr;
        return "the mount failed (see libfuse's message above)";
    }
    order_exit_release(before, socket_fds(), spare, fd());
    dir_ = dir;
    fcntl(fd(), F_SETFL, fcntl(fd(), F_GETFL) | O_NONBLOCK);
    k_.sched().set_io_source(fd(), [this] { serve(); });
    return {};
}

void FuseMount::opened(Handle *h) { open_.push_back(h); }

bool FuseMount::settled() const
{
    return in_flight_ == 0 && std::none_of(workers_.begin(), workers_.end(), [](auto &w) { return w->busy(); });
}

void FuseMount::closed(Handle *h) { std::erase(open_, h); }

// Before the session goes: requests in flight are interrupted (SIGINT to their tasks: a
// blocked read returns -EINTR and replies), then the files the host left open are put, in a
// user task. Host context; runs the scheduler for as long as that takes.
void FuseMount::drain()
{
    Scheduler &s = k_.sched();
    for (auto &w : workers_)
        if (w->busy())
            (void)s.send_signal(w->task(), SIGINT);
    s.run([this] { return in_flight_ == 0; });
    if (open_.empty())
        return;
    UserTask *t = worker(0);
    t->submit([this] {
        std::vector<Handle *> left;
        left.swap(open_);
        for (Handle *h : left)
            drop(k_.fs(), h);
        return 0L;
    });
    s.run([t] { return !t->busy(); });
}

void FuseMount::unmount()
{
    if (!session_)
        return;
    k_.sched().set_io_source(-1, nullptr);
    fuse_session_unmount(session_);   // lazy: the host's open files now see ENOTCONN
    drain();
    if (in_flight_ == 0)   // else a task still owes a reply: the session stays, unmounted
        fuse_session_destroy(session_);
    session_ = nullptr;
}

void FuseMount::serve()
{
    struct fuse_buf fb{};
    while (session_ && !fuse_session_exited(session_)) {
        int r = fuse_session_receive_buf(session_, &fb);
        if (r <= 0)   // -EAGAIN: nothing more now; -EINTR, 0 (unmounted): stop
            break;
        fuse_session_process_buf(session_, &fb);
    }
    std::free(fb.mem);
}

}  // namespace kshim

#else   // built without libfuse3

namespace kshim {

struct FuseMount::Handle {};
FuseMount::FuseMount(Kernel &k) : k_(k) {}
FuseMount::~FuseMount() = default;
bool FuseMount::built_in() { return false; }
int FuseMount::fd() const { return -1; }
std::string FuseMount::mount(const std::string &) { return "this kshim was built without libfuse3 (install libfuse3-dev and rebuild)"; }
void FuseMount::unmount() {}
void FuseMount::serve() {}
Node *FuseMount::node_of(uint64_t) const { return nullptr; }
uint64_t FuseMount::ino_of(Node *) { return 0; }
UserTask *FuseMount::worker(int) { return nullptr; }
void FuseMount::opened(Handle *) {}
void FuseMount::closed(Handle *) {}
void FuseMount::drain() {}
bool FuseMount::settled() const { return true; }

}  // namespace kshim

#endif
