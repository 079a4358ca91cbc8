/* export_consumer: calls what export_provider exports (EXPORT_SYMBOL test). */
#include <linux/module.h>
#include <linux/kernel.h>

extern int provider_calls;
int provider_add(int a, int b);

static int __init consumer_init(void)
{
	int sum = provider_add(2, 3);

	pr_info("consumer: 2 + 3 = %d (calls %d)\n", sum, provider_calls);
	return 0;
}

static void __exit consumer_exit(void)
{
	pr_info("consumer: unloaded\n");
}

module_init(consumer_init);
module_exit(consumer_exit);
MODULE_LICENSE("GPL");
