// A module whose exit forgets its chrdev, misc device, class, device and /proc entries, and whose fops pin nothing (no .owner).
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/proc_fs.h>

static ssize_t lo_read(struct file *file, char __user *buf, size_t n, loff_t *off)
{
	return 0;
}

static const struct file_operations lo_fops = {
	.read = lo_read,
};

static const struct proc_ops lo_pops = {
	.proc_read = lo_read,
};

static struct miscdevice lo_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "leftover_misc",
	.fops = &lo_fops,
};

static int __init lo_init(void)
{
	int major = register_chrdev(0, "leftover_chr", &lo_fops);
	struct class *cls = class_create(THIS_MODULE, "leftover_class");

	device_create(cls, NULL, MKDEV(major, 0), NULL, "leftover_dev");
	proc_create("leftover_proc", 0444, NULL, &lo_pops);
	return misc_register(&lo_misc);
}

static void __exit lo_exit(void)
{
}

module_init(lo_init);
module_exit(lo_exit);
MODULE_LICENSE("GPL");
