/* Test module: takes two mutexes in both orders (AB then BA) in init, for lockdep's circular report. */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

static DEFINE_MUTEX(lock_a);
static DEFINE_MUTEX(lock_b);

static void take_a_then_b(void)
{
	mutex_lock(&lock_a);
	mutex_lock(&lock_b);
	mutex_unlock(&lock_b);
	mutex_unlock(&lock_a);
}

static void take_b_then_a(void)
{
	mutex_lock(&lock_b);
	mutex_lock(&lock_a);
	mutex_unlock(&lock_a);
	mutex_unlock(&lock_b);
}

static int __init abba_init(void)
{
	take_a_then_b();
	take_b_then_a();
	pr_info("locking_abba: done\n");
	return 0;
}

static void __exit abba_exit(void)
{
}

module_init(abba_init);
module_exit(abba_exit);
MODULE_LICENSE("GPL");
