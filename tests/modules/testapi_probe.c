/* testapi_probe: a module the test API's tests drive: an exported and a static function, work items, a completion a kthread waits on, an allocation, a parameter that makes init fail. */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

static int fail_init;
module_param(fail_init, int, 0444);
MODULE_PARM_DESC(fail_init, "make init fail with -ENODEV");

static int counter;
static DECLARE_COMPLETION(probe_done);
static struct task_struct *waiter;
static struct workqueue_struct *probe_wq;
static void *buffer;

static void probe_work_fn(struct work_struct *w)
{
	counter++;
	pr_info("testapi_probe: work ran in %s, counter=%d\n", current->comm, counter);
}
DECLARE_WORK(probe_work, probe_work_fn);   /* global: only the tests queue it */

int probe_add(int a, int b)
{
	pr_info("testapi_probe: add %d %d in %s\n", a, b, current->comm);
	return a + b;
}
EXPORT_SYMBOL(probe_add);

/* Sleeps ms milliseconds and returns the jiffies that took (process context only). */
long probe_nap(unsigned int ms)
{
	unsigned long start = jiffies;

	msleep(ms);
	return (long)(jiffies - start);
}
EXPORT_SYMBOL_GPL(probe_nap);

static noinline int probe_counter(void)
{
	return counter;
}

static int waiter_fn(void *unused)
{
	pr_info("testapi_probe: waiter waits\n");
	wait_for_completion(&probe_done);
	pr_info("testapi_probe: waiter woke\n");
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static int __init probe_init(void)
{
	if (fail_init) {
		pr_err("testapi_probe: init fails as asked\n");
		return -ENODEV;
	}
	buffer = kmalloc(100, GFP_KERNEL);
	if (!buffer)
		return -ENOMEM;
	probe_wq = alloc_workqueue("probe_wq", 0, 1);
	if (!probe_wq) {
		kfree(buffer);
		return -ENOMEM;
	}
	waiter = kthread_run(waiter_fn, NULL, "probe_waiter");
	if (IS_ERR(waiter)) {
		destroy_workqueue(probe_wq);
		kfree(buffer);
		return PTR_ERR(waiter);
	}
	pr_info("testapi_probe: loaded\n");
	return 0;
}

static void __exit probe_exit(void)
{
	complete(&probe_done);	/* kthread_stop cannot end a wait_for_completion */
	kthread_stop(waiter);
	destroy_workqueue(probe_wq);
	kfree(buffer);
	pr_info("testapi_probe: unloaded, counter=%d\n", probe_counter());
}

module_init(probe_init);
module_exit(probe_exit);
MODULE_LICENSE("GPL");
