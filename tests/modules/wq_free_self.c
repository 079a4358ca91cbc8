/* Test module: work items that kfree their own container, then reuse the memory for the next item. */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

struct job {
	int n;
	struct work_struct work;
};

static int rounds = 6;
module_param(rounds, int, 0444);

static struct workqueue_struct *wq;

static void job_fn(struct work_struct *work)
{
	struct job *j = container_of(work, struct job, work);
	int n = j->n;
	struct job *next;

	/* Poison the item, then free it: nothing may touch it after this function returns. */
	memset(j, 0x6b, sizeof(*j));
	kfree(j);
	pr_info("job %d freed itself\n", n);
	if (n + 1 >= rounds)
		return;
	/* The allocator is likely to hand back the same memory: the new item reuses it. */
	next = kmalloc(sizeof(*next), GFP_KERNEL);
	if (!next)
		return;
	next->n = n + 1;
	INIT_WORK(&next->work, job_fn);
	if (!queue_work(n % 2 ? wq : system_wq, &next->work))
		pr_info("job %d: queue_work refused a fresh item\n", n + 1);
}

static int __init free_self_init(void)
{
	struct job *j = kmalloc(sizeof(*j), GFP_KERNEL);

	wq = alloc_workqueue("free_self", 0, 0);
	if (!j || !wq) {
		kfree(j);
		if (wq)
			destroy_workqueue(wq);
		return -ENOMEM;
	}
	j->n = 0;
	INIT_WORK(&j->work, job_fn);
	queue_work(wq, &j->work);
	return 0;
}

static void __exit free_self_exit(void)
{
	flush_scheduled_work();
	destroy_workqueue(wq);
}

module_init(free_self_init);
module_exit(free_self_exit);
MODULE_LICENSE("GPL");
