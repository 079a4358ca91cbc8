// A misc device with a wait queue, poll and fasync: a write stores bytes, wakes readers and pollers and sends SIGIO (kill_fasync) to the async owners.
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

static DECLARE_WAIT_QUEUE_HEAD(notify_wq);
static struct fasync_struct *notify_async;
static char notify_buf[64];
static size_t notify_len;

static ssize_t notify_read(struct file *file, char __user *buf, size_t n, loff_t *off)
{
	size_t len;

	if (!notify_len && (file->f_flags & O_NONBLOCK))
		return -EAGAIN;
	if (wait_event_interruptible(notify_wq, notify_len))
		return -ERESTARTSYS;
	len = min(n, notify_len);
	if (copy_to_user(buf, notify_buf, len))
		return -EFAULT;
	memmove(notify_buf, notify_buf + len, notify_len - len);
	notify_len -= len;
	return len;
}

static ssize_t notify_write(struct file *file, const char __user *buf, size_t n, loff_t *off)
{
	n = min(n, sizeof(notify_buf) - notify_len);
	if (copy_from_user(notify_buf + notify_len, buf, n))
		return -EFAULT;
	notify_len += n;
	pr_info("fasync_notify: %zu bytes in\n", n);
	wake_up_interruptible(&notify_wq);
	kill_fasync(&notify_async, SIGIO, POLL_IN);
	return n;
}

static __poll_t notify_poll(struct file *file, poll_table *wait)
{
	poll_wait(file, &notify_wq, wait);
	return (notify_len ? EPOLLIN | EPOLLRDNORM : 0) | EPOLLOUT | EPOLLWRNORM;
}

static int notify_fasync(int fd, struct file *file, int on)
{
	int r = fasync_helper(fd, file, on, &notify_async);

	pr_info("fasync_notify: fasync fd %d on %d: %d, FASYNC %s\n", fd, on, r,
		(file->f_flags & FASYNC) ? "set" : "clear");
	return r;
}

static int notify_release(struct inode *inode, struct file *file)
{
	pr_info("fasync_notify: release, %s listed\n", notify_async ? "still" : "none");
	return 0;
}

static const struct file_operations notify_fops = {
	.owner = THIS_MODULE,
	.read = notify_read,
	.write = notify_write,
	.poll = notify_poll,
	.fasync = notify_fasync,
	.release = notify_release,
	.llseek = noop_llseek,
};

static struct miscdevice notify_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "fasync_notify",
	.fops = &notify_fops,
};

static int __init fasync_notify_init(void)
{
	return misc_register(&notify_dev);
}

static void __exit fasync_notify_exit(void)
{
	misc_deregister(&notify_dev);
}

module_init(fasync_notify_init);
module_exit(fasync_notify_exit);
MODULE_LICENSE("GPL");
