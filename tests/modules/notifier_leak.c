// Test module: registers on the reboot and module notifier chains and never unregisters (the unload check's bug).
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/reboot.h>
#include <linux/printk.h>

static int forgotten_reboot(struct notifier_block *nb, unsigned long action, void *data)
{
	return NOTIFY_DONE;
}

static int forgotten_module(struct notifier_block *nb, unsigned long state, void *data)
{
	return NOTIFY_DONE;
}

static struct notifier_block reboot_nb = { .notifier_call = forgotten_reboot };
static struct notifier_block module_nb = { .notifier_call = forgotten_module };
static RAW_NOTIFIER_HEAD(own_chain);
static struct notifier_block own_nb = { .notifier_call = forgotten_reboot };

static int __init notifier_leak_init(void)
{
	pr_info("notifier_leak: reboot %d, module %d, own chain %d\n", register_reboot_notifier(&reboot_nb),
		register_module_notifier(&module_nb), raw_notifier_chain_register(&own_chain, &own_nb));
	return 0;
}

static void __exit notifier_leak_exit(void)
{
	pr_info("notifier_leak: exit forgets to unregister\n");
}

module_init(notifier_leak_init);
module_exit(notifier_leak_exit);
MODULE_LICENSE("GPL");
