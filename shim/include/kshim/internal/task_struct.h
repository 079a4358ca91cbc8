/* struct task_struct, part of the C surface: linux/sched.h includes it, the runtime's Task embeds it. */
#ifndef _KSHIM_INTERNAL_TASK_STRUCT_H
#define _KSHIM_INTERNAL_TASK_STRUCT_H

#include "linux/types.h"
#include "linux/signal_types.h"

#define TASK_COMM_LEN		16

struct mm_struct;

/* The runtime's Task object owns one of these; kshim points back at it. */
struct task_struct {
	unsigned int		__state;
	unsigned int		flags;
	int			on_cpu;
	unsigned int		cpu;
	int			prio;
	int			static_prio;
	int			normal_prio;
	unsigned int		policy;
	int			exit_code;
	pid_t			pid;
	pid_t			tgid;
	struct task_struct	*real_parent;
	struct task_struct	*parent;
	struct mm_struct	*mm;
	struct mm_struct	*active_mm;
	void			*stack;
	struct list_head	tasks;
	char			comm[TASK_COMM_LEN];
	kshim_sigset_t		blocked;	/* always empty: kthreads block nothing */
	struct sigpending	pending;	/* bit sig - 1 of pending.signal.sig[0]: pending */
	void			*kshim;
};

#endif
