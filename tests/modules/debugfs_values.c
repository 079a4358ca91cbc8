// Test module: debugfs directories and the value helpers (u8..u64, x8..x64, ulong, size_t, atomic_t, bool, blob) in their formats.
#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>

static struct dentry *dir;
static u8 v8 = 200;
static u16 v16 = 0xbeef;
static u32 v32 = 4000000000u;
static u64 v64 = 0x1122334455667788ull;
static unsigned long vul = 12345;
static size_t vsz = 4096;
static atomic_t vat = ATOMIC_INIT(-5);
static bool vb = true;
static char blob_text[] = "blob contents\n";
static struct debugfs_blob_wrapper blob = { .data = blob_text, .size = sizeof(blob_text) - 1 };

static int twice_get(void *data, u64 *val)
{
	*val = 2 * *(u32 *)data;
	return 0;
}

static int twice_set(void *data, u64 val)
{
	if (val & 1)
		return -EINVAL;
	*(u32 *)data = val / 2;
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(twice_fops, twice_get, twice_set, "%llu\n");

static int __init debugfs_values_init(void)
{
	struct dentry *sub, *again;

	dir = debugfs_create_dir("debugfs_values", NULL);
	debugfs_create_u8("u8", 0644, dir, &v8);
	debugfs_create_u16("u16", 0644, dir, &v16);
	debugfs_create_u32("u32", 0644, dir, &v32);
	debugfs_create_u64("u64", 0644, dir, &v64);
	debugfs_create_x8("x8", 0644, dir, &v8);
	debugfs_create_x16("x16", 0644, dir, &v16);
	debugfs_create_x32("x32", 0444, dir, &v32);
	debugfs_create_x64("x64", 0644, dir, &v64);
	debugfs_create_ulong("ulong", 0644, dir, &vul);
	debugfs_create_size_t("size_t", 0644, dir, &vsz);
	debugfs_create_atomic_t("atomic", 0644, dir, &vat);
	debugfs_create_bool("bool", 0644, dir, &vb);
	debugfs_create_blob("blob", 0444, dir, &blob);
	debugfs_create_file("twice", 0644, dir, &v32, &twice_fops);
	sub = debugfs_create_dir("sub", dir);
	debugfs_create_u32("inner", 0600, sub, &v32);
	again = debugfs_create_dir("sub", dir);
	pr_info("debugfs_values: duplicate dir %ld\n", PTR_ERR(again));
	pr_info("debugfs_values: lookup %s\n", debugfs_lookup("u8", dir) ? "found" : "missing");
	pr_info("debugfs_values: lookup missing %s\n", debugfs_lookup("nope", dir) ? "found" : "missing");
	return 0;
}

static void __exit debugfs_values_exit(void)
{
	debugfs_remove_recursive(dir);
	pr_info("debugfs_values: u8 %u u32 %u bool %d atomic %d\n", v8, v32, vb, atomic_read(&vat));
}

module_init(debugfs_values_init);
module_exit(debugfs_values_exit);
MODULE_LICENSE("GPL");
