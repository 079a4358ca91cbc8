/* Test module: an init with five fallible calls; careful=0 gets its error paths wrong (an unchecked workqueue, a leak), careful=1 is its correct twin. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

static bool careful;
module_param(careful, bool, 0444);

static char *buf, *table, *spare;
static struct workqueue_struct *wq;
static struct task_struct *worker;
static struct work_struct job;

static void job_fn(struct work_struct *w)
{
	buf[0] = 1;
}

static int worker_fn(void *data)
{
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ);
	return 0;
}

static int __init fault_paths_init(void)
{
	spare = kmalloc(16, GFP_KERNEL | __GFP_NOFAIL);	/* never fails, not counted */
	buf = kmalloc(64, GFP_KERNEL);
	if (!buf)
		goto free_spare;
	wq = alloc_workqueue("fault_paths", 0, 0);
	if (careful && !wq)
		goto free_buf;
	table = kzalloc(128, GFP_KERNEL);
	if (!table) {
		if (!careful)
			return -ENOMEM;			/* leaks buf, spare and wq */
		goto free_wq;
	}
	worker = kthread_run(worker_fn, NULL, "fault_worker");
	if (IS_ERR(worker))
		goto free_table;
	INIT_WORK(&job, job_fn);
	queue_work(wq, &job);				/* careful=0: wq may be NULL */
	flush_work(&job);
	pr_info("loaded\n");
	return 0;

free_table:
	kfree(table);
free_wq:
	if (wq)
		destroy_workqueue(wq);
free_buf:
	kfree(buf);
free_spare:
	kfree(spare);
	return -ENOMEM;
}

static void __exit fault_paths_exit(void)
{
	kthread_stop(worker);
	destroy_workqueue(wq);
	kfree(table);
	kfree(buf);
	kfree(spare);
}

module_init(fault_paths_init);
module_exit(fault_paths_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("error paths under fault injection");
