// A misc device whose read and write dereference the user pointer directly, without copy_to_user/copy_from_user (what SMAP stops on Linux).
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

static ssize_t direct_read(struct file *file, char __user *buf, size_t n, loff_t *off)
{
	if (*off || !n)
		return 0;
	pr_info("smap_direct: storing into the reader's buffer\n");
	*(char *)buf = 'x';	/* a supervisor write to a user page */
	*off = 1;
	return 1;
}

static ssize_t direct_write(struct file *file, const char __user *buf, size_t n, loff_t *off)
{
	pr_info("smap_direct: reading the writer's buffer\n");
	pr_info("smap_direct: first byte %c\n", *(const char *)buf);	/* a supervisor read */
	return n;
}

static const struct file_operations direct_fops = {
	.owner = THIS_MODULE,
	.read = direct_read,
	.write = direct_write,
};

static struct miscdevice direct_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "smap_direct",
	.fops = &direct_fops,
};

static int __init smap_direct_init(void)
{
	return misc_register(&direct_dev);
}

static void __exit smap_direct_exit(void)
{
	misc_deregister(&direct_dev);
}

module_init(smap_direct_init);
module_exit(smap_direct_exit);
MODULE_LICENSE("GPL");
