/* module_state: a static counter and the comm of the init and exit tasks, for reload tests. */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/sched.h>

static int counter = 5;
static int bss_counter;

static int __init module_state_init(void)
{
	counter++;
	bss_counter++;
	pr_info("module_state: init comm=%s counter=%d bss=%d\n", current->comm, counter, bss_counter);
	return 0;
}

static void __exit module_state_exit(void)
{
	pr_info("module_state: exit comm=%s counter=%d\n", current->comm, counter);
}

module_init(module_state_init);
module_exit(module_state_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("kshim tests");
MODULE_DESCRIPTION("Static state across reloads");
