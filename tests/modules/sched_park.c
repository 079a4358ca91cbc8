/* sched_park: two kthreads sleep in schedule(), the first while the second is queued (a direct
 * switch), the second with nothing left to run; khungtaskd reports both with their stacks, then a
 * timer wakes both after 300 s and each says so. */
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/timer.h>

static struct task_struct *ta, *tb;
static struct timer_list waker;

static noinline void park_here(const char *who)
{
	set_current_state(TASK_UNINTERRUPTIBLE);
	schedule();
	pr_info("sched_park: %s woke on CPU %d\n", who, smp_processor_id());
}

static int park_a_fn(void *data)
{
	park_here("a");
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ);
	return 0;
}

static int park_b_fn(void *data)
{
	park_here("b");
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ);
	return 0;
}

static void wake_both(struct timer_list *t)
{
	pr_info("sched_park: waking a (%d) and b (%d)\n", wake_up_process(ta), wake_up_process(tb));
}

static int __init sched_park_init(void)
{
	timer_setup(&waker, wake_both, 0);
	ta = kthread_run(park_a_fn, NULL, "park_a");
	tb = kthread_run(park_b_fn, NULL, "park_b");
	mod_timer(&waker, jiffies + 300 * HZ);
	return 0;
}

static void __exit sched_park_exit(void)
{
	del_timer_sync(&waker);
	kthread_stop(ta);
	kthread_stop(tb);
}

module_init(sched_park_init);
module_exit(sched_park_exit);
MODULE_LICENSE("GPL");
