/* odebug_frame_end: on-stack work items, timers and hrtimers left queued or armed when their frame returns (or their kthread ends), one found as its task switches in schedule(), and the correct forms. */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

static char *bug = "work";
module_param(bug, charp, 0);

static DECLARE_COMPLETION(thread_done);
static struct workqueue_struct *ordered;

static void frame_work_fn(struct work_struct *w)
{
	pr_info("odebug_frame_end: work ran\n");
}

static void blocker_fn(struct work_struct *w)
{
	msleep(50);
	pr_info("odebug_frame_end: blocker done\n");
}
static DECLARE_WORK(blocker, blocker_fn);

static void frame_timer_fn(struct timer_list *t)
{
	pr_info("odebug_frame_end: timer ran\n");
}

static enum hrtimer_restart frame_hrtimer_fn(struct hrtimer *t)
{
	pr_info("odebug_frame_end: hrtimer ran\n");
	return HRTIMER_NORESTART;
}

/* Bugs: each helper leaves its on-stack object queued or armed and returns. */
static noinline void queue_work_and_return(struct workqueue_struct *wq)
{
	struct work_struct w;

	INIT_WORK_ONSTACK(&w, frame_work_fn);
	queue_work(wq, &w);
}

static noinline void arm_dwork_and_return(void)
{
	struct delayed_work dw;

	INIT_DELAYED_WORK_ONSTACK(&dw, frame_work_fn);
	schedule_delayed_work(&dw, HZ / 10);
}

static noinline void arm_timer_and_return(void)
{
	struct timer_list t;

	timer_setup_on_stack(&t, frame_timer_fn, 0);
	mod_timer(&t, jiffies + HZ / 10);
}

static noinline void start_hrtimer_and_return(void)
{
	struct hrtimer t;

	hrtimer_init_on_stack(&t, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	t.function = frame_hrtimer_fn;
	hrtimer_start(&t, ms_to_ktime(100), HRTIMER_MODE_REL);
}

/* The correct forms: flushed or cancelled, then destroyed (or never active at the end). */
static noinline void work_flushed(void)
{
	struct work_struct w;

	INIT_WORK_ONSTACK(&w, frame_work_fn);
	schedule_work(&w);
	flush_work(&w);
	destroy_work_on_stack(&w);
}

static noinline void work_flushed_not_destroyed(void)
{
	struct work_struct w;

	INIT_WORK_ONSTACK(&w, frame_work_fn);
	schedule_work(&w);
	flush_work(&w);
}

static noinline void dwork_cancelled(void)
{
	struct delayed_work dw;

	INIT_DELAYED_WORK_ONSTACK(&dw, frame_work_fn);
	schedule_delayed_work(&dw, HZ / 10);
	cancel_delayed_work_sync(&dw);
	destroy_delayed_work_on_stack(&dw);
}

static noinline void timer_deleted(void)
{
	struct timer_list t;

	timer_setup_on_stack(&t, frame_timer_fn, 0);
	mod_timer(&t, jiffies + HZ / 10);
	msleep(10);
	del_timer_sync(&t);
	destroy_timer_on_stack(&t);
}

static noinline void hrtimer_cancelled(void)
{
	struct hrtimer t;

	hrtimer_init_on_stack(&t, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	t.function = frame_hrtimer_fn;
	hrtimer_start(&t, ms_to_ktime(100), HRTIMER_MODE_REL);
	msleep(10);
	hrtimer_cancel(&t);
	destroy_hrtimer_on_stack(&t);
}

/* Uses the stack below the returned frames, as any later call does. */
static noinline int scribble(int seed)
{
	volatile unsigned char junk[512];
	int i, sum = 0;

	for (i = 0; i < (int)sizeof(junk); i++)
		junk[i] = (unsigned char)(seed + i);
	for (i = 0; i < (int)sizeof(junk); i++)
		sum += junk[i];
	return sum;
}

static struct task_struct *frame_task, *other_task;

/* Runs once the frame thread has switched to it in schedule(), and wakes it again. */
static int other_thread(void *data)
{
	pr_info("odebug_frame_end: other ran\n");
	wake_up_process(frame_task);
	return 0;
}

/* After insmod: the timer's frame ends, then schedule() hands the CPU straight to other_thread. */
static void arm_timer_and_switch(void)
{
	complete(&thread_done);
	msleep(1);
	arm_timer_and_return();
	set_current_state(TASK_INTERRUPTIBLE);
	wake_up_process(other_task);
	schedule();
}

static int frame_thread(void *data)
{
	if (!strcmp(bug, "switch")) {
		arm_timer_and_switch();
		return 0;
	} else if (!strcmp(bug, "work")) {
		queue_work_and_return(system_wq);
	} else if (!strcmp(bug, "inactive")) {
		queue_work(ordered, &blocker);		/* the ordered queue's one active item */
		queue_work_and_return(ordered);		/* waits on the inactive list */
	} else if (!strcmp(bug, "dwork")) {
		arm_dwork_and_return();
	} else if (!strcmp(bug, "timer")) {
		arm_timer_and_return();
	} else if (!strcmp(bug, "hrtimer")) {
		start_hrtimer_and_return();
	} else if (!strcmp(bug, "twice")) {	/* the second timer lies where the first one did */
		arm_timer_and_return();
		arm_timer_and_return();
	} else if (!strcmp(bug, "exit")) {	/* the thread function's own frame: found at its exit */
		struct timer_list t;
		struct work_struct w;

		timer_setup_on_stack(&t, frame_timer_fn, 0);
		mod_timer(&t, jiffies + HZ / 10);
		INIT_WORK_ONSTACK(&w, frame_work_fn);
		queue_work(system_wq, &w);
		complete(&thread_done);
		return 0;
	} else {	/* "none" */
		work_flushed();
		work_flushed_not_destroyed();
		dwork_cancelled();
		timer_deleted();
		hrtimer_cancelled();
	}
	pr_info("odebug_frame_end: scribbled %d\n", scribble(0x5a));
	msleep(300);
	pr_info("odebug_frame_end: scribbled %d\n", scribble(0xa5));
	complete(&thread_done);
	return 0;
}

static int __init odebug_frame_end_init(void)
{
	ordered = alloc_ordered_workqueue("odebug_ordered", 0);
	if (!ordered)
		return -ENOMEM;
	if (!strcmp(bug, "switch"))
		other_task = kthread_create(other_thread, NULL, "frame_other");
	frame_task = kthread_run(frame_thread, NULL, "frame_end");
	wait_for_completion(&thread_done);
	return 0;
}

static void __exit odebug_frame_end_exit(void)
{
	destroy_workqueue(ordered);
}

module_init(odebug_frame_end_init);
module_exit(odebug_frame_end_exit);
MODULE_LICENSE("GPL");
