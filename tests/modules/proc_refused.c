/* Creates a /proc entry and a char device as tutorials do; until they exist, init takes its error path. */
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/fs.h>

static ssize_t proc_refused_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
	return simple_read_from_buffer(buf, len, off, "x\n", 2);
}

static const struct proc_ops proc_refused_ops = {
	.proc_read = proc_refused_read,
};

static const struct file_operations proc_refused_fops = {
	.owner = THIS_MODULE,
	.read = proc_refused_read,
};

static int __init proc_refused_init(void)
{
	int major = register_chrdev(0, "proc_refused", &proc_refused_fops);

	if (major < 0)
		pr_alert("Registering char device failed with %d\n", major);
	if (!proc_create("proc_refused", 0644, NULL, &proc_refused_ops)) {
		pr_alert("Error:Could not initialize /proc/proc_refused\n");
		return -ENOMEM;
	}
	return 0;
}

static void __exit proc_refused_exit(void)
{
	remove_proc_entry("proc_refused", NULL);
}

module_init(proc_refused_init);
module_exit(proc_refused_exit);
MODULE_LICENSE("GPL");
