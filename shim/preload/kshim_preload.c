/* LD_PRELOAD library of a --user program: its file calls on kshim's /dev, /proc and /sys go to kshim over a socket. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fs/host_proc_proto.h"

/* Only this process's own calls get here; kshim started it with the socket at KSHIM_PROC_SOCK_FD.
 * Without the socket (the variable unset) every call goes to the C library unchanged. */
#define MAX_FDS 1024

static int sock = -1;
static int kfd_of[MAX_FDS];            /* host placeholder fd -> kshim fd + 1 (0: not kshim's) */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;   /* one call in flight per process */

static int (*real_open)(const char *, int, ...);
static int (*real_close)(int);
static ssize_t (*real_read)(int, void *, size_t);
static ssize_t (*real_write)(int, const void *, size_t);
static int (*real_ioctl)(int, unsigned long, ...);
static off_t (*real_lseek)(int, off_t, int);
static int (*real_poll)(struct pollfd *, nfds_t, int);
static int (*real_fcntl)(int, int, ...);
static int (*real_dup)(int);
static int (*real_openat)(int, const char *, int, ...);

static void resolve(void)
{
    real_open = dlsym(RTLD_NEXT, "open");
    real_openat = dlsym(RTLD_NEXT, "openat");
    real_close = dlsym(RTLD_NEXT, "close");
    real_read = dlsym(RTLD_NEXT, "read");
    real_write = dlsym(RTLD_NEXT, "write");
    real_ioctl = dlsym(RTLD_NEXT, "ioctl");
    real_lseek = dlsym(RTLD_NEXT, "lseek");
    real_poll = dlsym(RTLD_NEXT, "poll");
    real_fcntl = dlsym(RTLD_NEXT, "fcntl");
    real_dup = dlsym(RTLD_NEXT, "dup");
}

/* Before main: the socket, and stdout line-buffered as on the oracle's console (a terminal).
 * The variables go, so that a program this one starts talks to the host only. */
__attribute__((constructor)) static void kshim_preload_init(void)
{
    resolve();
    const char *v = getenv(KSHIM_PROC_ENV);
    if (!v)
        return;
    sock = atoi(v);
    real_fcntl(sock, F_SETFD, FD_CLOEXEC);
    unsetenv(KSHIM_PROC_ENV);
    unsetenv("LD_PRELOAD");
    setvbuf(stdout, NULL, _IOLBF, BUFSIZ);
}

/* kshim's fd behind a host fd, or -1. */
static int kfd(int fd)
{
    return sock >= 0 && fd >= 0 && fd < MAX_FDS && kfd_of[fd] ? kfd_of[fd] - 1 : -1;
}

