// exec_pipe (file 2 of 2): the file operations: a read that sleeps until a write brings a message, then gives EOF; an ioctl for the length.
#include <linux/fs.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include "exec_pipe.h"

static DECLARE_WAIT_QUEUE_HEAD(readers);
static DEFINE_MUTEX(lock);
static char msg[64];
static size_t msg_len;
static bool delivered;

static int pipe_open(struct inode *inode, struct file *file)
{
	pr_info("exec_pipe: open minor %u by %s\n", iminor(inode), current->comm);
	return 0;
}

static int pipe_release(struct inode *inode, struct file *file)
{
	pr_info("exec_pipe: release minor %u\n", iminor(inode));
	return 0;
}

static ssize_t pipe_read(struct file *file, char __user *buf, size_t n, loff_t *off)
{
	ssize_t ret;

	if (delivered)
		return 0;
	pr_info("exec_pipe: %s waits\n", current->comm);
	if (wait_event_interruptible(readers, msg_len > 0))
		return -ERESTARTSYS;
	mutex_lock(&lock);
	n = min(n, msg_len);
	ret = copy_to_user(buf, msg, n) ? -EFAULT : (ssize_t)n;
	if (ret > 0) {
		delivered = true;
		pr_info("exec_pipe: %s read %zu bytes\n", current->comm, n);
	}
	mutex_unlock(&lock);
	return ret;
}

static ssize_t pipe_write(struct file *file, const char __user *buf, size_t n, loff_t *off)
{
	mutex_lock(&lock);
	n = min(n, sizeof(msg));
	if (copy_from_user(msg, buf, n)) {
		mutex_unlock(&lock);
		return -EFAULT;
	}
	msg_len = n;
	mutex_unlock(&lock);
	pr_info("exec_pipe: %s wrote %zu bytes\n", current->comm, n);
	wake_up_interruptible(&readers);
	return n;
}

static long pipe_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	int v;

	switch (cmd) {
	case EXEC_PIPE_LEN:
		return put_user((int)msg_len, (int __user *)arg);
	case EXEC_PIPE_SET:
		if (get_user(v, (int __user *)arg))
			return -EFAULT;
		pr_info("exec_pipe: set %d\n", v);
		return v;
	default:
		return -ENOTTY;
	}
}

const struct file_operations exec_pipe_fops = {
	.owner = THIS_MODULE,
	.open = pipe_open,
	.release = pipe_release,
	.read = pipe_read,
	.write = pipe_write,
	.unlocked_ioctl = pipe_ioctl,
};
