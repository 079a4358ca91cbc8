// A /proc file that counts its reads and takes a number written to it (proc_mkdir, proc_create_data, pde_data, kstrtoint).
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>

static struct proc_dir_entry *dir;
static int value = 7;

static ssize_t counter_read(struct file *file, char __user *ubuf, size_t n, loff_t *off)
{
	int *v = pde_data(file_inode(file));
	char tmp[16];
	int len = snprintf(tmp, sizeof(tmp), "%d\n", *v);

	if (*off >= len)
		return 0;
	if (n > len - *off)
		n = len - *off;
	if (copy_to_user(ubuf, tmp + *off, n))
		return -EFAULT;
	*off += n;
	return n;
}

static ssize_t counter_write(struct file *file, const char __user *ubuf, size_t n, loff_t *off)
{
	char tmp[16] = {0};
	int *v = pde_data(file_inode(file));

	if (n >= sizeof(tmp))
		return -EINVAL;
	if (copy_from_user(tmp, ubuf, n))
		return -EFAULT;
	if (kstrtoint(strim(tmp), 10, v))
		return -EINVAL;
	pr_info("proc_counter: value %d\n", *v);
	return n;
}

static const struct proc_ops counter_ops = {
	.proc_read = counter_read,
	.proc_write = counter_write,
};

static int __init counter_init(void)
{
	dir = proc_mkdir("kshim_dir", NULL);
	if (!dir)
		return -ENOMEM;
	if (!proc_create_data("counter", 0644, dir, &counter_ops, &value)) {
		proc_remove(dir);
		return -ENOMEM;
	}
	return 0;
}

static void __exit counter_exit(void)
{
	remove_proc_entry("counter", dir);
	remove_proc_entry("kshim_dir", NULL);
}

module_init(counter_init);
module_exit(counter_exit);
MODULE_LICENSE("GPL");
