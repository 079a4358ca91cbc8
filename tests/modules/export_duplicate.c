/* export_duplicate: exports a name export_provider already exports (must be refused). */
#include <linux/module.h>

int provider_add(int a, int b)
{
	return a - b;
}
EXPORT_SYMBOL(provider_add);

static int __init duplicate_init(void)
{
	return 0;
}

module_init(duplicate_init);
MODULE_LICENSE("GPL");
