/* unload_clean_work: exit waits for its sleeping work item before freeing it (unload safety's correct twin). */
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

struct patient {
	struct work_struct work;
};

static struct patient *p;

static void patient_fn(struct work_struct *w)
{
	msleep(500);
	pr_info("unload_clean_work: work done\n");
}

static int __init patient_init(void)
{
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	INIT_WORK(&p->work, patient_fn);
	schedule_work(&p->work);
	return 0;
}

static void __exit patient_exit(void)
{
	cancel_work_sync(&p->work);
	kfree(p);
}

module_init(patient_init);
module_exit(patient_exit);
MODULE_LICENSE("GPL");
