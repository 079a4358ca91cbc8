/* Test module: sleeps (mutex_lock) while holding a spinlock, which the kernel reports. */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(dev_lock);
static DEFINE_MUTEX(dev_mutex);

static int __init spin_sleep_init(void)
{
	unsigned long flags;

	spin_lock_irqsave(&dev_lock, flags);
	mutex_lock(&dev_mutex);
	mutex_unlock(&dev_mutex);
	spin_unlock_irqrestore(&dev_lock, flags);
	return 0;
}

static void __exit spin_sleep_exit(void)
{
}

module_init(spin_sleep_init);
module_exit(spin_sleep_exit);
MODULE_LICENSE("GPL");
