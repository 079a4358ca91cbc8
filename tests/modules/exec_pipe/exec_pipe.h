/* exec_pipe: what the two files of the module share. */
#ifndef EXEC_PIPE_H
#define EXEC_PIPE_H

#include <linux/fs.h>
#include <linux/ioctl.h>

#define EXEC_PIPE_LEN _IOR('p', 1, int)
#define EXEC_PIPE_SET _IOW('p', 2, int)

extern const struct file_operations exec_pipe_fops;

#endif
