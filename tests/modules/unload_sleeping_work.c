/* unload_sleeping_work: exit frees a work item while its function sleeps in msleep; the module's code goes under the kworker. */
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

struct sleepy {
	struct work_struct work;
	int rounds;
};

static struct sleepy *s;

static void sleepy_fn(struct work_struct *w)
{
	struct sleepy *sl = container_of(w, struct sleepy, work);

	pr_info("unload_sleeping_work: work starts\n");
	msleep(500);
	pr_info("unload_sleeping_work: work wakes, rounds %d\n", sl->rounds);
}

static int __init sleepy_init(void)
{
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	INIT_WORK(&s->work, sleepy_fn);
	schedule_work(&s->work);
	return 0;
}

/* The bug: neither cancel_work_sync nor flush_work before the free and the unload. */
static void __exit sleepy_exit(void)
{
	kfree(s);
}

module_init(sleepy_init);
module_exit(sleepy_exit);
MODULE_LICENSE("GPL");
