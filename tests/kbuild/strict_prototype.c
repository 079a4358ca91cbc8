/* Rejected module: an old-style declaration without a prototype, an error under kbuild's -Werror=strict-prototypes. */
#include <linux/module.h>

static int answer()
{
	return 42;
}

static int __init strict_prototype_init(void)
{
	return answer() - 42;
}

module_init(strict_prototype_init);
MODULE_LICENSE("GPL");
