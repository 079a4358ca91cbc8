/* Test module: a kthread producer and wait_event/complete consumers, with RCU-protected data. */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/wait.h>
#include <linux/completion.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/delay.h>

struct item {
	int value;
	struct rcu_head rcu;
};

static DECLARE_WAIT_QUEUE_HEAD(wq);
static DECLARE_COMPLETION(done);
static int produced;
static struct item __rcu *current_item;

static int producer(void *arg)
{
	int i;

	for (i = 1; i <= 3; i++) {
		struct item *n = kmalloc(sizeof(*n), GFP_KERNEL), *old;

		n->value = i;
		old = rcu_dereference_protected(current_item, 1);
		rcu_assign_pointer(current_item, n);
		if (old)
			kfree_rcu(old, rcu);
		WRITE_ONCE(produced, i);
		wake_up(&wq);
		msleep(10);
	}
	kthread_complete_and_exit(&done, 0);
}

static int __init waitq_init(void)
{
	struct item *it;
	long left;

	kthread_run(producer, NULL, "producer");
	wait_event(wq, READ_ONCE(produced) >= 2);
	rcu_read_lock();
	it = rcu_dereference(current_item);
	pr_info("locking_waitq: saw %d\n", it ? it->value : -1);
	rcu_read_unlock();
	left = wait_event_timeout(wq, READ_ONCE(produced) >= 100, 5);
	pr_info("locking_waitq: timeout left %ld\n", left);
	wait_for_completion(&done);
	pr_info("locking_waitq: producer done\n");
	return 0;
}

static void __exit waitq_exit(void)
{
	kfree_rcu(rcu_dereference_protected(current_item, 1), rcu);
	rcu_barrier();
}

module_init(waitq_init);
module_exit(waitq_exit);
MODULE_LICENSE("GPL");
