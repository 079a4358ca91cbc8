// A misc device that keeps the last write and gives it back on read, with an ioctl that reports its length (misc_register, put_user).
#include <linux/fs.h>
#include <linux/ioctl.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/uaccess.h>

#define ECHO_LEN _IOR('e', 1, int)

static char buf[32];
static size_t len;

static ssize_t echo_read(struct file *file, char __user *ubuf, size_t n, loff_t *off)
{
	struct miscdevice *m = file->private_data;

	if (*off >= len)
		return 0;
	n = min(n, (size_t)(len - *off));
	if (copy_to_user(ubuf, buf + *off, n))
		return -EFAULT;
	*off += n;
	pr_info("%s: read %zu\n", m->name, n);
	return n;
}

static ssize_t echo_write(struct file *file, const char __user *ubuf, size_t n, loff_t *off)
{
	n = min(n, sizeof(buf));
	if (copy_from_user(buf, ubuf, n))
		return -EFAULT;
	len = n;
	return n;
}

static long echo_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	if (cmd != ECHO_LEN)
		return -ENOTTY;
	return put_user((int)len, (int __user *)arg);
}

static int echo_flush(struct file *file, fl_owner_t id)
{
	pr_info("kshim_echo: flush\n");
	return 0;
}

static const struct file_operations echo_fops = {
	.owner = THIS_MODULE,
	.read = echo_read,
	.write = echo_write,
	.unlocked_ioctl = echo_ioctl,
	.llseek = default_llseek,
	.flush = echo_flush,
};

static struct miscdevice echo_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "kshim_echo",
	.fops = &echo_fops,
};

static int __init echo_init(void)
{
	int r = misc_register(&echo_dev);

	if (!r)
		pr_info("kshim_echo: minor %d\n", echo_dev.minor);
	return r;
}

static void __exit echo_exit(void)
{
	misc_deregister(&echo_dev);
}

module_init(echo_init);
module_exit(echo_exit);
MODULE_LICENSE("GPL");
