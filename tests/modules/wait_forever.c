/* wait_forever: init waits on a wait queue nobody wakes (state=1: TASK_INTERRUPTIBLE, 2:
 * TASK_UNINTERRUPTIBLE, 3: TASK_IDLE); with tick=1 a timer keeps firing meanwhile, so a waker is
 * possible. */
#include <linux/module.h>
#include <linux/timer.h>
#include <linux/wait.h>

static int state = 1;
module_param(state, int, 0444);
static int tick;
module_param(tick, int, 0444);

static DECLARE_WAIT_QUEUE_HEAD(never_wq);
static int never;
static struct timer_list ticker;
static int ticks;

static void tick_fn(struct timer_list *t)
{
	if (++ticks < 200)
		mod_timer(&ticker, jiffies + 2 * HZ);
}

static int __init wait_forever_init(void)
{
	if (tick) {
		timer_setup(&ticker, tick_fn, 0);
		mod_timer(&ticker, jiffies + 2 * HZ);
	}
	pr_info("wait_forever: waiting\n");
	if (state == 1)
		return wait_event_interruptible(never_wq, never);
	if (state == 3)
		wait_event_idle(never_wq, never);
	else
		wait_event(never_wq, never);
	return 0;
}

static void __exit wait_forever_exit(void)
{
	del_timer_sync(&ticker);
}

module_init(wait_forever_init);
module_exit(wait_forever_exit);
MODULE_LICENSE("GPL");
