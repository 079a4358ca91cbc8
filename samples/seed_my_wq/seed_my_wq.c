#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/workqueue.h>
#include <linux/slab.h>

static struct workqueue_struct *my_wq;
struct my_work {
    struct work_struct work;
    int data;
};

static void my_wq_function(struct work_struct *work)
{
    struct my_work *my_work = (struct my_work *)work;
    printk(KERN_INFO "my_work.data = %d\n", my_work->data);
    kfree((void *)work);
    return;
}

static int __init my_init(void)
{
    struct my_work *work;
    my_wq = create_workqueue("my_queue");
    if (!my_wq)
        return -ENOMEM;

    work = (struct my_work *)kmalloc(sizeof(struct my_work), GFP_KERNEL);
    if (work) {
        INIT_WORK((struct work_struct *)work, my_wq_function);
        work->data = 42;
        queue_work(my_wq, (struct work_struct *)work);
    }
    return 0;
}

static void __exit my_exit(void)
{
    flush_workqueue(my_wq);
    destroy_workqueue(my_wq);
    return;
}

module_init(my_init);
module_exit(my_exit);
