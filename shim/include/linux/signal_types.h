/* The signal types task_struct holds: struct sigpending and kernel_siginfo. */
#ifndef _LINUX_SIGNAL_TYPES_H
#define _LINUX_SIGNAL_TYPES_H

#include "linux/list.h"
#include "asm/signal.h"

typedef struct kernel_siginfo {
	int si_signo;
	int si_errno;
	int si_code;
} kernel_siginfo_t;

/* SIGPOLL's si_code values, the band kill_fasync passes (uapi/asm-generic/siginfo.h); C++
 * sources take them from the host's <signal.h>, which defines them as enumerators. */
#if !defined(__cplusplus) && !defined(POLL_IN)
#define POLL_IN		1
#define POLL_OUT	2
#define POLL_MSG	3
#define POLL_ERR	4
#define POLL_PRI	5
#define POLL_HUP	6
#define NSIGPOLL	6
#endif

/* A task's pending signals: kshim keeps no siginfo queue, so list stays empty; signal has a bit
 * per pending signal (bit sig - 1), which signal_pending() and a module's own loops read. */
struct sigpending {
	struct list_head list;
	kshim_sigset_t signal;
};

#endif
