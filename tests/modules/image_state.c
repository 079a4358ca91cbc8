// Test module: prints its initialised and zeroed statics at init, then (dirty=1) scribbles on them, so a reused image shows whether they were reset.
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/string.h>

static int dirty;
module_param(dirty, int, 0444);

static int loads = 100;          /* .data */
static unsigned long seen[8];    /* .bss */
static char name[16] = "pristine";
static const char *greeting = "hello";

static int __init image_state_init(void)
{
	int i;
	unsigned long sum = 0;

	for (i = 0; i < 8; i++)
		sum += seen[i];
	pr_info("image_state: loads=%d sum=%lu name=%s greeting=%s dirty=%d\n", loads, sum, name, greeting, dirty);
	loads++;
	seen[0]++;
	if (dirty) {
		loads = -1;
		for (i = 0; i < 8; i++)
			seen[i] = 0xdead;
		strscpy(name, "scribbled", sizeof(name));
		greeting = "changed";
	}
	return 0;
}

static void __exit image_state_exit(void)
{
	pr_info("image_state: exit loads=%d\n", loads);
}

module_init(image_state_init);
module_exit(image_state_exit);
MODULE_LICENSE("GPL");
