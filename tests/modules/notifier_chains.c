// Test module: notifier chains of every flavour: priority order, NOTIFY_STOP, vetoes, robust rollback, error codes.
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/reboot.h>
#include <linux/printk.h>
#include <linux/errno.h>
#include <linux/string.h>

static RAW_NOTIFIER_HEAD(raw_chain);
static BLOCKING_NOTIFIER_HEAD(blocking_chain);
static ATOMIC_NOTIFIER_HEAD(atomic_chain);
static struct srcu_notifier_head srcu_chain;

static int stop_at = -1;	/* the priority of the block that answers NOTIFY_STOP */
static int veto_at = -1;	/* the priority of the block that vetoes with -EINVAL */

static int report(const char *who, struct notifier_block *nb, unsigned long action)
{
	pr_info("notifier_chains: %s (priority %d) got %lu\n", who, nb->priority, action);
	if (nb->priority == stop_at)
		return NOTIFY_STOP;
	if (nb->priority == veto_at && action == 1)
		return notifier_from_errno(-EINVAL);
	return NOTIFY_OK;
}

static int call_a(struct notifier_block *nb, unsigned long action, void *data) { return report("a", nb, action); }
static int call_b(struct notifier_block *nb, unsigned long action, void *data) { return report("b", nb, action); }
static int call_c(struct notifier_block *nb, unsigned long action, void *data) { return report("c", nb, action); }
static int call_d(struct notifier_block *nb, unsigned long action, void *data) { return report("d", nb, action); }

static struct notifier_block nb_a = { .notifier_call = call_a, .priority = 0 };
static struct notifier_block nb_b = { .notifier_call = call_b, .priority = 10 };
static struct notifier_block nb_c = { .notifier_call = call_c, .priority = 0 };
static struct notifier_block nb_d = { .notifier_call = call_d, .priority = 10 };
static struct notifier_block nb_e = { .notifier_call = call_a, .priority = 5 };
static struct notifier_block nb_f = { .notifier_call = call_b, .priority = 5 };

static char *veto_module = "";	/* a module whose load the module notifier refuses */
module_param(veto_module, charp, 0);

static int module_event(struct notifier_block *nb, unsigned long state, void *data)
{
	struct module *mod = data;

	pr_info("notifier_chains: module %s is now in state %lu\n", mod->name, state);
	if (state == MODULE_STATE_COMING && !strcmp(mod->name, veto_module))
		return notifier_from_errno(-EPERM);
	return NOTIFY_DONE;
}

static struct notifier_block nb_module = { .notifier_call = module_event };
static struct notifier_block nb_reboot = { .notifier_call = call_c };

static void raw_tests(void)
{
	int ret;

	raw_notifier_chain_register(&raw_chain, &nb_a);
	raw_notifier_chain_register(&raw_chain, &nb_b);
	raw_notifier_chain_register(&raw_chain, &nb_c);
	raw_notifier_chain_register(&raw_chain, &nb_d);
	ret = raw_notifier_call_chain(&raw_chain, 7, NULL);
	pr_info("notifier_chains: raw call returned %#x\n", ret);
	stop_at = 10;
	ret = raw_notifier_call_chain(&raw_chain, 8, NULL);
	pr_info("notifier_chains: raw call with a stop returned %#x\n", ret);
	stop_at = -1;
	veto_at = 0;
	ret = raw_notifier_call_chain_robust(&raw_chain, 1, 2, NULL);
	pr_info("notifier_chains: robust call returned %#x, errno %d\n", ret, notifier_to_errno(ret));
	veto_at = -1;
	ret = raw_notifier_chain_unregister(&raw_chain, &nb_b);
	pr_info("notifier_chains: unregister b: %d, again: %d\n", ret,
		raw_notifier_chain_unregister(&raw_chain, &nb_b));
	ret = raw_notifier_call_chain(&raw_chain, 9, NULL);
	pr_info("notifier_chains: raw call after unregister returned %#x\n", ret);
	raw_notifier_chain_unregister(&raw_chain, &nb_a);
	raw_notifier_chain_unregister(&raw_chain, &nb_c);
	raw_notifier_chain_unregister(&raw_chain, &nb_d);
	pr_info("notifier_chains: empty raw chain returned %#x\n", raw_notifier_call_chain(&raw_chain, 1, NULL));
}

static void blocking_tests(void)
{
	int ret;

	pr_info("notifier_chains: empty blocking chain returned %#x\n",
		blocking_notifier_call_chain(&blocking_chain, 1, NULL));
	ret = blocking_notifier_chain_register_unique_prio(&blocking_chain, &nb_e);
	pr_info("notifier_chains: unique e: %d, unique f at the same priority: %d\n", ret,
		blocking_notifier_chain_register_unique_prio(&blocking_chain, &nb_f));
	blocking_notifier_chain_register(&blocking_chain, &nb_f);
	blocking_notifier_chain_register(&blocking_chain, &nb_b);
	veto_at = 5;
	ret = blocking_notifier_call_chain_robust(&blocking_chain, 1, 2, NULL);
	pr_info("notifier_chains: blocking robust returned %#x, errno %d\n", ret, notifier_to_errno(ret));
	veto_at = -1;
	blocking_notifier_chain_unregister(&blocking_chain, &nb_b);
	blocking_notifier_chain_unregister(&blocking_chain, &nb_e);
	blocking_notifier_chain_unregister(&blocking_chain, &nb_f);
}

static void atomic_and_srcu_tests(void)
{
	int ret;

	pr_info("notifier_chains: empty atomic chain returned %#x\n", atomic_notifier_call_chain(&atomic_chain, 3, NULL));
	atomic_notifier_chain_register(&atomic_chain, &nb_c);
	atomic_notifier_chain_register(&atomic_chain, &nb_d);
	ret = atomic_notifier_call_chain(&atomic_chain, 3, NULL);
	pr_info("notifier_chains: atomic call returned %#x\n", ret);
	pr_info("notifier_chains: atomic unregister c: %d, d: %d\n",
		atomic_notifier_chain_unregister(&atomic_chain, &nb_c),
		atomic_notifier_chain_unregister(&atomic_chain, &nb_d));

	srcu_init_notifier_head(&srcu_chain);
	srcu_notifier_chain_register(&srcu_chain, &nb_a);
	srcu_notifier_chain_register(&srcu_chain, &nb_d);
	ret = srcu_notifier_call_chain(&srcu_chain, 4, NULL);
	pr_info("notifier_chains: srcu call returned %#x\n", ret);
	srcu_notifier_chain_unregister(&srcu_chain, &nb_a);
	srcu_notifier_chain_unregister(&srcu_chain, &nb_d);
	srcu_cleanup_notifier_head(&srcu_chain);
}

static int __init notifier_chains_init(void)
{
	raw_tests();
	blocking_tests();
	atomic_and_srcu_tests();
	pr_info("notifier_chains: from_errno(-EINVAL) %#x, to_errno(NOTIFY_BAD) %d, to_errno(NOTIFY_OK) %d\n",
		notifier_from_errno(-EINVAL), notifier_to_errno(NOTIFY_BAD), notifier_to_errno(NOTIFY_OK));
	pr_info("notifier_chains: reboot notifier: %d\n", register_reboot_notifier(&nb_reboot));
	return register_module_notifier(&nb_module);
}

static void __exit notifier_chains_exit(void)
{
	pr_info("notifier_chains: unregister module notifier: %d, reboot: %d\n",
		unregister_module_notifier(&nb_module), unregister_reboot_notifier(&nb_reboot));
}

module_init(notifier_chains_init);
module_exit(notifier_chains_exit);
MODULE_LICENSE("GPL");
