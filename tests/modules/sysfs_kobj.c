// Test module: a kobject under /sys/kernel with a kobj_attribute, a named group with is_visible, a kset, and their show/store.
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/sysfs.h>

static struct kobject *kobj;
static struct kset *kset;
static int value = 7;
static char note[32] = "none";

static ssize_t value_show(struct kobject *k, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", value);
}

static ssize_t value_store(struct kobject *k, struct kobj_attribute *attr, const char *buf, size_t count)
{
	int ret = kstrtoint(buf, 10, &value);

	if (ret)
		return ret;
	pr_info("sysfs_kobj: value set to %d\n", value);
	sysfs_notify(k, NULL, "value");
	return count;
}

static ssize_t note_show(struct kobject *k, struct kobj_attribute *attr, char *buf)
{
	int n = sysfs_emit(buf, "note=");

	return n + sysfs_emit_at(buf, n, "%s\n", note);
}

static ssize_t note_store(struct kobject *k, struct kobj_attribute *attr, const char *buf, size_t count)
{
	strscpy(note, buf, sizeof(note));
	strim(note);
	return count;
}

static ssize_t hidden_show(struct kobject *k, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "never\n");
}

static struct kobj_attribute value_attr = __ATTR_RW(value);
static struct kobj_attribute note_attr = __ATTR(note, 0664, note_show, note_store);
static struct kobj_attribute hidden_attr = __ATTR_RO(hidden);
static struct kobj_attribute wo_attr = __ATTR(wo, 0200, NULL, note_store);

static struct attribute *grp_attrs[] = {
	&note_attr.attr,
	&hidden_attr.attr,
	&wo_attr.attr,
	NULL,
};

static umode_t grp_visible(struct kobject *k, struct attribute *attr, int n)
{
	if (attr == &hidden_attr.attr)
		return 0;
	return attr->mode;
}

static const struct attribute_group grp = {
	.name = "extra",
	.attrs = grp_attrs,
	.is_visible = grp_visible,
};

static int __init sysfs_kobj_init(void)
{
	int ret;

	kobj = kobject_create_and_add("sysfs_kobj", kernel_kobj);
	if (!kobj)
		return -ENOMEM;
	ret = sysfs_create_file(kobj, &value_attr.attr);
	pr_info("sysfs_kobj: create_file %d\n", ret);
	ret = sysfs_create_file(kobj, &value_attr.attr);
	pr_info("sysfs_kobj: duplicate create_file %d\n", ret);
	ret = sysfs_create_group(kobj, &grp);
	pr_info("sysfs_kobj: create_group %d\n", ret);
	kset = kset_create_and_add("sysfs_kset", NULL, kernel_kobj);
	pr_info("sysfs_kobj: kset %s\n", kset ? kobject_name(&kset->kobj) : "(null)");
	pr_info("sysfs_kobj: uevent %d\n", kobject_uevent(kobj, KOBJ_CHANGE));
	return 0;
}

static void __exit sysfs_kobj_exit(void)
{
	kset_unregister(kset);
	sysfs_remove_group(kobj, &grp);
	kobject_put(kobj);
	pr_info("sysfs_kobj: gone, value %d, note %s\n", value, note);
}

module_init(sysfs_kobj_init);
module_exit(sysfs_kobj_exit);
MODULE_LICENSE("GPL");
