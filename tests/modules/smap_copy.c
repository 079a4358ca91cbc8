// smap_direct's twin: the same misc device reaching the user's buffer through copy_to_user and copy_from_user, as it should.
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/uaccess.h>

static ssize_t copy_read(struct file *file, char __user *buf, size_t n, loff_t *off)
{
	if (*off || !n)
		return 0;
	pr_info("smap_copy: storing into the reader's buffer\n");
	if (put_user('x', buf))
		return -EFAULT;
	*off = 1;
	return 1;
}

static ssize_t copy_write(struct file *file, const char __user *buf, size_t n, loff_t *off)
{
	char c;

	pr_info("smap_copy: reading the writer's buffer\n");
	if (!n)
		return 0;
	if (copy_from_user(&c, buf, 1))
		return -EFAULT;
	pr_info("smap_copy: first byte %c\n", c);
	return n;
}

static const struct file_operations copy_fops = {
	.owner = THIS_MODULE,
	.read = copy_read,
	.write = copy_write,
};

static struct miscdevice copy_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "smap_copy",
	.fops = &copy_fops,
};

static int __init smap_copy_init(void)
{
	return misc_register(&copy_dev);
}

static void __exit smap_copy_exit(void)
{
	misc_deregister(&copy_dev);
}

module_init(smap_copy_init);
module_exit(smap_copy_exit);
MODULE_LICENSE("GPL");
