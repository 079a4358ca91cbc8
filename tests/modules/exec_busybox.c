// busybox's wordings under --exec: a chardev that logs each open, read, write and ioctl, /proc files whose read or write fails, a /proc directory of names for ls.
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>
#include <linux/device.h>

static struct class *cls;
static const char data[] = "line1\nline2\nline3\n";

static ssize_t p_read(struct file *f, char __user *b, size_t n, loff_t *off)
{
	size_t len = sizeof(data) - 1;
	pr_info("exec_busybox: read %zu at %lld\n", n, *off);
	if (*off >= len)
		return 0;
	if (n > len - *off)
		n = len - *off;
	if (copy_to_user(b, data + *off, n))
		return -EFAULT;
	*off += n;
	return n;
}

static ssize_t p_write(struct file *f, const char __user *b, size_t n, loff_t *off)
{
	char c[64] = {0};
	if (copy_from_user(c, b, min(n, sizeof(c) - 1)))
		return -EFAULT;
	pr_info("exec_busybox: write %zu at %lld append %d: %s\n", n, *off, !!(f->f_flags & O_APPEND), c);
	if (c[0] == 'E')
		return -EINVAL;
	return n;
}

static int p_open(struct inode *i, struct file *f)
{
	pr_info("exec_busybox: open flags %o\n", f->f_flags & (O_ACCMODE | O_APPEND | O_TRUNC | O_CREAT));
	return 0;
}

static long p_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	pr_info("exec_busybox: ioctl %x\n", cmd);
	return cmd == 7 ? -ENOTTY : 3;
}

static const struct file_operations fops = {
	.owner = THIS_MODULE, .read = p_read, .write = p_write, .open = p_open, .unlocked_ioctl = p_ioctl,
};

static ssize_t e_read(struct file *f, char __user *b, size_t n, loff_t *off) { return -EIO; }
static ssize_t e_write(struct file *f, const char __user *b, size_t n, loff_t *off) { return -EINVAL; }
static const struct proc_ops eops = { .proc_read = e_read, .proc_write = e_write };
static const struct proc_ops rops = { .proc_read = p_read };
static struct proc_dir_entry *dir;

static int __init exec_busybox_init(void)
{
	int r = register_chrdev(240, "exec_busybox", &fops);
	pr_info("exec_busybox: register %d\n", r);
	cls = class_create(THIS_MODULE, "exec_busybox");
	device_create(cls, NULL, MKDEV(240, 0), NULL, "exec_busybox");
	proc_create("exec_busybox_err", 0666, NULL, &eops);
	dir = proc_mkdir("exec_busybox_dir", NULL);
	proc_create("a", 0444, dir, &rops);
	proc_create("bb", 0444, dir, &rops);
	proc_create("a_much_longer_name_here", 0444, dir, &rops);
	proc_create("ccc", 0444, dir, &rops);
	proc_create("Zed", 0444, dir, &rops);
	proc_create("_under", 0444, dir, &rops);
	proc_create("b10", 0444, dir, &rops);
	proc_create("b9", 0444, dir, &rops);
	return 0;
}

static void __exit exec_busybox_exit(void)
{
	proc_remove(dir);
	remove_proc_entry("exec_busybox_err", NULL);
	device_destroy(cls, MKDEV(240, 0));
	class_destroy(cls);
	unregister_chrdev(240, "exec_busybox");
}
module_init(exec_busybox_init);
module_exit(exec_busybox_exit);
MODULE_LICENSE("GPL");
