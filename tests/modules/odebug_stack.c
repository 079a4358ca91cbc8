/* odebug_stack: work items on the stack without INIT_WORK_ONSTACK, annotated ones that are not on it, and a kthread whose stack ends under a pending one. */
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/workqueue.h>

static char *bug = "unannotated";
module_param(bug, charp, 0);

static struct work_struct static_work;

static void stack_work_fn(struct work_struct *w)
{
	pr_info("odebug_stack: work ran\n");
}

/* Queues a delayed work item on its own stack and returns before it runs. */
static int forgetful_thread(void *unused)
{
	struct delayed_work dw;

	INIT_DELAYED_WORK_ONSTACK(&dw, stack_work_fn);
	schedule_delayed_work(&dw, 5 * HZ);
	pr_info("odebug_stack: thread returns with its delayed work pending\n");
	return 0;
}

static int __init odebug_stack_init(void)
{
	struct work_struct w;

	if (!strcmp(bug, "unannotated")) {
		INIT_WORK(&w, stack_work_fn);
		schedule_work(&w);
		flush_work(&w);
	} else if (!strcmp(bug, "annotated")) {
		INIT_WORK_ONSTACK(&static_work, stack_work_fn);
		schedule_work(&static_work);
		flush_work(&static_work);
	} else if (!strcmp(bug, "frame_end")) {
		kthread_run(forgetful_thread, NULL, "forgetful");
		msleep(10);
	} else {	/* "none": the correct forms */
		INIT_WORK_ONSTACK(&w, stack_work_fn);
		schedule_work(&w);
		flush_work(&w);
		destroy_work_on_stack(&w);
		INIT_WORK(&static_work, stack_work_fn);
		schedule_work(&static_work);
		flush_work(&static_work);
	}
	return 0;
}

static void __exit odebug_stack_exit(void)
{
}

module_init(odebug_stack_init);
module_exit(odebug_stack_exit);
MODULE_LICENSE("GPL");
