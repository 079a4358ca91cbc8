// debugfs's value files (fs/debugfs/file.c of 6.1): u8..u64, x8..x64, ulong, size_t, atomic_t, bool and blob, in their exact formats.
#include "fs/debugfs_file.hpp"

#include <cstring>

#include "linux/atomic.h"
#include "linux/debugfs.h"
#include "linux/fs.h"
#include "linux/kstrtox.h"
#include "linux/stat.h"
#include "linux/uaccess.h"

namespace kshim {

namespace {

template <typename T> int get_value(void *data, u64 *val)
{
    *val = *static_cast<T *>(data);
    return 0;
}

template <typename T> int set_value(void *data, u64 val)
{
    *static_cast<T *>(data) = (T)val;
    return 0;
}

int get_atomic(void *data, u64 *val)
{
    *val = (u64)(s64)atomic_read(static_cast<atomic_t *>(data));
    return 0;
}

int set_atomic(void *data, u64 val)
{
    atomic_set(static_cast<atomic_t *>(data), (int)val);
    return 0;
}

constexpr char fmt_llu[] = "%llu\n";
constexpr char fmt_lld[] = "%lld\n";
constexpr char fmt_x8[] = "0x%02llx\n";
constexpr char fmt_x16[] = "0x%04llx\n";
constexpr char fmt_x32[] = "0x%08llx\n";
constexpr char fmt_x64[] = "0x%016llx\n";

template <int (*Get)(void *, u64 *), int (*Set)(void *, u64), const char *Fmt>
int open_attr(struct inode *inode, struct file *file)
{
    return simple_attr_open(inode, file, Get, Set, Fmt);
}

// DEFINE_DEBUGFS_ATTRIBUTE's file: simple_attr reads and writes, no seeking.
constexpr file_operations attr_fops(int (*open)(struct inode *, struct file *), bool is_signed)
{
    file_operations f {};
    f.open = open;
    f.release = simple_attr_release;
    f.read = debugfs_attr_read;
    f.write = is_signed ? debugfs_attr_write_signed : debugfs_attr_write;
    f.llseek = no_llseek;
    return f;
}

// The read-write, read-only and write-only files of one value type.
template <int (*Get)(void *, u64 *), int (*Set)(void *, u64), const char *Fmt, bool Signed = false>
struct Triple {
    static constexpr file_operations rw = attr_fops(open_attr<Get, Set, Fmt>, Signed);
    static constexpr file_operations ro = attr_fops(open_attr<Get, nullptr, Fmt>, Signed);
    static constexpr file_operations wo = attr_fops(open_attr<nullptr, Set, Fmt>, Signed);
    static constexpr DebugfsFops set() { return {&rw, &ro, &wo}; }
};

// "Y\n" or "N\n".
ssize_t read_bool(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
    char text[2] = {*static_cast<bool *>(file->private_data) ? 'Y' : 'N', '\n'};
    return simple_read_from_buffer(buf, count, ppos, text, 2);
}

// kstrtobool on the first 10 bytes; the whole count is taken even when they do not parse.
ssize_t write_bool(struct file *file, const char __user *buf, size_t count, loff_t *)
{
    char text[11];
    size_t n = count < sizeof(text) - 1 ? count : sizeof(text) - 1;
    if (copy_from_user(text, buf, n))
        return count;   // kstrtobool_from_user's -EFAULT is dropped, as in 6.1
    text[n] = '\0';
    bool v;
    if (!kstrtobool(text, &v))
        *static_cast<bool *>(file->private_data) = v;
    return count;
}

ssize_t read_blob(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
    auto *blob = static_cast<struct debugfs_blob_wrapper *>(file->private_data);
    return simple_read_from_buffer(buf, count, ppos, blob->data, blob->size);
}

constexpr file_operations plain_fops(ssize_t (*rd)(struct file *, char __user *, size_t, loff_t *),
                                     ssize_t (*wr)(struct file *, const char __user *, size_t, loff_t *))
{
    file_operations f {};
    f.open = simple_open;
    f.read = rd;
    f.write = wr;
    f.llseek = default_llseek;
    return f;
}

constexpr file_operations bool_rw = plain_fops(read_bool, write_bool);
constexpr file_operations bool_ro = plain_fops(read_bool, nullptr);
constexpr file_operations bool_wo = plain_fops(nullptr, write_bool);

}  // namespace

const file_operations *DebugfsFops::pick(unsigned short mode) const
{
    if (!(mode & S_IWUGO))
        return ro;
    if (!(mode & S_IRUGO))
        return wo;
    return rw;
}

namespace debugfs_fops {
const DebugfsFops u8 = Triple<get_value<::u8>, set_value<::u8>, fmt_llu>::set();
const DebugfsFops u16 = Triple<get_value<::u16>, set_value<::u16>, fmt_llu>::set();
const DebugfsFops u32 = Triple<get_value<::u32>, set_value<::u32>, fmt_llu>::set();
const DebugfsFops u64 = Triple<get_value<::u64>, set_value<::u64>, fmt_llu>::set();
const DebugfsFops ulong = Triple<get_value<unsigned long>, set_value<unsigned long>, fmt_llu>::set();
const DebugfsFops x8 = Triple<get_value<::u8>, set_value<::u8>, fmt_x8>::set();
const DebugfsFops x16 = Triple<get_value<::u16>, set_value<::u16>, fmt_x16>::set();
const DebugfsFops x32 = Triple<get_value<::u32>, set_value<::u32>, fmt_x32>::set();
const DebugfsFops x64 = Triple<get_value<::u64>, set_value<::u64>, fmt_x64>::set();
const DebugfsFops size_t_ = Triple<get_value<size_t>, set_value<size_t>, fmt_llu>::set();
const DebugfsFops atomic_t_ = Triple<get_atomic, set_atomic, fmt_lld, true>::set();
const DebugfsFops bool_ = {&bool_rw, &bool_ro, &bool_wo};
const file_operations blob = plain_fops(read_blob, nullptr);
}  // namespace debugfs_fops

}  // namespace kshim

extern "C" {

// DEFINE_DEBUGFS_ATTRIBUTE's read and write: simple_attr's (6.1 adds removal protection here). May sleep.
ssize_t debugfs_attr_read(struct file *file, char __user *buf, size_t len, loff_t *ppos)
{
    return simple_attr_read(file, buf, len, ppos);
}

ssize_t debugfs_attr_write(struct file *file, const char __user *buf, size_t len, loff_t *ppos)
{
    return simple_attr_write(file, buf, len, ppos);
}

ssize_t debugfs_attr_write_signed(struct file *file, const char __user *buf, size_t len, loff_t *ppos)
{
    return simple_attr_write_signed(file, buf, len, ppos);
}

}  // extern "C"
