/* Test module: kthread_worker queueing, FIFO order, delayed and modified work, flush and cancel return values, a hand-started worker. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/printk.h>
#include <linux/sched.h>

static struct kthread_worker *worker;
static struct kthread_work a, b, c, slow;
static struct kthread_delayed_work later, never;
static bool slow_done;
static struct kthread_worker manual;
static DEFINE_KTHREAD_WORK(manual_work, NULL);
static struct task_struct *manual_task;

/* Process context, in the worker's kthread. */
static void say(struct kthread_work *w)
{
	const char *name = w == &a ? "a" : w == &b ? "b" : w == &c ? "c" : "later";

	pr_info("work %s: in_task %d on worker %d comm %s\n", name, !!in_task(), current == worker->task,
		current->comm);
}

static void slow_fn(struct kthread_work *w)
{
	msleep(20);
	slow_done = true;
	pr_info("slow work done\n");
}

static void manual_fn(struct kthread_work *w)
{
	pr_info("manual work: on its worker %d comm %s\n", current == manual.task, current->comm);
}

static int __init kthread_worker_demo_init(void)
{
	bool r1, r2;

	worker = kthread_create_worker(0, "kwd/%d", 7);
	if (IS_ERR(worker))
		return PTR_ERR(worker);
	pr_info("worker task %s\n", worker->task->comm);
	kthread_init_work(&a, say);
	kthread_init_work(&b, say);
	kthread_init_work(&c, say);
	kthread_init_work(&slow, slow_fn);
	kthread_init_delayed_work(&later, say);
	kthread_init_delayed_work(&never, say);

	r1 = kthread_queue_work(worker, &a);
	r2 = kthread_queue_work(worker, &a);
	pr_info("queue a: %d, again while pending: %d\n", r1, r2);
	kthread_queue_work(worker, &b);
	kthread_queue_work(worker, &c);
	kthread_flush_worker(worker);
	pr_info("flushed the worker\n");

	kthread_queue_work(worker, &slow);
	kthread_flush_work(&slow);
	pr_info("flush_work of slow returned, done %d\n", slow_done);
	pr_info("flush_work of an idle work returns at once; cancel idle: %d\n", kthread_cancel_work_sync(&a));

	r1 = kthread_queue_delayed_work(worker, &later, msecs_to_jiffies(100));
	r2 = kthread_queue_delayed_work(worker, &later, msecs_to_jiffies(100));
	pr_info("queue_delayed later: %d, again: %d\n", r1, r2);
	pr_info("mod_delayed later to 300 ms: %d\n", kthread_mod_delayed_work(worker, &later, msecs_to_jiffies(300)));
	pr_info("mod_delayed never (not queued) to 10 s: %d\n",
		kthread_mod_delayed_work(worker, &never, msecs_to_jiffies(10000)));
	r1 = kthread_cancel_delayed_work_sync(&never);
	r2 = kthread_cancel_delayed_work_sync(&never);
	pr_info("cancel never: %d, again: %d\n", r1, r2);

	kthread_init_worker(&manual);
	manual_work.func = manual_fn;
	kthread_queue_work(&manual, &manual_work);
	manual_task = kthread_run(kthread_worker_fn, &manual, "kwd_manual");
	if (IS_ERR(manual_task))
		return PTR_ERR(manual_task);
	kthread_flush_worker(&manual);
	pr_info("manual worker flushed\n");
	return 0;
}

static void __exit kthread_worker_demo_exit(void)
{
	kthread_flush_worker(&manual);
	kthread_stop(manual_task);
	pr_info("manual worker task after stop: %d\n", manual.task != NULL);
	kthread_destroy_worker(worker);
	pr_info("worker destroyed\n");
}

module_init(kthread_worker_demo_init);
module_exit(kthread_worker_demo_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kthread_worker semantics");
