// The generic llseek helpers and open flavours modules put in their file_operations (fs/read_write.c, fs/open.c of 6.1).
#include "fs/llseek.hpp"

#include "linux/errno.h"

namespace kshim {

namespace {

// vfs_setpos: a negative or too large position is -EINVAL; a new one resets f_version.
loff_t setpos(struct file *f, loff_t off, loff_t maxsize)
{
    if (off < 0 || off > maxsize)
        return -EINVAL;
    if (off != f->f_pos) {
        f->f_pos = off;
        f->f_version = 0;
    }
    return off;
}

}  // namespace

loff_t llseek_size(struct file *f, loff_t off, int whence, loff_t maxsize, loff_t eof)
{
    switch (whence) {
    case SEEK_END: off += eof; break;
    case SEEK_CUR:
        if (off == 0)
            return f->f_pos;   // the position alone, without a change
        off += f->f_pos;
        break;
    case SEEK_DATA:
        if (off >= eof)
            return -ENXIO;
        break;
    case SEEK_HOLE:
        if (off >= eof)
            return -ENXIO;
        off = eof;
        break;
    }
    return setpos(f, off, maxsize);
}

loff_t default_llseek(struct file *f, loff_t off, int whence)
{
    loff_t size = f->f_inode ? f->f_inode->i_size : 0;
    switch (whence) {
    case SEEK_END: off += size; break;
    case SEEK_CUR:
        if (off == 0)
            return f->f_pos;
        off += f->f_pos;
        break;
    case SEEK_DATA:
    case SEEK_HOLE:
        if (off >= size)
            return -ENXIO;
        if (whence == SEEK_HOLE)
            off = size;
        break;
    }
    return setpos(f, off, MAX_LFS_FILESIZE);
}

loff_t fixed_size_llseek(struct file *f, loff_t off, int whence, loff_t size)
{
    if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END)
        return -EINVAL;
    return llseek_size(f, off, whence, size, size);
}

int nonseekable_open(struct file *f)
{
    f->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
    return 0;
}

int stream_open(struct file *f)
{
    f->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE | FMODE_ATOMIC_POS);
    f->f_mode |= FMODE_STREAM;
    return 0;
}

int simple_open(struct inode *inode, struct file *f)
{
    if (inode->i_private)
        f->private_data = inode->i_private;
    return 0;
}

}  // namespace kshim
