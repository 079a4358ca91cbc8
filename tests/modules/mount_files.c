// A 64-byte /proc file that names its opener (proc_create, simple_read_from_buffer, current->comm): what --mount's tests and benchmark read.
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/uaccess.h>

#define NAME "kshim_mount64"

static const char text[64] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\n";
static struct proc_dir_entry *entry;
static int quiet;
module_param(quiet, int, 0444);
MODULE_PARM_DESC(quiet, "do not log each open (for the benchmark)");

static int m64_open(struct inode *inode, struct file *file)
{
	if (!quiet)
		pr_info("%s: opened by %s (pid %d, mm %s)\n", NAME, current->comm, current->pid,
			current->mm ? "set" : "NULL");
	return 0;
}

static ssize_t m64_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
	return simple_read_from_buffer(buf, len, off, text, sizeof(text));
}

static const struct proc_ops m64_ops = {
	.proc_open = m64_open,
	.proc_read = m64_read,
};

static int __init m64_init(void)
{
	entry = proc_create(NAME, 0444, NULL, &m64_ops);
	return entry ? 0 : -ENOMEM;
}

static void __exit m64_exit(void)
{
	proc_remove(entry);
}

module_init(m64_init);
module_exit(m64_exit);
MODULE_LICENSE("GPL");
