/* consumer_mod: a module built by a project outside kshim, through find_package(kshim). */
#include <linux/module.h>
#include <linux/kernel.h>

static int answer = 41;
module_param(answer, int, 0444);

static int __init consumer_init(void)
{
	pr_info("consumer: the answer is %d\n", answer);
	return 0;
}

static void __exit consumer_exit(void)
{
	pr_info("consumer: bye\n");
}

module_init(consumer_init);
module_exit(consumer_exit);
MODULE_LICENSE("GPL");
