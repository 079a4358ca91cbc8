/* Test module: signals to kthreads - allowed ones end interruptible waits and sleeps early, ignored ones change nothing. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/signal.h>
#include <linux/wait.h>

static DECLARE_WAIT_QUEUE_HEAD(wq);
static DECLARE_COMPLETION(never_done);
static struct task_struct *waiter, *ignorer;
static bool cond;

/* Waits once for each signal init sends it, 100 ms apart. */
static int waiter_fn(void *data)
{
	unsigned long left;
	long r;

	allow_signal(SIGUSR1);
	allow_signal(SIGKILL);
	r = wait_event_interruptible(wq, cond);
	pr_info("waiter: wait_event_interruptible %ld pending %d fatal %d\n", r, signal_pending(current),
		fatal_signal_pending(current));
	pr_info("waiter: dequeued signal %d, pending now %d\n", kernel_dequeue_signal(), signal_pending(current));

	left = msleep_interruptible(1000);
	pr_info("waiter: msleep_interruptible returned early %d\n", left > 0 && left < 1000);
	flush_signals(current);
	pr_info("waiter: after flush_signals pending %d\n", signal_pending(current));

	r = schedule_timeout_interruptible(10 * HZ);
	pr_info("waiter: schedule_timeout_interruptible left jiffies %d\n", r > 0 && r < 10 * HZ);
	flush_signals(current);

	r = wait_for_completion_killable(&never_done);
	pr_info("waiter: wait_for_completion_killable %ld fatal %d\n", r, fatal_signal_pending(current));
	r = wait_for_completion_interruptible_timeout(&never_done, HZ);
	pr_info("waiter: wait_for_completion_interruptible_timeout %ld\n", r);
	flush_signals(current);

	set_current_state(TASK_INTERRUPTIBLE);
	while (!kthread_should_stop()) {
		schedule();
		set_current_state(TASK_INTERRUPTIBLE);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

/* Never allows a signal: SIGKILL and SIGUSR1 are dropped, the sleep runs its full length. */
static int ignorer_fn(void *data)
{
	unsigned long left = msleep_interruptible(350);

	pr_info("ignorer: msleep_interruptible left %lu pending %d\n", left, signal_pending(current));
	while (!kthread_should_stop())
		msleep(10);
	return 0;
}

static int __init kthread_signals_init(void)
{
	waiter = kthread_run(waiter_fn, NULL, "sig_waiter");
	if (IS_ERR(waiter))
		return PTR_ERR(waiter);
	ignorer = kthread_run(ignorer_fn, NULL, "sig_ignorer");
	if (IS_ERR(ignorer)) {
		kthread_stop(waiter);
		return PTR_ERR(ignorer);
	}
	msleep(100);
	pr_info("send_sig to the ignorer: %d %d\n", send_sig(SIGKILL, ignorer, 0), send_sig(SIGUSR1, ignorer, 0));
	send_sig(SIGUSR1, waiter, 0);
	msleep(100);
	send_sig(SIGUSR1, waiter, 0);
	msleep(100);
	send_sig(SIGUSR1, waiter, 0);
	msleep(100);
	send_sig(SIGKILL, waiter, 0);
	return 0;
}

static void __exit kthread_signals_exit(void)
{
	pr_info("stop: waiter %d ignorer %d\n", kthread_stop(waiter), kthread_stop(ignorer));
}

module_init(kthread_signals_init);
module_exit(kthread_signals_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("signals to kthreads");
