// Test module: /proc files over seq_file (proc_create_seq with seq_list_* and a header, proc_create_single_data, the output helpers).
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

struct seq_item {
	int id;
	struct list_head node;
};

static LIST_HEAD(items);

static void *items_start(struct seq_file *m, loff_t *pos)
{
	return seq_list_start_head(&items, *pos);
}

static void *items_next(struct seq_file *m, void *v, loff_t *pos)
{
	return seq_list_next(v, &items, pos);
}

static void items_stop(struct seq_file *m, void *v)
{
}

static int items_show(struct seq_file *m, void *v)
{
	struct seq_item *it;

	if (v == &items) {
		seq_puts(m, "id  square\n");
		return 0;
	}
	it = list_entry(v, struct seq_item, node);
	if (it->id == 3)
		return SEQ_SKIP;
	seq_setwidth(m, 4);
	seq_put_decimal_ull(m, "", it->id);
	seq_pad(m, ' ');
	seq_printf(m, "%d", it->id * it->id);
	seq_putc(m, '\n');
	return 0;
}

static const struct seq_operations items_ops = {
	.start = items_start,
	.next = items_next,
	.stop = items_stop,
	.show = items_show,
};

static const char blob[] = "seq_file hex dump!";

static int single_show(struct seq_file *m, void *v)
{
	const char *who = m->private;

	seq_printf(m, "hello from %s\n", who);
	seq_hex_dump(m, "blob: ", DUMP_PREFIX_OFFSET, 16, 1, blob, sizeof(blob) - 1, true);
	seq_escape(m, "tab\there", "\t");
	seq_putc(m, '\n');
	return 0;
}

static int __init seq_proc_init(void)
{
	int i;

	for (i = 1; i <= 5; i++) {
		struct seq_item *it = kmalloc(sizeof(*it), GFP_KERNEL);

		if (!it)
			return -ENOMEM;
		it->id = i;
		list_add_tail(&it->node, &items);
	}
	if (!proc_create_seq("seq_items", 0444, NULL, &items_ops))
		return -ENOMEM;
	if (!proc_create_single_data("seq_single", 0444, NULL, single_show, (void *)"seq_proc")) {
		remove_proc_entry("seq_items", NULL);
		return -ENOMEM;
	}
	pr_info("seq_proc: ready\n");
	return 0;
}

static void __exit seq_proc_exit(void)
{
	struct seq_item *it, *tmp;

	remove_proc_entry("seq_single", NULL);
	remove_proc_entry("seq_items", NULL);
	list_for_each_entry_safe(it, tmp, &items, node) {
		list_del(&it->node);
		kfree(it);
	}
	pr_info("seq_proc: gone\n");
}

module_init(seq_proc_init);
module_exit(seq_proc_exit);
MODULE_LICENSE("GPL");
