// User tasks: process contexts (current->mm set, own pid and comm) that make file system calls with user buffers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "fs/uaccess.hpp"

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
    // Zeroed bytes the task owns until unmap (user memory for its calls). Host or task context.
    char *map(size_t n);
    void unmap(const void *p);

    // Host side: hand the task a call (it must not be busy); the scheduler runs it.
    void submit(std::function<long()> call);
    bool busy() const { return busy_; }
    long result() const { return result_; }

    // The system calls, on the task. Each returns >= 0 or -errno.
    long sys_open(const std::string &path, int flags);
    long sys_close(int fd);
    // dup(2): the lowest free fd for the same open file (get_file). Returns it or -EBADF.
    long sys_dup(int fd);
    long sys_read(int fd, void *buf, size_t n);
    long sys_write(int fd, const void *buf, size_t n);
    long sys_lseek(int fd, long off, int whence);
    long sys_ioctl(int fd, unsigned cmd, unsigned long arg);
    // poll(2) on one fd: 1 with *revents, 0 on timeout (timeout_ms < 0: none), or -EINTR.
    long sys_poll(int fd, short events, int timeout_ms, short *revents);
    // fcntl(2)'s F_GETFL (the file's f_flags) and F_SETFL (O_APPEND, O_NONBLOCK, O_DIRECT,
    // O_NOATIME as fs/fcntl.c's setfl changes them); other commands -EINVAL.
    long sys_fcntl(int fd, int cmd, long arg);
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
    struct PollWait;

    Kernel &k_;
    Task *task_ = nullptr;
    UserMm mm_;
    std::vector<std::unique_ptr<char[]>> maps_;
    std::vector<struct file *> fds_;       // fd -> file; 0..2 stay empty (no stdio)
    std::function<long()> call_;
    bool busy_ = false;
    long result_ = 0;
};

}  // namespace kshim
