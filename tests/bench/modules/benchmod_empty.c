/* benchmod_empty: a module that does nothing, for measuring process start-up to exit. */
#include <linux/init.h>
#include <linux/module.h>

static int __init benchmod_empty_init(void)
{
	return 0;
}

static void __exit benchmod_empty_exit(void)
{
}

module_init(benchmod_empty_init);
module_exit(benchmod_empty_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Benchmark: an empty module");