/* One request and its reply; the call's value as the C library returns it (-1 with errno). */
static long call(struct kshim_proc_req *rq, size_t len, long *aux)
{
    struct kshim_proc_rep rp = {-EIO, 0};
    pthread_mutex_lock(&lock);
    ssize_t n;
    do
        n = send(sock, rq, len, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    if (n == (ssize_t)len)
        do
            n = recv(sock, &rp, sizeof rp, 0);
        while (n < 0 && errno == EINTR);
    pthread_mutex_unlock(&lock);
    if (aux)
        *aux = rp.aux;
    if (rp.ret < 0) {
        errno = (int)-rp.ret;
        return -1;
    }
    return (long)rp.ret;
}

static long call_fd(int op, int k, long a, long b, long *aux)
{
    struct kshim_proc_req rq = {op, k, a, b, {0}};
    return call(&rq, offsetof(struct kshim_proc_req, path), aux);
}

/* Paths of kshim's namespace: /dev, /proc (but the program's own /proc/self), /sys. */
static int in_kshim(const char *path)
{
    static const char *const roots[] = {"/dev", "/proc", "/sys"};
    if (sock < 0 || !path || strncmp(path, "/proc/self", 10) == 0)
        return 0;
    for (size_t i = 0; i < sizeof roots / sizeof roots[0]; ++i) {
        size_t n = strlen(roots[i]);
        if (strncmp(path, roots[i], n) == 0 && (path[n] == '/' || path[n] == 0))
            return 1;
    }
    return 0;
}

/* A host fd that stands for kshim fd k (so the program's fd numbers are Linux's), or -1. */
static int placeholder(int k)
{
    int fd = real_open("/dev/null", O_RDWR | O_CLOEXEC);
    if (fd < 0 || fd >= MAX_FDS) {
        if (fd >= 0)
            real_close(fd);
        call_fd(KSHIM_OP_CLOSE, k, 0, 0, NULL);
        errno = EMFILE;
        return -1;
    }
    kfd_of[fd] = k + 1;
    return fd;
}

/* open in kshim's namespace: 1 with *ret set, or 0 when the host should open it (not there). */
static int kshim_open(const char *path, int flags, int *ret)
{
    if (!in_kshim(path) || strlen(path) >= sizeof ((struct kshim_proc_req *)0)->path)
        return 0;
    struct kshim_proc_req rq = {KSHIM_OP_OPEN, -1, flags, 0, {0}};
    strcpy(rq.path, path);
    long k = call(&rq, offsetof(struct kshim_proc_req, path) + strlen(path) + 1, NULL);
    if (k < 0 && errno == ENOENT)
        return 0;   /* not kshim's: the host's /dev/null and the like */
    *ret = k < 0 ? -1 : placeholder((int)k);
    return 1;
}

static mode_t mode_arg(int flags, va_list ap)
{
    return (flags & O_CREAT) || (flags & __O_TMPFILE) == __O_TMPFILE ? va_arg(ap, mode_t) : 0;
}

int open(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = mode_arg(flags, ap);
    va_end(ap);
    int fd;
    return kshim_open(path, flags, &fd) ? fd : real_open(path, flags, mode);
}

int open64(const char *path, int flags, ...) __attribute__((alias("open")));

int __open_2(const char *path, int flags) { return open(path, flags); }
int __open64_2(const char *path, int flags) { return open(path, flags); }

int openat(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = mode_arg(flags, ap);
    va_end(ap);
    int fd;
    if (path && (path[0] == '/' || dirfd == AT_FDCWD) && kshim_open(path, flags, &fd))
        return fd;
    return real_openat(dirfd, path, flags, mode);
}

int openat64(int dirfd, const char *path, int flags, ...) __attribute__((alias("openat")));

int close(int fd)
{
    int k = kfd(fd);
    if (fd == sock && sock >= 0) {
        errno = EBADF;
        return -1;
    }
    if (k < 0)
        return real_close(fd);
    kfd_of[fd] = 0;
    long r = call_fd(KSHIM_OP_CLOSE, k, 0, 0, NULL);
    int e = errno;
    real_close(fd);
    errno = e;
    return (int)r;
}

ssize_t read(int fd, void *buf, size_t n)
{
    int k = kfd(fd);
    return k < 0 ? real_read(fd, buf, n) : call_fd(KSHIM_OP_READ, k, (long)buf, (long)n, NULL);
}

ssize_t __read_chk(int fd, void *buf, size_t n, size_t buflen)
{
    (void)buflen;
    return read(fd, buf, n);
}

ssize_t write(int fd, const void *buf, size_t n)
{
    int k = kfd(fd);
    return k < 0 ? real_write(fd, buf, n) : call_fd(KSHIM_OP_WRITE, k, (long)buf, (long)n, NULL);
}

int ioctl(int fd, unsigned long cmd, ...)
{
    va_list ap;
    va_start(ap, cmd);
    unsigned long arg = va_arg(ap, unsigned long);
    va_end(ap);
    int k = kfd(fd);
    return k < 0 ? real_ioctl(fd, cmd, arg) : (int)call_fd(KSHIM_OP_IOCTL, k, (long)(unsigned)cmd, (long)arg, NULL);
}

off_t lseek(int fd, off_t off, int whence)
{
    int k = kfd(fd);
    return k < 0 ? real_lseek(fd, off, whence) : call_fd(KSHIM_OP_LSEEK, k, off, whence, NULL);
}

off_t lseek64(int fd, off_t off, int whence) __attribute__((alias("lseek")));

/* poll: one kshim fd is kshim's poll; kshim's fds among others are not supported (ENOSYS). */
int poll(struct pollfd *fds, nfds_t n, int timeout)
{
    nfds_t ours = 0;
    for (nfds_t i = 0; i < n; ++i)
        ours += kfd(fds[i].fd) >= 0;
    if (!ours)
        return real_poll(fds, n, timeout);
    if (n != 1) {
        errno = ENOSYS;
        return -1;
    }
    long revents = 0;
    long r = call_fd(KSHIM_OP_POLL, kfd(fds[0].fd), fds[0].events, timeout, &revents);
    fds[0].revents = r > 0 ? (short)revents : 0;
    return (int)r;
}

/* dup: a new placeholder for a new kshim fd of the same open file. */
int dup(int fd)
{
    int k = kfd(fd);
    if (k < 0)
        return real_dup(fd);
    long nk = call_fd(KSHIM_OP_DUP, k, 0, 0, NULL);
    return nk < 0 ? -1 : placeholder((int)nk);
}

/* fcntl: the file status flags (O_NONBLOCK) are kshim's; descriptor flags stay the host's. */
int fcntl(int fd, int cmd, ...)
{
    va_list ap;
    va_start(ap, cmd);
    long arg = va_arg(ap, long);
    va_end(ap);
    int k = kfd(fd);
    if (k < 0)
        return real_fcntl(fd, cmd, arg);
    if (cmd == F_GETFL)
        return (int)call_fd(KSHIM_OP_GETFL, k, 0, 0, NULL);
    if (cmd == F_SETFL)
        return (int)call_fd(KSHIM_OP_SETFL, k, arg, 0, NULL);
    if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC)
        return dup(fd);
    return real_fcntl(fd, cmd, arg);
}

int fcntl64(int fd, int cmd, ...) __attribute__((alias("fcntl")));
