/* hung_mutex: init takes a mutex it already holds; the hung-task report must list the lock. */
#include <linux/module.h>
#include <linux/mutex.h>

static DEFINE_MUTEX(cfg_lock);

static int __init hung_mutex_init(void)
{
	mutex_lock(&cfg_lock);
	mutex_lock(&cfg_lock);
	return 0;
}

module_init(hung_mutex_init);
MODULE_LICENSE("GPL");
