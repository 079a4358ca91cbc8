/* export_provider: exports a function and a variable for export_consumer (EXPORT_SYMBOL test). */
#include <linux/module.h>
#include <linux/kernel.h>

int provider_calls;
EXPORT_SYMBOL(provider_calls);

int provider_add(int a, int b)
{
	provider_calls++;
	return a + b;
}
EXPORT_SYMBOL_GPL(provider_add);

/* Not exported: a consumer that uses it must fail to load. */
int provider_private(void)
{
	return 7;
}

static int __init provider_init(void)
{
	pr_info("provider: loaded\n");
	return 0;
}

static void __exit provider_exit(void)
{
	pr_info("provider: unloaded after %d calls\n", provider_calls);
}

module_init(provider_init);
module_exit(provider_exit);
MODULE_LICENSE("GPL");
