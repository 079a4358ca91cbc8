// --host-ro: a host file as a read-only text node of kshim's namespace, read through a descriptor taken when it is mapped.
#include "fs/host_ro.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "fs/vfs.hpp"

namespace kshim {

namespace {

constexpr size_t kMaxBytes = 64u << 20;   // what one open takes of the file at most

// The descriptor, shared by the node's text function; closed with the kernel.
struct HostFd {
    int fd;
    ~HostFd() { close(fd); }
};

std::string contents(int fd)
{
    std::string s;
    char buf[65536];
    for (off_t off = 0; s.size() < kMaxBytes;) {
        ssize_t n = pread(fd, buf, sizeof buf, off);
        if (n <= 0)
            break;
        s.append(buf, (size_t)n);
        off += n;
    }
    return s;
}

// The directory that will hold `at`'s last part, made as needed; nullptr if a part is a file.
Node *parent_dir(Vfs &v, const std::string &at)
{
    Node *dir = v.root();
    size_t i = 1;
    for (size_t j; (j = at.find('/', i)) != std::string::npos; i = j + 1) {
        std::string part = at.substr(i, j - i);
        if (part.empty())
            continue;
        Node *next = dir->child(part);
        if (!next)
            next = v.add_dir(dir, part, 0755, nullptr);
        if (!next || next->kind != NodeKind::Dir)
            return nullptr;
        dir = next;
    }
    return dir;
}

}  // namespace

std::string map_host_ro(Vfs &v, const std::string &host, const std::string &at)
{
    if (at.empty() || at[0] != '/' || at.back() == '/' || at.find("/../") != std::string::npos)
        return "'" + at + "' is not an absolute file path";
    int fd = open(host.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return host + ": " + std::strerror(errno);
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return host + ": not a regular file";
    }
    std::shared_ptr<HostFd> shared(new HostFd{fd});
    Node *dir = parent_dir(v, at);
    const std::string name = at.substr(at.rfind('/') + 1);
    Node *n = dir ? v.add_text(dir, name, 0444, [shared] { return contents(shared->fd); }) : nullptr;
    if (!n)
        return at + " already exists in kshim's namespace";
    n->read_only = true;
    return {};
}

}  // namespace kshim
