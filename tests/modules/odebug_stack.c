/* odebug_stack: work items on the stack without INIT_WORK_ONSTACK, annotated ones that are not on it, and an on-stack delayed work destroyed with its timer armed. */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/workqueue.h>

static char *bug = "unannotated";
module_param(bug, charp, 0);

static struct work_struct static_work;
static DECLARE_COMPLETION(thread_done);

static void stack_work_fn(struct work_struct *w)
{
	pr_info("odebug_stack: work ran\n");
}

/* A kthread that queues a delayed work on its own stack, then cancels and destroys it. */
static int delayed_thread(void *data)
{
	struct delayed_work dw;

	INIT_DELAYED_WORK_ONSTACK(&dw, stack_work_fn);
	schedule_delayed_work(&dw, HZ);
	msleep(10);
	cancel_delayed_work_sync(&dw);
	destroy_delayed_work_on_stack(&dw);
	complete(&thread_done);
	return 0;
}

static int __init odebug_stack_init(void)
{
	struct work_struct w;
	struct delayed_work dw;

	if (!strcmp(bug, "unannotated")) {
		INIT_WORK(&w, stack_work_fn);
		schedule_work(&w);
		flush_work(&w);
	} else if (!strcmp(bug, "annotated")) {
		INIT_WORK_ONSTACK(&static_work, stack_work_fn);
		schedule_work(&static_work);
		flush_work(&static_work);
	} else if (!strcmp(bug, "destroy_dwork")) {
		INIT_DELAYED_WORK_ONSTACK(&dw, stack_work_fn);
		schedule_delayed_work(&dw, HZ);
		destroy_delayed_work_on_stack(&dw);
	} else {	/* "none": the correct forms */
		INIT_WORK_ONSTACK(&w, stack_work_fn);
		schedule_work(&w);
		flush_work(&w);
		destroy_work_on_stack(&w);
		INIT_WORK(&static_work, stack_work_fn);
		schedule_work(&static_work);
		flush_work(&static_work);
		kthread_run(delayed_thread, NULL, "odebug_dwork");
		wait_for_completion(&thread_done);
	}
	return 0;
}

static void __exit odebug_stack_exit(void)
{
}

module_init(odebug_stack_init);
module_exit(odebug_stack_exit);
MODULE_LICENSE("GPL");
