/* unload_rcu_pending: exit frees nothing but leaves a call_rcu callback in its own code pending (no rcu_barrier). */
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

struct rcu_box {
	int value;
	struct rcu_head rcu;
};

static void rcu_box_free(struct rcu_head *head)
{
	kfree(container_of(head, struct rcu_box, rcu));
}

static int __init rcu_pending_init(void)
{
	return 0;
}

/* The bug: the callback may run after the module's code is gone. */
static void __exit rcu_pending_exit(void)
{
	struct rcu_box *b = kzalloc(sizeof(*b), GFP_KERNEL);

	if (b)
		call_rcu(&b->rcu, rcu_box_free);
}

module_init(rcu_pending_init);
module_exit(rcu_pending_exit);
MODULE_LICENSE("GPL");
