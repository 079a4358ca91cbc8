/* odebug_stack: work items on the stack without INIT_WORK_ONSTACK, and annotated ones that are not on it. */
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
