// A /proc file whose read dereferences NULL (proc_create): the oops that ends a --mount run, after which the mount must be gone.
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/proc_fs.h>

static struct proc_dir_entry *entry;

static ssize_t oops_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
	int *volatile p = NULL;

	return *p;
}

static const struct proc_ops oops_ops = {
	.proc_read = oops_read,
};

static int __init oops_init(void)
{
	entry = proc_create("kshim_oops", 0444, NULL, &oops_ops);
	return entry ? 0 : -ENOMEM;
}

static void __exit oops_exit(void)
{
	proc_remove(entry);
}

module_init(oops_init);
module_exit(oops_exit);
MODULE_LICENSE("GPL");
