/* Calls vfs_read, which Linux 6.1 declares in linux/fs.h but does not export: the module must not load (kernel_read is the exported call). */
#include <linux/fs.h>
#include <linux/module.h>

static int __init vfs_read_unexported_init(void)
{
	struct file *f = filp_open("/proc/version", O_RDONLY, 0);
	char buf[8];
	loff_t pos = 0;

	if (IS_ERR(f))
		return PTR_ERR(f);
	pr_info("vfs_read: %zd\n", vfs_read(f, (char __user *)buf, sizeof(buf), &pos));
	filp_close(f, NULL);
	return 0;
}

static void __exit vfs_read_unexported_exit(void)
{
}

module_init(vfs_read_unexported_init);
module_exit(vfs_read_unexported_exit);
MODULE_LICENSE("GPL");
