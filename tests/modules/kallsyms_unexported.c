/* Calls kallsyms_lookup_name, which Linux 6.1 declares but does not export: the module must not load. */
#include <linux/module.h>
#include <linux/kallsyms.h>

static int __init kallsyms_unexported_init(void)
{
	pr_info("kallsyms_lookup_name: %lx\n", kallsyms_lookup_name("sys_call_table"));
	return 0;
}

static void __exit kallsyms_unexported_exit(void)
{
}

module_init(kallsyms_unexported_init);
module_exit(kallsyms_unexported_exit);
MODULE_LICENSE("GPL");
