/* Kernel probes: struct kprobe and kretprobe (6.1 layouts); probing is not implemented yet. */
#ifndef _LINUX_KPROBES_H
#define _LINUX_KPROBES_H

#include "linux/compiler.h"
#include "linux/linkage.h"
#include "linux/list.h"
#include "linux/smp.h"
#include "linux/bug.h"
#include "linux/spinlock.h"
#include "linux/rcupdate.h"
#include "linux/mutex.h"
#include "linux/refcount.h"
#include "asm/ptrace.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/errno.h"
#include "linux/rwsem.h"
#include "linux/workqueue.h"
#include "linux/completion.h"
#include "linux/interrupt.h"
#include "linux/kallsyms.h"
#include "linux/ns_common.h"
#include "linux/uio.h"
#endif

typedef u8 kprobe_opcode_t;

struct kprobe;
struct kretprobe_instance;

typedef int (*kprobe_pre_handler_t)(struct kprobe *, struct pt_regs *);
typedef void (*kprobe_post_handler_t)(struct kprobe *, struct pt_regs *, unsigned long flags);
typedef int (*kretprobe_handler_t)(struct kretprobe_instance *, struct pt_regs *);

struct arch_specific_insn {
	kprobe_opcode_t *insn;
	unsigned int boostable:1;
	unsigned char size;
};

struct kprobe {
	struct hlist_node hlist;
	struct list_head list;
	unsigned long nmissed;
	kprobe_opcode_t *addr;
	const char *symbol_name;
	unsigned int offset;
	kprobe_pre_handler_t pre_handler;
	kprobe_post_handler_t post_handler;
	kprobe_opcode_t opcode;
	struct arch_specific_insn ainsn;
	u32 flags;
};

#define KPROBE_FLAG_GONE	1
#define KPROBE_FLAG_DISABLED	2
#define KPROBE_FLAG_OPTIMIZED	4
#define KPROBE_FLAG_FTRACE	8

struct kretprobe {
	struct kprobe kp;
	kretprobe_handler_t handler;
	kretprobe_handler_t entry_handler;
	int maxactive;
	int nmissed;
	size_t data_size;
	void *rph;
};

struct kretprobe_instance {
	struct rcu_head rcu;
	void *rp;
	kprobe_opcode_t *ret_addr;
	void *fp;
	char data[];
};

#ifdef __cplusplus
extern "C" {
#endif
/* Not implemented yet: the register ones report and return -ENOMEM, the others report. */
int register_kprobe(struct kprobe *p);
void unregister_kprobe(struct kprobe *p);
int register_kprobes(struct kprobe **kps, int num);
void unregister_kprobes(struct kprobe **kps, int num);
int register_kretprobe(struct kretprobe *rp);
void unregister_kretprobe(struct kretprobe *rp);
int disable_kprobe(struct kprobe *kp);
int enable_kprobe(struct kprobe *kp);
#ifdef __cplusplus
}
#endif

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/percpu.h"
#endif

#endif
