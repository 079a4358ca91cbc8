// A character device whose read blocks until a write brings data (register_chrdev, class, device_create, wait queue, poll).
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/uaccess.h>
#include <linux/version.h>
#include <linux/wait.h>

#define NAME "kshim_wait"

static int major;
static struct class *cls;
static DECLARE_WAIT_QUEUE_HEAD(readers);
static char msg[64];
static size_t msg_len;

static int cw_open(struct inode *inode, struct file *file)
{
	pr_info("%s: open minor %u\n", NAME, iminor(inode));
	return 0;
}

static int cw_release(struct inode *inode, struct file *file)
{
	pr_info("%s: release\n", NAME);
	return 0;
}

static ssize_t cw_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
	size_t n;

	if (!msg_len && (file->f_flags & O_NONBLOCK))
		return -EAGAIN;
	if (wait_event_interruptible(readers, msg_len > 0))
		return -ERESTARTSYS;
	n = min(len, msg_len);
	if (copy_to_user(buf, msg, n))
		return -EFAULT;
	memmove(msg, msg + n, msg_len - n);
	msg_len -= n;
	*off += n;
	pr_info("%s: read %zu bytes\n", NAME, n);
	return n;
}

static ssize_t cw_write(struct file *file, const char __user *buf, size_t len, loff_t *off)
{
	size_t n = min(len, sizeof(msg) - msg_len);

	if (copy_from_user(msg + msg_len, buf, n))
		return -EFAULT;
	msg_len += n;
	pr_info("%s: wrote %zu bytes\n", NAME, n);
	wake_up_interruptible(&readers);
	return n;
}

static __poll_t cw_poll(struct file *file, poll_table *wait)
{
	poll_wait(file, &readers, wait);
	return msg_len ? EPOLLIN | EPOLLRDNORM : 0;
}


static const struct file_operations cw_fops = {
	.owner = THIS_MODULE,
	.open = cw_open,
	.release = cw_release,
	.read = cw_read,
	.write = cw_write,
	.poll = cw_poll,
};

static int __init cw_init(void)
{
	major = register_chrdev(0, NAME, &cw_fops);
	if (major < 0)
		return major;
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
	cls = class_create(NAME);
#else
	cls = class_create(THIS_MODULE, NAME);
#endif
	if (IS_ERR(cls)) {
		unregister_chrdev(major, NAME);
		return PTR_ERR(cls);
	}
	device_create(cls, NULL, MKDEV(major, 0), NULL, NAME);
	pr_info("%s: major %d\n", NAME, major);
	return 0;
}

static void __exit cw_exit(void)
{
	device_destroy(cls, MKDEV(major, 0));
	class_destroy(cls);
	unregister_chrdev(major, NAME);
	pr_info("%s: gone\n", NAME);
}

module_init(cw_init);
module_exit(cw_exit);
MODULE_LICENSE("GPL");
