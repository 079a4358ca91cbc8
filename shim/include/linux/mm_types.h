/* Memory-management types: struct page, vm_area_struct (6.1 layout of what drivers touch), mm_struct. */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include "linux/types.h"
#include "linux/list.h"
#include "linux/spinlock.h"
#include "linux/rwsem.h"
#include "linux/completion.h"
#include "linux/cpumask.h"
#include "linux/workqueue.h"
#include "asm/page.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/atomic.h"
#include "linux/kref.h"
#include "linux/rcupdate.h"
#include "linux/mutex.h"
#endif

typedef unsigned long pgoff_t;
typedef unsigned long vm_flags_t;
typedef struct { unsigned long pgprot; } pgprot_t;
typedef unsigned int vm_fault_t;

struct address_space;
struct file;
struct mm_struct;
struct vm_operations_struct;

/* A page frame: only its flags, reference counts and private word so far. */
struct page {
	unsigned long flags;
	struct list_head lru;
	struct address_space *mapping;
	pgoff_t index;
#ifdef __cplusplus
	unsigned long private_;	/* "private" is a C++ keyword */
#else
	unsigned long private;
#endif
	atomic_t _mapcount;
	atomic_t _refcount;
};

struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;
	struct vm_area_struct *vm_next, *vm_prev;
	struct mm_struct *vm_mm;
	pgprot_t vm_page_prot;
	unsigned long vm_flags;
	struct list_head anon_vma_chain;
	void *anon_vma;
	const struct vm_operations_struct *vm_ops;
	unsigned long vm_pgoff;
	struct file *vm_file;
	void *vm_private_data;
};

struct mm_struct {
	struct vm_area_struct *mmap;
	unsigned long task_size;
	atomic_t mm_users;
	atomic_t mm_count;
	struct rw_semaphore mmap_lock;
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
};

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/notifier.h"
#include "linux/rbtree.h"
#include "linux/seqlock.h"
#endif

#endif
