// Benchmark module: a 64-byte /proc file (/proc/kbench64) read with simple_read_from_buffer.
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/proc_fs.h>

static const char data[65] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\n";
static struct proc_dir_entry *entry;

static ssize_t p64_read(struct file *file, char __user *buf, size_t n, loff_t *off)
{
	return simple_read_from_buffer(buf, n, off, data, 64);
}

static const struct proc_ops p64_ops = {
	.proc_read = p64_read,
	.proc_lseek = default_llseek,
};

static int __init p64_init(void)
{
	entry = proc_create("kbench64", 0444, NULL, &p64_ops);
	return entry ? 0 : -ENOMEM;
}

static void __exit p64_exit(void)
{
	proc_remove(entry);
}

module_init(p64_init);
module_exit(p64_exit);
MODULE_LICENSE("GPL");
