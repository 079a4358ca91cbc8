/* Two kthreads increment a counter without the lock, reading it before a cond_resched() and writing it after: FIFO never switches there, exploration does. */
#include <linux/completion.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>

static int loops = 100;
module_param(loops, int, 0444);
MODULE_PARM_DESC(loops, "increments each thread makes");

static int counter;
static DECLARE_COMPLETION(done_a);
static DECLARE_COMPLETION(done_b);

static int bump(void *arg)
{
	struct completion *done = arg;
	int i;

	for (i = 0; i < loops; i++) {
		int seen = counter;	/* BUG: no lock held across the read, the resched and the write */

		cond_resched();
		counter = seen + 1;
	}
	kthread_complete_and_exit(done, 0);	/* no module code runs after the completion */
}

static int __init explore_counter_init(void)
{
	struct task_struct *a = kthread_run(bump, &done_a, "bump_a");
	struct task_struct *b = kthread_run(bump, &done_b, "bump_b");

	if (IS_ERR(a) || IS_ERR(b))
		return -ENOMEM;
	wait_for_completion(&done_a);
	wait_for_completion(&done_b);
	WARN(counter != 2 * loops, "explore_counter: %d of %d increments lost\n", 2 * loops - counter, 2 * loops);
	pr_info("explore_counter: counter %d\n", counter);
	return 0;
}

static void __exit explore_counter_exit(void)
{
}

module_init(explore_counter_init);
module_exit(explore_counter_exit);
MODULE_LICENSE("GPL");
