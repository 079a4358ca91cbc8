// extern "C" bridges for debugfs (Debugfs): directories, files, lookup, removal and the value helpers.
#include "fs/debugfs.hpp"
#include "fs/debugfs_file.hpp"
#include "kernel.hpp"

#include "linux/debugfs.h"

using kshim::Kernel;
namespace fops = kshim::debugfs_fops;

namespace {
kshim::Debugfs &debugfs() { return Kernel::get().debugfs(); }
}  // namespace

#define RET __builtin_return_address(0)

extern "C" {

struct dentry *debugfs_create_dir(const char *name, struct dentry *parent)
{
    return debugfs().create_dir(name, parent, RET);
}

struct dentry *debugfs_create_file(const char *name, umode_t mode, struct dentry *parent, void *data,
                                   const struct file_operations *fops)
{
    return debugfs().create_file(name, mode, parent, data, fops, RET);
}

// 6.1's _unsafe flavour only skips the removal proxy, which kshim has not.
struct dentry *debugfs_create_file_unsafe(const char *name, umode_t mode, struct dentry *parent, void *data,
                                          const struct file_operations *fops)
{
    return debugfs().create_file(name, mode, parent, data, fops, RET);
}

void debugfs_create_file_size(const char *name, umode_t mode, struct dentry *parent, void *data,
                              const struct file_operations *fops, loff_t file_size)
{
    debugfs().set_size(debugfs().create_file(name, mode, parent, data, fops, RET), file_size);
}

struct dentry *debugfs_lookup(const char *name, struct dentry *parent) { return debugfs().lookup(name, parent); }
void debugfs_remove(struct dentry *dentry) { debugfs().remove(dentry); }

void debugfs_lookup_and_remove(const char *name, struct dentry *parent)
{
    debugfs().remove(debugfs().lookup(name, parent));
}

bool debugfs_initialized(void) { return true; }

struct dentry *debugfs_create_blob(const char *name, umode_t mode, struct dentry *parent,
                                   struct debugfs_blob_wrapper *blob)
{
    return debugfs().create_file(name, mode & 0644, parent, blob, &fops::blob, RET);
}

void debugfs_create_u8(const char *name, umode_t mode, struct dentry *parent, u8 *value)
{
    debugfs().create_file(name, mode, parent, value, fops::u8.pick(mode), RET);
}

void debugfs_create_u16(const char *name, umode_t mode, struct dentry *parent, u16 *value)
{
    debugfs().create_file(name, mode, parent, value, fops::u16.pick(mode), RET);
}

void debugfs_create_u32(const char *name, umode_t mode, struct dentry *parent, u32 *value)
{
    debugfs().create_file(name, mode, parent, value, fops::u32.pick(mode), RET);
}

void debugfs_create_u64(const char *name, umode_t mode, struct dentry *parent, u64 *value)
{
    debugfs().create_file(name, mode, parent, value, fops::u64.pick(mode), RET);
}

void debugfs_create_ulong(const char *name, umode_t mode, struct dentry *parent, unsigned long *value)
{
    debugfs().create_file(name, mode, parent, value, fops::ulong.pick(mode), RET);
}

void debugfs_create_x8(const char *name, umode_t mode, struct dentry *parent, u8 *value)
{
    debugfs().create_file(name, mode, parent, value, fops::x8.pick(mode), RET);
}

void debugfs_create_x16(const char *name, umode_t mode, struct dentry *parent, u16 *value)
{
    debugfs().create_file(name, mode, parent, value, fops::x16.pick(mode), RET);
}

void debugfs_create_x32(const char *name, umode_t mode, struct dentry *parent, u32 *value)
{
    debugfs().create_file(name, mode, parent, value, fops::x32.pick(mode), RET);
}

void debugfs_create_x64(const char *name, umode_t mode, struct dentry *parent, u64 *value)
{
    debugfs().create_file(name, mode, parent, value, fops::x64.pick(mode), RET);
}

void debugfs_create_size_t(const char *name, umode_t mode, struct dentry *parent, size_t *value)
{
    debugfs().create_file(name, mode, parent, value, fops::size_t_.pick(mode), RET);
}

void debugfs_create_atomic_t(const char *name, umode_t mode, struct dentry *parent, atomic_t *value)
{
    debugfs().create_file(name, mode, parent, value, fops::atomic_t_.pick(mode), RET);
}

void debugfs_create_bool(const char *name, umode_t mode, struct dentry *parent, bool *value)
{
    debugfs().create_file(name, mode, parent, value, fops::bool_.pick(mode), RET);
}

}  // extern "C"
