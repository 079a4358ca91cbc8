// User tasks: process contexts (current->mm set, own pid and comm) that make file system calls with user buffers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "fs/uaccess.hpp"
#include "fs/user_arena.hpp"

struct file;

namespace kshim {

class Kernel;
struct Task;

// One user process with one thread. Its Task runs a loop: sleep (as an idle daemon) until the
// host hands it a call, run the call, keep its result, sleep again. Calls are the sys_*
// members below, run on the task (process context: they may sleep, and a signal sent to the
// task interrupts a sleep in TASK_INTERRUPTIBLE; -ERESTART* become -EINTR as for a handler
// without SA_RESTART). The host side (submit/busy/result) is host context only.
class UserTask {
public:
    UserTask(Kernel &k, const std::string &comm);
    ~UserTask();
    UserTask(const UserTask &) = delete;
    UserTask &operator=(const UserTask &) = delete;

    Task *task() const { return task_; }
    int pid() const;
    UserMm &mm() { return mm_; }
    // Zeroed bytes the task owns until unmap (user memory for its calls), as kshim reaches them:
    // the arena's alias. The sys_* calls below hand the module the user view's address instead
    // (user_addr), which only the uaccess copies get through. Host or task context.
    char *map(size_t n);
    void unmap(const void *p);
    // The user address of a mapped byte (p itself if map did not give it). Any context.
    uintptr_t user_addr(const void *p) const { return arena_.user_of((uintptr_t)p); }

    // Host side: hand the task a call (it must not be busy); the scheduler runs it.
    void submit(std::function<long()> call);
    bool busy() const { return busy_; }
    long result() const { return result_; }

    // The system calls, on the task. Each returns >= 0 or -errno.
    long sys_open(const std::string &path, int flags);
    long sys_close(int fd);
    // dup(2): the lowest free fd for the same open file (get_file). Returns it or -EBADF.
    long sys_dup(int fd);
    // buf (and an ioctl's arg) as map gave it, or any raw address: a mapped one reaches the
    // module as its user address.
    long sys_read(int fd, void *buf, size_t n);
    long sys_write(int fd, const void *buf, size_t n);
    long sys_lseek(int fd, long off, int whence);
    long sys_ioctl(int fd, unsigned cmd, unsigned long arg);
    // fcntl(2): F_GETFL, F_SETFL (O_ASYNC calls the driver's fasync), F_GETOWN, F_SETOWN,
    // F_GETSIG, F_SETSIG (fs/fasync.hpp); -EBADF, -EINVAL for other commands.
    long sys_fcntl(int fd, int cmd, unsigned long arg);
    // The signals the process received since the last call (bit sig - 1), as if it had a
    // handler for each: the loop takes them once the call they interrupted returns. Host side.
    unsigned long take_signals();
    // poll(2) on one fd: 1 with *revents, 0 on timeout (timeout_ms < 0: none), or -EINTR.
    long sys_poll(int fd, short events, int timeout_ms, short *revents);
    // A --user program's task waiting for its process (fs/host_process.hpp): sleeps
    // interruptibly until ready() holds; each signal sent to the task meanwhile is handed to
    // forward(sig) and taken off. Task context. wake_host(): the host side's wake-up (host context).
    void wait_host(const std::function<bool()> &ready, const std::function<void(int)> &forward);
    void wake_host();
    // What fd refers to, or nullptr.
    struct file *file_of(int fd) const;
    // Closes every fd (process exit). Task context.
    void close_all();

private:
    long loop();
    long install(struct file *f);   // f at the lowest free fd

    Kernel &k_;
    Task *task_ = nullptr;
    UserMm mm_;
    UserArena arena_;
    std::vector<struct file *> fds_;       // fd -> file; 0..2 stay empty (no stdio)
    std::function<long()> call_;
    bool busy_ = false;
    unsigned long caught_ = 0;   // signals taken since take_signals
    long result_ = 0;
};

}  // namespace kshim
