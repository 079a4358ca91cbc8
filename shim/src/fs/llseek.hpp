// The generic llseek helpers and open flavours (default_llseek, fixed_size_llseek, nonseekable_open, ...), as 6.1 computes them.
#pragma once

#include "linux/fs.h"

namespace kshim {

// All atomic-safe: they touch only the file.
loff_t llseek_size(struct file *f, loff_t off, int whence, loff_t maxsize, loff_t eof);   // generic_file_llseek_size
loff_t default_llseek(struct file *f, loff_t off, int whence);
loff_t fixed_size_llseek(struct file *f, loff_t off, int whence, loff_t size);
int nonseekable_open(struct file *f);
int stream_open(struct file *f);
int simple_open(struct inode *inode, struct file *f);

}  // namespace kshim
