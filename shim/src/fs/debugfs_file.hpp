// The file_operations of debugfs's value helpers (debugfs_create_u32 & co): one set per value type.
#pragma once

struct file_operations;

namespace kshim {

// A value type's files: read-write, read-only (no write bit in the mode), write-only (no read bit).
struct DebugfsFops {
    const file_operations *rw, *ro, *wo;
    // The one of the three that mode calls for, as debugfs_create_mode_unsafe picks it.
    const file_operations *pick(unsigned short mode) const;
};

namespace debugfs_fops {
extern const DebugfsFops u8, u16, u32, u64, ulong, x8, x16, x32, x64, size_t_, atomic_t_, bool_;
extern const file_operations blob;
}  // namespace debugfs_fops

}  // namespace kshim
