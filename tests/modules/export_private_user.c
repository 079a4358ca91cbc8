/* export_private_user: uses a symbol export_provider does not export (must fail to load). */
#include <linux/module.h>

int provider_private(void);

static int __init private_user_init(void)
{
	return provider_private() == 7 ? 0 : -EINVAL;
}

module_init(private_user_init);
MODULE_LICENSE("GPL");
