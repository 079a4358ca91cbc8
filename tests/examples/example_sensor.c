/* example_sensor: a small driver for the examples: its interrupt handler counts samples and defers their processing to a work item; init has an error path fault injection exercises. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

static unsigned int irq = 9;
module_param(irq, uint, 0444);
MODULE_PARM_DESC(irq, "the interrupt line the sensor raises");

/* Leave fixed_error_path at 0 to keep the bug the fault-injection example finds. */
static bool fixed_error_path;
module_param(fixed_error_path, bool, 0444);
MODULE_PARM_DESC(fixed_error_path, "free the sample buffer when a later step of init fails");

struct sensor {
	atomic_t pending;		/* samples the handler saw and the work has not taken */
	unsigned int processed;		/* samples the work processed, in total */
	unsigned int batches;		/* times the work ran */
	int *samples;			/* the sample buffer */
	struct work_struct work;
};

static struct sensor *sensor;
static struct workqueue_struct *sensor_wq;

/* Process context: takes every sample the handler counted so far, in one batch. */
static void sensor_work(struct work_struct *work)
{
	struct sensor *s = container_of(work, struct sensor, work);
	int n = atomic_xchg(&s->pending, 0);

	s->processed += n;
	s->batches++;
	pr_info("batch %u: %d sample(s), %u in total\n", s->batches, n, s->processed);
}

/* Hard interrupt context: count the sample, defer the rest. */
static irqreturn_t sensor_irq(int line, void *dev_id)
{
	struct sensor *s = dev_id;

	atomic_inc(&s->pending);
	if (!queue_work(sensor_wq, &s->work))
		pr_debug("irq %d: work already pending\n", line);
	return IRQ_HANDLED;
}

static int __init sensor_init(void)
{
	int ret;

	sensor = kzalloc(sizeof(*sensor), GFP_KERNEL);
	if (!sensor)
		return -ENOMEM;
	INIT_WORK(&sensor->work, sensor_work);
	sensor->samples = kcalloc(64, sizeof(int), GFP_KERNEL);
	if (!sensor->samples) {
		ret = -ENOMEM;
		goto free_sensor;
	}
	sensor_wq = alloc_workqueue("sensor_wq", 0, 1);
	if (!sensor_wq) {
		ret = -ENOMEM;
		goto free_samples;
	}
	ret = request_irq(irq, sensor_irq, 0, "example_sensor", sensor);
	if (ret)
		goto destroy_wq;
	pr_info("sensor on irq %u\n", irq);
	return 0;

destroy_wq:
	destroy_workqueue(sensor_wq);
free_samples:
	if (fixed_error_path)
		kfree(sensor->samples);
free_sensor:
	kfree(sensor);
	return ret;
}

static void __exit sensor_exit(void)
{
	free_irq(irq, sensor);
	destroy_workqueue(sensor_wq);
	pr_info("%u sample(s) in %u batch(es)\n", sensor->processed, sensor->batches);
	kfree(sensor->samples);
	kfree(sensor);
}

module_init(sensor_init);
module_exit(sensor_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kshim example: an interrupt handler deferring to a workqueue");
