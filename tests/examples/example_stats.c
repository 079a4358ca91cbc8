/* Example driver for docs/testing.md: two reader kthreads add their byte counts to a shared total; with locked=0 the update is a read, a reschedule and a write with no lock held. */
#include <linux/completion.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched.h>

static bool locked;
module_param(locked, bool, 0444);
MODULE_PARM_DESC(locked, "take stats_lock around the update (the fix)");

static unsigned long total_bytes;
static DEFINE_MUTEX(stats_lock);
static DECLARE_COMPLETION(reader_a_done);
static DECLARE_COMPLETION(reader_b_done);

static void account(unsigned long bytes)
{
	unsigned long seen;

	if (locked)
		mutex_lock(&stats_lock);
	seen = total_bytes;
	cond_resched();		/* where a real driver would touch hardware or sleep */
	total_bytes = seen + bytes;
	if (locked)
		mutex_unlock(&stats_lock);
}

static int reader(void *done)
{
	int i;

	for (i = 0; i < 50; i++)
		account(64);
	kthread_complete_and_exit(done, 0);
}

static int __init example_stats_init(void)
{
	if (IS_ERR(kthread_run(reader, &reader_a_done, "reader_a")) ||
	    IS_ERR(kthread_run(reader, &reader_b_done, "reader_b")))
		return -ENOMEM;
	wait_for_completion(&reader_a_done);
	wait_for_completion(&reader_b_done);
	WARN(total_bytes != 2 * 50 * 64, "example_stats: total %lu, expected %d\n", total_bytes, 2 * 50 * 64);
	pr_info("example_stats: total %lu bytes\n", total_bytes);
	return 0;
}

static void __exit example_stats_exit(void)
{
}

module_init(example_stats_init);
module_exit(example_stats_exit);
MODULE_LICENSE("GPL");
