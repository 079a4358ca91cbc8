// The --mount point checks on the host: an empty directory of the caller's, stale FUSE mounts cleared (no kernel headers).
#include "fs/fuse_mount.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

extern char **environ;

namespace kshim {

namespace {

// Runs fusermount3 -u -z DIR (a lazy unmount the caller may do without root); true if it worked.
bool fusermount_unmount(const std::string &dir)
{
    const char *argv[] = {"fusermount3", "-u", "-z", "-q", dir.c_str(), nullptr};
    pid_t pid;
    if (posix_spawnp(&pid, "fusermount3", nullptr, nullptr, const_cast<char **>(argv), environ) != 0)
        return false;
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

// A FUSE mount whose server is gone answers ENOTCONN: unmount it (as root directly, else
// through fusermount3). Returns the reason it could not, or "".
std::string clear_stale(const std::string &dir)
{
    struct stat st;
    if (stat(dir.c_str(), &st) == 0 || errno != ENOTCONN)
        return {};
    if (umount2(dir.c_str(), MNT_DETACH) == 0 || fusermount_unmount(dir))
        return {};
    return "a stale FUSE mount is there and fusermount3 -u could not remove it";
}

bool dir_empty(const std::string &dir)
{
    DIR *d = opendir(dir.c_str());
    if (!d)
        return false;
    bool empty = true;
    while (struct dirent *e = readdir(d))
        if (std::strcmp(e->d_name, ".") && std::strcmp(e->d_name, ".."))
            empty = false;
    closedir(d);
    return empty;
}

}  // namespace

std::vector<int> socket_fds()
{
    std::vector<int> fds;
    DIR *d = opendir("/proc/self/fd");
    if (!d)
        return fds;
    while (struct dirent *e = readdir(d)) {
        struct stat st;
        const int fd = std::atoi(e->d_name);
        if (e->d_name[0] != '.' && fd != dirfd(d) && fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode))
            fds.push_back(fd);
    }
    closedir(d);
    return fds;
}

// Why the order matters: fusermount3's auto_unmount helper unmounts once the socket closes, but
// only if opening the mount point then fails with ENOTCONN; an exiting process releases its
// files last descriptor first, so with the socket above /dev/fuse the helper could look while
// the connection still stood (the open fails ECONNABORTED) and leave the mount behind.
void order_exit_release(const std::vector<int> &before, const std::vector<int> &after, int spare, int session_fd)
{
    std::vector<int> added;
    for (int fd : after)
        if (std::find(before.begin(), before.end(), fd) == before.end())
            added.push_back(fd);
    if (added.size() != 1 || spare < 0 || spare > session_fd || added[0] < session_fd) {
        if (spare >= 0)
            close(spare);
        return;
    }
    const int flags = fcntl(added[0], F_GETFD);
    if (dup2(added[0], spare) == spare) {
        fcntl(spare, F_SETFD, flags);
        close(added[0]);
    } else {
        close(spare);
    }
}

std::string check_mount_point(const std::string &dir)
{
    std::string stale = clear_stale(dir);
    if (!stale.empty())
        return stale;
    struct stat st;
    if (stat(dir.c_str(), &st) != 0)
        return std::strerror(errno);
    if (!S_ISDIR(st.st_mode))
        return "not a directory";
    if (st.st_uid != getuid())
        return "not owned by you (uid " + std::to_string(getuid()) + ")";
    if (!dir_empty(dir))
        return "not an empty directory";
    return {};
}

}  // namespace kshim

