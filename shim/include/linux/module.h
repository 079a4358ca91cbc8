/* struct module, module_init/module_exit, MODULE_* information and module reference counts. */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include "linux/list.h"
#include "linux/stat.h"
#include "linux/compiler.h"
#include "linux/init.h"
#include "linux/kernel.h"
#include "linux/stringify.h"
#include "linux/kobject.h"
#include "linux/moduleparam.h"
#include "linux/export.h"
#include "linux/errno.h"
#include "linux/sched.h"
#include "linux/jiffies.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/kref.h"
#include "linux/rcupdate.h"
#include "linux/rwsem.h"
#include "linux/completion.h"
#include "linux/mutex.h"
#include "linux/workqueue.h"
#include "linux/gfp.h"
#include "linux/mm_types.h"
#include "linux/kmod.h"
#endif

struct kunit_suite;

#define MODULE_NAME_LEN (64 - sizeof(unsigned long))

enum module_state {
	MODULE_STATE_LIVE,
	MODULE_STATE_COMING,
	MODULE_STATE_GOING,
	MODULE_STATE_UNFORMED,
};

/* Filled in by the module's generated mod.c (kshim's modpost) and by the loader. */
struct module {
	enum module_state state;
	struct list_head list;
	char name[MODULE_NAME_LEN];
	const struct kernel_symbol *syms, *syms_end;
	unsigned int num_syms;
	const struct kernel_param *kp, *kp_end;
	unsigned int num_kp;
	int (*init)(void);
	void (*exit)(void);
	const char *modinfo, *modinfo_end;
	void *percpu, *percpu_end;	/* the module's DEFINE_PER_CPU section (CPU 0's copy) */
	struct kunit_suite **kunit_suites, **kunit_suites_end;	/* its kunit_test_suites section */
	int num_kunit_suites;
	void *kshim;	/* the runtime's Module object */
};

#ifdef MODULE
extern struct module __this_module;
#define THIS_MODULE (&__this_module)
#else
#define THIS_MODULE ((struct module *)0)
#endif

#define MODULE_INFO(tag, info) __MODULE_INFO(tag, tag, info)
#define MODULE_LICENSE(_license) MODULE_INFO(license, _license)
#define MODULE_AUTHOR(_author) MODULE_INFO(author, _author)
#define MODULE_DESCRIPTION(_description) MODULE_INFO(description, _description)
#define MODULE_VERSION(_version) MODULE_INFO(version, _version)
#define MODULE_ALIAS(_alias) MODULE_INFO(alias, _alias)
#define MODULE_SOFTDEP(_softdep) MODULE_INFO(softdep, _softdep)
#define MODULE_FIRMWARE(_firmware) MODULE_INFO(firmware, _firmware)
#define MODULE_IMPORT_NS(ns) MODULE_INFO(import_ns, __stringify(ns))
#define MODULE_DEVICE_TABLE(type, name)
#define MODULE_SUPPORTED_DEVICE(name)

/* module_init(fn) makes fn the module's init_module, as the kernel does for loadable modules. */
#define module_init(initfn)						\
	static inline initcall_t __maybe_unused __inittest(void)	\
	{ return initfn; }						\
	int init_module(void) __copy(initfn) __attribute__((__alias__(#initfn)));

#define module_exit(exitfn)						\
	static inline exitcall_t __maybe_unused __exittest(void)	\
	{ return exitfn; }						\
	void cleanup_module(void) __copy(exitfn) __attribute__((__alias__(#exitfn)));

#define early_initcall(fn)		module_init(fn)
#define core_initcall(fn)		module_init(fn)
#define postcore_initcall(fn)		module_init(fn)
#define arch_initcall(fn)		module_init(fn)
#define subsys_initcall(fn)		module_init(fn)
#define fs_initcall(fn)			module_init(fn)
#define device_initcall(fn)		module_init(fn)
#define late_initcall(fn)		module_init(fn)

#define module_name(mod) ((mod) ? (mod)->name : "kernel")

#ifdef __cplusplus
extern "C" {
#endif

/* Reference counts: atomic-safe. try_module_get fails once the module is going away. */
bool try_module_get(struct module *module);
void __module_get(struct module *module);
void module_put(struct module *module);
int module_refcount(struct module *mod);
bool module_is_live(struct module *mod);
/* The module notifier chain: the block's callback gets MODULE_STATE_COMING (before a module's
 * init; a veto fails the load), _LIVE (after init) and _GOING (after a failed init or after
 * exit), with the struct module as data. May sleep. */
struct notifier_block;
int register_module_notifier(struct notifier_block *nb);
int unregister_module_notifier(struct notifier_block *nb);

#ifdef __cplusplus
}
#endif

#endif
