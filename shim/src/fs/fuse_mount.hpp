// --mount DIR: kshim's namespace (/dev, /proc, /sys, debugfs) as real files through FUSE, each request served by a user task.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

struct fuse_session;
struct file;

namespace kshim {

class Kernel;
class UserTask;
struct Node;
struct Task;

// One FUSE mount of the Vfs tree for the calling user only (no allow_other). Requests come on
// the session fd, which the runner's real-time event loop watches (Scheduler::set_io_source):
// serve() reads them on the host thread; lookups and attributes are answered at once, file
// calls (open, read, write, ioctl, flush, release) are handed to an idle user task (one per host
// process where possible, named after it) and replied to when that task's call returns, so a
// read that blocks holds up only its own request. Built only with libfuse3 (pkg-config fuse3);
// without it mount() says so.
//
// Containment: the mount point must be an empty directory the caller owns; a stale kshim mount
// left there by a killed run is unmounted first; libfuse's auto_unmount (a fusermount3 process
// that outlives kshim) unmounts it on every exit, a SIGKILL included; ~FuseMount unmounts too.
class FuseMount {
public:
    explicit FuseMount(Kernel &k);
    ~FuseMount();
    FuseMount(const FuseMount &) = delete;
    FuseMount &operator=(const FuseMount &) = delete;

    // Whether this build has FUSE support at all.
    static bool built_in();
    // Checks dir and mounts. Empty on success, else why not (for "kshim: --mount DIR: WHY").
    // Host context, the kernel built.
    std::string mount(const std::string &dir);
    // Unmounts (idempotent); waits for nothing. Host context.
    void unmount();
    bool mounted() const { return session_ != nullptr; }
    int fd() const;
    // Reads and dispatches every request waiting on the session fd. Host context.
    void serve();
    // Requests handed to user tasks and not yet replied to.
    unsigned in_flight() const { return in_flight_; }
    // Whether no user task still runs a call of this mount (after unmount: whether it may go).
    bool settled() const;

    // The request handlers' helpers (public for the C callbacks in fuse_mount.cpp).
    struct Handle;
    Kernel &kernel() { return k_; }
    Node *node_of(uint64_t ino) const;
    uint64_t ino_of(Node *n);
    UserTask *worker(int host_pid);
    void begin() { ++in_flight_; }
    void end() { --in_flight_; }
    void opened(Handle *h);
    void closed(Handle *h);

private:
    Kernel &k_;
    ::fuse_session *session_ = nullptr;
    std::string dir_;
    std::map<uint64_t, std::string> paths_;   // FUSE inode -> Vfs path (nodes come and go)
    std::vector<std::unique_ptr<UserTask>> workers_;
    std::vector<int> worker_pids_;            // the host pid each worker last served
    std::vector<char> buf_;                   // one request as read from the session
    unsigned in_flight_ = 0;
    std::vector<Handle *> open_;              // files the host still has open
    void drain();
};

// The kernel-side facts the FUSE server needs (fs/fuse_nodes.cpp: libfuse's headers and the
// kernel's cannot meet in one file). Atomic-safe.
struct NodeAttr {
    uint64_t ino;
    uint16_t perm;   // mode & 07777
    bool dir;
    int64_t size;
};
NodeAttr node_attr(const Node *n);
void set_file_nonblock(struct file *f, bool nonblock);
void set_comm(Task *t, const std::string &comm);
// O_NONBLOCK on fd (host side, fs/fuse_mount.cpp's host part).

// The unix sockets this process has open (host side), for order_exit_release.
std::vector<int> socket_fds();
// Puts libfuse's auto_unmount socket (the one in `after` not in `before`) at the fd number
// `spare` (a descriptor reserved before the mount, below the session's), so that at any exit,
// a SIGKILL included, /dev/fuse is released before fusermount3 sees the socket close. Host side.
void order_exit_release(const std::vector<int> &before, const std::vector<int> &after, int spare, int session_fd);

// The mount point checks (host side, no kernel needed): "" when dir is an empty directory
// owned by the caller, after unmounting a stale FUSE mount found there; else the reason.
std::string check_mount_point(const std::string &dir);

}  // namespace kshim
