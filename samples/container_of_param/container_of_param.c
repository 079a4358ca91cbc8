/* container_of_param: passing data to a work function through container_of (section 3 of the
 * seed document), completed into a module that also shows flush_work, cancel_work_sync,
 * delayed work, create_singlethread_workqueue and queue_work_on. */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/workqueue.h>
#include <linux/slab.h>
#include <linux/smp.h>

struct my_struct_t {
	char *name;
	struct work_struct my_work;
};

struct my_delayed_t {
	int ticks;
	struct delayed_work dwork;
};

static struct workqueue_struct *my_wq;
static struct workqueue_struct *single_wq;
static struct my_struct_t my_name;
static struct my_struct_t *crew[3];
static struct work_struct where_work;
static struct my_delayed_t my_delayed;

static void my_func(struct work_struct *work)
{
	struct my_struct_t *my_name = container_of(work, struct my_struct_t, my_work);

	printk(KERN_INFO "Hello world, my name is %s!\n", my_name->name);
}

static void where_func(struct work_struct *work)
{
	pr_info("queue_work_on: running on CPU %d\n", smp_processor_id());
}

static void my_delayed_func(struct work_struct *work)
{
	struct my_delayed_t *d = container_of(to_delayed_work(work), struct my_delayed_t, dwork);

	d->ticks++;
	pr_info("delayed work ran (%d)\n", d->ticks);
	if (d->ticks < 3)
		queue_delayed_work(my_wq, &d->dwork, msecs_to_jiffies(100));
}

static int __init my_init(void)
{
	static char *names[] = { "Rose", "Tom", "Lily" };
	bool ret;
	int i;

	my_wq = create_workqueue("my wq");
	if (!my_wq)
		return -ENOMEM;
	single_wq = create_singlethread_workqueue("my single wq");
	if (!single_wq) {
		destroy_workqueue(my_wq);
		return -ENOMEM;
	}

	/* The document's fragment: the work item lives inside the caller's structure. */
	my_name.name = "Jack";
	INIT_WORK(&(my_name.my_work), my_func);
	queue_work(my_wq, &my_name.my_work);
	ret = flush_work(&my_name.my_work);
	pr_info("flush_work waited for the item: %d\n", ret);

	/* An ordered (single-thread) queue runs its items one at a time, in queue order. */
	for (i = 0; i < 3; i++) {
		crew[i] = kmalloc(sizeof(*crew[i]), GFP_KERNEL);
		if (!crew[i])
			return -ENOMEM;
		crew[i]->name = names[i];
		INIT_WORK(&crew[i]->my_work, my_func);
		queue_work(single_wq, &crew[i]->my_work);
	}
	flush_workqueue(single_wq);

	/* queue_work_on: the item runs on the CPU it names. */
	INIT_WORK(&where_work, where_func);
	queue_work_on(1, my_wq, &where_work);
	flush_work(&where_work);

	/* cancel_work_sync on an item that has not started: it never runs. */
	queue_work(my_wq, &my_name.my_work);
	ret = cancel_work_sync(&my_name.my_work);
	pr_info("cancel_work_sync took a pending item off the queue: %d\n", ret);

	/* Delayed work: runs three times, 100 ms apart, re-queueing itself. */
	INIT_DELAYED_WORK(&my_delayed.dwork, my_delayed_func);
	queue_delayed_work(my_wq, &my_delayed.dwork, msecs_to_jiffies(100));
	return 0;
}

static void __exit my_exit(void)
{
	int i;

	pr_info("delayed work ran %d times\n", my_delayed.ticks);
	cancel_delayed_work_sync(&my_delayed.dwork);
	destroy_workqueue(single_wq);
	destroy_workqueue(my_wq);
	for (i = 0; i < 3; i++)
		kfree(crew[i]);
}

module_init(my_init);
module_exit(my_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Work items that carry their data, found with container_of");
