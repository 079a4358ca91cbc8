// /proc files read through seq_file: proc_create_single with a show function and proc_create_seq with an iterator over three items.
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

static int hello_show(struct seq_file *m, void *v)
{
	seq_printf(m, "hello from %s\n", (const char *)m->private);
	return 0;
}

static void *items_start(struct seq_file *m, loff_t *pos)
{
	return *pos < 3 ? pos : NULL;
}

static void *items_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return *pos < 3 ? pos : NULL;
}

static void items_stop(struct seq_file *m, void *v)
{
}

static int items_show(struct seq_file *m, void *v)
{
	seq_printf(m, "item %lld\n", *(loff_t *)v);
	return 0;
}

static const struct seq_operations items_ops = {
	.start = items_start,
	.next = items_next,
	.stop = items_stop,
	.show = items_show,
};

static int __init proc_seq_init(void)
{
	if (!proc_create_single_data("kshim_hello", 0444, NULL, hello_show, "proc_seq"))
		return -ENOMEM;
	if (!proc_create_seq("kshim_items", 0444, NULL, &items_ops)) {
		remove_proc_entry("kshim_hello", NULL);
		return -ENOMEM;
	}
	return 0;
}

static void __exit proc_seq_exit(void)
{
	remove_proc_entry("kshim_items", NULL);
	remove_proc_entry("kshim_hello", NULL);
}

module_init(proc_seq_init);
module_exit(proc_seq_exit);
MODULE_LICENSE("GPL");
