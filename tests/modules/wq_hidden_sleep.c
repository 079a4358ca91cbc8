/* wq_hidden_sleep: a work item queues a second one on its own CPU, then sleeps with PF_WQ_WORKER
 * cleared (hide=1), so the pool never learns that its only worker sleeps and the second item
 * waits until module_exit wakes the first; with hide=0 the pool starts another worker at once. */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

static int hide = 1;
module_param(hide, int, 0444);

static DECLARE_WAIT_QUEUE_HEAD(release_wq);
static atomic_t released = ATOMIC_INIT(0);
static struct work_struct sleeper, follower;

static void follower_fn(struct work_struct *work)
{
	pr_info("wq_hidden_sleep: the follower ran\n");
}

static void sleeper_fn(struct work_struct *work)
{
	pr_info("wq_hidden_sleep: the sleeper runs and queues the follower on its CPU\n");
	schedule_work(&follower);
	if (hide)
		current->flags &= ~PF_WQ_WORKER;
	wait_event_idle(release_wq, atomic_read(&released));
	if (hide)
		current->flags |= PF_WQ_WORKER;
	pr_info("wq_hidden_sleep: sleeper released\n");
}

static int __init wq_hidden_sleep_init(void)
{
	INIT_WORK(&sleeper, sleeper_fn);
	INIT_WORK(&follower, follower_fn);
	schedule_work(&sleeper);
	return 0;
}

static void __exit wq_hidden_sleep_exit(void)
{
	atomic_set(&released, 1);
	wake_up(&release_wq);
	flush_work(&sleeper);
	flush_work(&follower);
	pr_info("wq_hidden_sleep: unloaded\n");
}

module_init(wq_hidden_sleep_init);
module_exit(wq_hidden_sleep_exit);
MODULE_LICENSE("GPL");
