/* odebug_waitq_free: a kthread frees the wait-queue head init sleeps on, then wakes it (a tutorial's bug). */
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/wait.h>

struct waitq_state {
	wait_queue_head_t head;
	int done;
};

static struct waitq_state *st;

/* The bug: frees the state (and the head init waits on) before waking the waiter. */
static int waitq_freer(void *arg)
{
	struct waitq_state *s = arg;

	msleep(10);
	s->done = 1;
	kfree(s);
	wake_up(&s->head);
	return 0;
}

static int __init waitq_init(void)
{
	struct task_struct *t;

	st = kzalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	init_waitqueue_head(&st->head);
	t = kthread_run(waitq_freer, st, "waitq_freer");
	if (IS_ERR(t)) {
		kfree(st);
		return PTR_ERR(t);
	}
	wait_event_timeout(st->head, st->done, HZ);
	pr_info("odebug_waitq_free: woke\n");
	return 0;
}

static void __exit waitq_exit(void)
{
}

module_init(waitq_init);
module_exit(waitq_exit);
MODULE_LICENSE("GPL");
