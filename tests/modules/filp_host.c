// Kernel-side file calls on a host path and on the module's own device (filp_open, kernel_read, filp_close): kshim answers from its own namespace.
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

static char path[64] = "/etc/passwd";
module_param_string(path, path, sizeof(path), 0444);
MODULE_PARM_DESC(path, "a host file the module tries to read");

static ssize_t fh_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
	return 0;
}

static const struct file_operations fh_fops = {
	.owner = THIS_MODULE,
	.read = fh_read,
};

static struct miscdevice fh_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "filp_host",
	.fops = &fh_fops,
};

/* Opens p and reads up to 16 bytes from it with kernel_read, logging each step's result. */
static void try_read(const char *p)
{
	char buf[16];
	loff_t pos = 0;
	struct file *f = filp_open(p, O_RDONLY, 0);
	ssize_t n;

	if (IS_ERR(f)) {
		pr_info("filp_host: filp_open %s: %ld\n", p, PTR_ERR(f));
		return;
	}
	pr_info("filp_host: filp_open %s: ok\n", p);
	n = kernel_read(f, buf, sizeof(buf), &pos);
	pr_info("filp_host: kernel_read %s: %zd\n", p, n);
	pr_info("filp_host: filp_close %s: %d\n", p, filp_close(f, NULL));
}

static int __init fh_init(void)
{
	int r = misc_register(&fh_dev);

	if (r)
		return r;
	try_read(path);
	try_read("/dev/filp_host");
	return 0;
}

static void __exit fh_exit(void)
{
	misc_deregister(&fh_dev);
}

module_init(fh_init);
module_exit(fh_exit);
MODULE_LICENSE("GPL");
