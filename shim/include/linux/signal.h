/* Signal numbers, kernel_siginfo, and allow_signal/disallow_signal for kthreads. */
#ifndef _LINUX_SIGNAL_H
#define _LINUX_SIGNAL_H

#include "linux/bitops.h"
#include "linux/bug.h"
#include "linux/string.h"
#include "linux/types.h"
#include "linux/signal_types.h"

#define SIGHUP		 1
#define SIGINT		 2
#define SIGQUIT		 3
#define SIGILL		 4
#define SIGTRAP		 5
#define SIGABRT		 6
#define SIGBUS		 7
#define SIGFPE		 8
#define SIGKILL		 9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGPWR		30
#define SIGSYS		31
/* libc (which the C++ runtime also sees) spells these aliases differently. */
#ifndef SIGIO
#define SIGIO		29
#endif
#ifndef SIGPOLL
#define SIGPOLL		SIGIO
#endif
#ifndef SIGIOT
#define SIGIOT		 6
#endif

#ifndef __cplusplus	/* glibc declares functions of these names for the C++ runtime */
#define sigmask(sig)	(1UL << ((sig) - 1))

static inline void sigaddset(sigset_t *set, int sig) { set->sig[0] |= sigmask(sig); }
static inline void sigdelset(sigset_t *set, int sig) { set->sig[0] &= ~sigmask(sig); }
static inline int sigismember(sigset_t *set, int sig) { return (set->sig[0] & sigmask(sig)) != 0; }
static inline void sigemptyset(sigset_t *set) { set->sig[0] = 0; }
static inline void sigfillset(sigset_t *set) { set->sig[0] = ~0UL; }
static inline int sigisemptyset(sigset_t *set) { return set->sig[0] == 0; }
#endif

#define SEND_SIG_NOINFO ((struct kernel_siginfo *) 0)
#define SEND_SIG_PRIV	((struct kernel_siginfo *) 1)


#ifdef __cplusplus
extern "C" {
#endif

/* The current kthread takes sig from now on (kthreads ignore every signal by default), or
 * ignores it again, dropping it if pending. Process context. */
void allow_signal(int sig);
void disallow_signal(int sig);

#ifdef __cplusplus
}
#endif

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/list.h"
#include "linux/time.h"
#endif

#endif
