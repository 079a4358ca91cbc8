/* Reboot notifiers: registration on reboot_notifier_list (kshim never reboots, so they are never called). */
#ifndef _LINUX_REBOOT_H
#define _LINUX_REBOOT_H

#include "linux/notifier.h"

#define SYS_DOWN	0x0001
#define SYS_RESTART	SYS_DOWN
#define SYS_HALT	0x0002
#define SYS_POWER_OFF	0x0003

enum reboot_mode {
	REBOOT_UNDEFINED = -1,
	REBOOT_COLD = 0,
	REBOOT_WARM,
	REBOOT_HARD,
	REBOOT_SOFT,
	REBOOT_GPIO,
};

#ifdef __cplusplus
extern "C" {
#endif

/* blocking_notifier_chain_(un)register on reboot_notifier_list. May sleep. */
int register_reboot_notifier(struct notifier_block *nb);
int unregister_reboot_notifier(struct notifier_block *nb);

#ifdef __cplusplus
}
#endif

#endif /* _LINUX_REBOOT_H */
