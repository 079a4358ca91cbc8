/* module_refs: module reference counts (try_module_get/module_put) and module_param_cb. */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>

static bool hold;
module_param(hold, bool, 0444);
MODULE_PARM_DESC(hold, "Keep a reference after init, so rmmod is refused");

static int level = 1;

static int level_set(const char *val, const struct kernel_param *kp)
{
	int v, err = kstrtoint(val, 0, &v);

	if (err || v < 0 || v > 3)
		return -EINVAL;
	*(int *)kp->arg = v;
	pr_info("module_refs: level set to %d\n", v);
	return 0;
}

static int level_get(char *buf, const struct kernel_param *kp)
{
	return scnprintf(buf, 16, "%d\n", *(int *)kp->arg);
}

static const struct kernel_param_ops level_ops = {
	.set = level_set,
	.get = level_get,
};
module_param_cb(level, &level_ops, &level, 0644);
MODULE_PARM_DESC(level, "Level 0 to 3, checked by a custom setter");

static int __init refs_init(void)
{
	bool got = try_module_get(THIS_MODULE);

	pr_info("module_refs: get %d refcount %d level %d\n", got, module_refcount(THIS_MODULE), level);
	if (!hold)
		module_put(THIS_MODULE);
	pr_info("module_refs: refcount after init %d\n", module_refcount(THIS_MODULE));
	return 0;
}

static void __exit refs_exit(void)
{
	pr_info("module_refs: exit\n");
}

module_init(refs_init);
module_exit(refs_exit);
MODULE_LICENSE("GPL");
