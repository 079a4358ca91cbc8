// What the FUSE server (fuse_mount.cpp, which cannot see the kernel headers beside libfuse's) needs of nodes, files and tasks.
#include "fs/fuse_mount.hpp"

#include "fs/vfs.hpp"
#include "sched/task.hpp"

#include "linux/fcntl.h"
#include "linux/fs.h"
#include "linux/sched.h"

namespace kshim {

NodeAttr node_attr(const Node *n)
{
    return {n->inode->i_ino, (uint16_t)(n->inode->i_mode & 07777), n->kind == NodeKind::Dir,
            (int64_t)n->inode->i_size};
}

void set_file_nonblock(struct file *f, bool nonblock)
{
    f->f_flags = (f->f_flags & ~O_NONBLOCK) | (nonblock ? O_NONBLOCK : 0);
}

void set_comm(Task *t, const std::string &comm) { set_task_comm(&t->ts, comm.c_str()); }

}  // namespace kshim
