/* Power-management callbacks: struct dev_pm_ops (6.1 layout) and the *_DEV_PM_OPS initialisers; nothing suspends in kshim. */
#ifndef _LINUX_PM_H
#define _LINUX_PM_H

#include "linux/export.h"
#include "linux/list.h"
#include "linux/workqueue.h"
#include "linux/spinlock.h"
#include "linux/wait.h"
#include "linux/timer.h"
#include "linux/completion.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/mutex.h"
#endif

struct device;

typedef struct pm_message {
	int event;
} pm_message_t;

struct dev_pm_ops {
	int (*prepare)(struct device *dev);
	void (*complete)(struct device *dev);
	int (*suspend)(struct device *dev);
	int (*resume)(struct device *dev);
	int (*freeze)(struct device *dev);
	int (*thaw)(struct device *dev);
	int (*poweroff)(struct device *dev);
	int (*restore)(struct device *dev);
	int (*suspend_late)(struct device *dev);
	int (*resume_early)(struct device *dev);
	int (*freeze_late)(struct device *dev);
	int (*thaw_early)(struct device *dev);
	int (*poweroff_late)(struct device *dev);
	int (*restore_early)(struct device *dev);
	int (*suspend_noirq)(struct device *dev);
	int (*resume_noirq)(struct device *dev);
	int (*freeze_noirq)(struct device *dev);
	int (*thaw_noirq)(struct device *dev);
	int (*poweroff_noirq)(struct device *dev);
	int (*restore_noirq)(struct device *dev);
	int (*runtime_suspend)(struct device *dev);
	int (*runtime_resume)(struct device *dev);
	int (*runtime_idle)(struct device *dev);
};

#define SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) \
	.suspend = (suspend_fn), .resume = (resume_fn), .freeze = (suspend_fn), \
	.thaw = (resume_fn), .poweroff = (suspend_fn), .restore = (resume_fn),
#define RUNTIME_PM_OPS(suspend_fn, resume_fn, idle_fn) \
	.runtime_suspend = (suspend_fn), .runtime_resume = (resume_fn), .runtime_idle = (idle_fn),
#define SET_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn)
#define SET_RUNTIME_PM_OPS(suspend_fn, resume_fn, idle_fn) RUNTIME_PM_OPS(suspend_fn, resume_fn, idle_fn)

#define DEFINE_SIMPLE_DEV_PM_OPS(name, suspend_fn, resume_fn) \
	const struct dev_pm_ops name = { SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) }
#define SIMPLE_DEV_PM_OPS(name, suspend_fn, resume_fn) \
	const struct dev_pm_ops __maybe_unused name = { SET_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) }
#define pm_sleep_ptr(_ptr) (_ptr)
#define pm_ptr(_ptr) (_ptr)

#define PM_EVENT_ON		0x0000
#define PM_EVENT_FREEZE		0x0001
#define PM_EVENT_SUSPEND	0x0002
#define PMSG_ON			((struct pm_message){ .event = PM_EVENT_ON, })
#define PMSG_SUSPEND		((struct pm_message){ .event = PM_EVENT_SUSPEND, })

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/hrtimer.h"
#endif

#endif
