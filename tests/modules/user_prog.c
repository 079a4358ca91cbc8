// A misc device for a real userspace program (tests/user/uprog.c, run with --user): ioctls by value and by pointer, EFAULT at a page the program lacks, O_NONBLOCK, poll and a blocking read.
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include "user_prog.h"

static DECLARE_WAIT_QUEUE_HEAD(user_prog_wq);
static char msg[64];
static size_t msg_len;

static int user_prog_open(struct inode *inode, struct file *file)
{
	pr_info("user_prog: open by %s (mm %s)\n", current->comm, current->mm ? "set" : "none");
	return 0;
}

static int user_prog_release(struct inode *inode, struct file *file)
{
	pr_info("user_prog: release by %s\n", current->comm);
	return 0;
}

/* The message, consumed by the read; without one the read waits (or -EAGAIN). */
static ssize_t user_prog_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	loff_t pos = 0;
	ssize_t n;

	if (!msg_len && (file->f_flags & O_NONBLOCK))
		return -EAGAIN;
	if (wait_event_interruptible(user_prog_wq, msg_len))
		return -ERESTARTSYS;
	n = simple_read_from_buffer(buf, count, &pos, msg, msg_len);
	pr_info("user_prog: %s read %zd of %zu bytes\n", current->comm, n, msg_len);
	if (n > 0)
		msg_len = 0;
	return n;
}

/* What copy_from_user could take (up to a fault), or -EFAULT when it took nothing. */
static ssize_t user_prog_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	size_t n = min(count, sizeof(msg));
	unsigned long left = copy_from_user(msg, buf, n);

	if (left == n)
		return -EFAULT;
	msg_len = n - left;
	pr_info("user_prog: %s wrote %zu bytes\n", current->comm, msg_len);
	wake_up_interruptible(&user_prog_wq);
	return msg_len;
}

static __poll_t user_prog_poll(struct file *file, poll_table *wait)
{
	poll_wait(file, &user_prog_wq, wait);
	return msg_len ? EPOLLIN | EPOLLRDNORM : 0;
}

static long user_prog_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	char str[32];
	struct user_prog_fill fill = { .n = 7 };
	long r;
	int v;

	switch (cmd) {
	case USER_PROG_DOUBLE:
		return arg * 2;
	case USER_PROG_STR:
		r = strncpy_from_user(str, (const char __user *)arg, sizeof(str) - 1);
		if (r >= 0) {
			str[r] = 0;
			pr_info("user_prog: string '%s'\n", str);
		}
		return r;
	case USER_PROG_FILL:
		strscpy(fill.text, "filled by the module", sizeof(fill.text));
		return copy_to_user((void __user *)arg, &fill, sizeof(fill)) ? -EFAULT : 0;
	case USER_PROG_GET:
		if (get_user(v, (int __user *)arg))
			return -EFAULT;
		return v + 1;
	case USER_PROG_CLEAR:
		return clear_user((void __user *)arg, 100);
	}
	return -ENOTTY;
}

static const struct file_operations user_prog_fops = {
	.owner = THIS_MODULE,
	.open = user_prog_open,
	.release = user_prog_release,
	.read = user_prog_read,
	.write = user_prog_write,
	.poll = user_prog_poll,
	.unlocked_ioctl = user_prog_ioctl,
};

static struct miscdevice user_prog_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "kshim_user",
	.fops = &user_prog_fops,
};

static int __init user_prog_init(void)
{
	int r = misc_register(&user_prog_dev);

	pr_info("user_prog: registered (%d)\n", r);
	return r;
}

static void __exit user_prog_exit(void)
{
	misc_deregister(&user_prog_dev);
	pr_info("user_prog: gone\n");
}

module_init(user_prog_init);
module_exit(user_prog_exit);
MODULE_LICENSE("GPL");
