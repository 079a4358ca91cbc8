/* hello: printk levels and module parameters, the first module of every tutorial. */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

static char *whom = "world";
module_param(whom, charp, 0644);
MODULE_PARM_DESC(whom, "Whom to greet");

static int howmany = 1;
module_param(howmany, int, 0444);
MODULE_PARM_DESC(howmany, "How many times to greet");

static bool shout;
module_param(shout, bool, 0644);
MODULE_PARM_DESC(shout, "Greet at KERN_WARNING instead of KERN_INFO");

static int __init hello_init(void)
{
	int i;

	for (i = 0; i < howmany; i++) {
		if (shout)
			pr_warn("HELLO, %s! (%d/%d)\n", whom, i + 1, howmany);
		else
			pr_info("Hello, %s (%d/%d)\n", whom, i + 1, howmany);
	}
	pr_info("hello: loaded by %s, HZ=%d\n", current->comm, HZ);
	return 0;
}

static void __exit hello_exit(void)
{
	pr_info("Goodbye, %s\n", whom);
}

module_init(hello_init);
module_exit(hello_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("kshim developers");
MODULE_DESCRIPTION("Greets someone a number of times");
MODULE_VERSION("1.0");
