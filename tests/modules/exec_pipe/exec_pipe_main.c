// exec_pipe (file 1 of 2): a character device region at numbers given as module parameters, one cdev over two minors.
#include <linux/cdev.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kdev_t.h>
#include <linux/module.h>

#include "exec_pipe.h"

static int major = 240;
static int minor = 3;
module_param(major, int, 0444);
MODULE_PARM_DESC(major, "the region's major number");
module_param(minor, int, 0444);
MODULE_PARM_DESC(minor, "the region's first minor");

static struct cdev cdev;

static int __init exec_pipe_init(void)
{
	dev_t dev = MKDEV(major, minor);
	int ret = register_chrdev_region(dev, 2, "exec_pipe");

	if (ret) {
		pr_err("exec_pipe: region %d:%d busy (%d)\n", major, minor, ret);
		return ret;
	}
	cdev_init(&cdev, &exec_pipe_fops);
	cdev.owner = THIS_MODULE;
	ret = cdev_add(&cdev, dev, 2);
	if (ret) {
		unregister_chrdev_region(dev, 2);
		return ret;
	}
	pr_info("exec_pipe: region %d:%d, 2 minors\n", MAJOR(dev), MINOR(dev));
	return 0;
}

static void __exit exec_pipe_exit(void)
{
	cdev_del(&cdev);
	unregister_chrdev_region(MKDEV(major, minor), 2);
	pr_info("exec_pipe: gone\n");
}

module_init(exec_pipe_init);
module_exit(exec_pipe_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A one-message pipe: a read blocks until a write brings data");
