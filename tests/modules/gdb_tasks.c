/* gdb_tasks: tasks in known places for the gdb commands' test: one waits for a completion, one sleeps, one reaches a probe. */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>

static DECLARE_COMPLETION(done);
static struct task_struct *waiter, *sleeper, *prober;

static int waiter_fn(void *unused)
{
	pr_info("gdb_tasks: waiter waits\n");
	wait_for_completion(&done);
	while (!kthread_should_stop())
		msleep(5);
	return 0;
}

static int sleeper_fn(void *unused)
{
	pr_info("gdb_tasks: sleeper sleeps\n");
	while (!kthread_should_stop())
		msleep(1000);
	return 0;
}

/* Where the test's breakpoint stops the run: the other two are asleep by then. */
static noinline void probe_point(void)
{
	pr_info("gdb_tasks: probe reached\n");
}

static int prober_fn(void *unused)
{
	msleep(10);
	probe_point();
	while (!kthread_should_stop())
		msleep(5);
	return 0;
}

static int __init gdb_tasks_init(void)
{
	waiter = kthread_run(waiter_fn, NULL, "waiter");
	sleeper = kthread_run(sleeper_fn, NULL, "sleeper");
	prober = kthread_run(prober_fn, NULL, "prober");
	return 0;
}

static void __exit gdb_tasks_exit(void)
{
	complete(&done);
	kthread_stop(waiter);
	kthread_stop(sleeper);
	kthread_stop(prober);
}

module_init(gdb_tasks_init);
module_exit(gdb_tasks_exit);
MODULE_LICENSE("GPL");
