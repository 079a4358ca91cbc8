// vfs_llseek on files the module opens with filp_open: its own misc devices (fixed_size_llseek, no_llseek), and a /proc file without proc_lseek.
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/proc_fs.h>

static loff_t sized_llseek(struct file *file, loff_t off, int whence)
{
	return fixed_size_llseek(file, off, whence, 100);
}

static const struct file_operations sized_fops = {
	.owner = THIS_MODULE,
	.llseek = sized_llseek,
};

static const struct file_operations stream_fops = {
	.owner = THIS_MODULE,
	.open = nonseekable_open,
	.llseek = no_llseek,
};

static struct miscdevice sized_dev = { .minor = MISC_DYNAMIC_MINOR, .name = "vfs_sized", .fops = &sized_fops };
static struct miscdevice stream_dev = { .minor = MISC_DYNAMIC_MINOR, .name = "vfs_stream", .fops = &stream_fops };

static const struct proc_ops plain_pops = {};

static void seek(const char *path)
{
	struct file *f = filp_open(path, O_RDONLY, 0);

	if (IS_ERR(f)) {
		pr_info("vfs_llseek_probe: %s: open %ld\n", path, PTR_ERR(f));
		return;
	}
	pr_info("vfs_llseek_probe: %s: SEEK_SET 5 = %lld\n", path, vfs_llseek(f, 5, SEEK_SET));
	pr_info("vfs_llseek_probe: %s: SEEK_CUR 2 = %lld\n", path, vfs_llseek(f, 2, SEEK_CUR));
	pr_info("vfs_llseek_probe: %s: SEEK_END -10 = %lld\n", path, vfs_llseek(f, -10, SEEK_END));
	pr_info("vfs_llseek_probe: %s: SEEK_SET -1 = %lld\n", path, vfs_llseek(f, -1, SEEK_SET));
	pr_info("vfs_llseek_probe: %s: f_pos %lld\n", path, f->f_pos);
	filp_close(f, NULL);
}

static int __init vfs_llseek_probe_init(void)
{
	int r = misc_register(&sized_dev);

	if (r)
		return r;
	r = misc_register(&stream_dev);
	if (r) {
		misc_deregister(&sized_dev);
		return r;
	}
	proc_create("vfs_plain", 0444, NULL, &plain_pops);
	seek("/dev/vfs_sized");
	seek("/dev/vfs_stream");
	seek("/proc/vfs_plain");
	seek("/dev/vfs_none");
	return 0;
}

static void __exit vfs_llseek_probe_exit(void)
{
	remove_proc_entry("vfs_plain", NULL);
	misc_deregister(&stream_dev);
	misc_deregister(&sized_dev);
}

module_init(vfs_llseek_probe_init);
module_exit(vfs_llseek_probe_exit);
MODULE_LICENSE("GPL");
