/* Per-CPU variables: DEFINE_PER_CPU and friends, per_cpu_ptr, this_cpu_* and raw/__this_cpu_* ops. */
#ifndef __LINUX_PERCPU_DEFS_H
#define __LINUX_PERCPU_DEFS_H

/*
 * kshim's layout (not Linux's): a DEFINE_PER_CPU variable lives in the module's "kshim_percpu"
 * section, and that image is CPU 0's copy. When the module is loaded the runtime copies the
 * section, initialisers included, once for every other possible CPU; alloc_percpu() hands out
 * one block holding every CPU's copy. A per-CPU pointer is CPU 0's address, and per_cpu_ptr()
 * asks the runtime where CPU n's copy of that address is (a lookup over the registered areas).
 */
#define PER_CPU_BASE_SECTION	"kshim_percpu"
#define __PCPU_ATTRS(sec)	__attribute__((__section__(PER_CPU_BASE_SECTION)))

#define DECLARE_PER_CPU_SECTION(type, name, sec)	extern __PCPU_ATTRS(sec) __typeof__(type) name
#define DEFINE_PER_CPU_SECTION(type, name, sec)		__PCPU_ATTRS(sec) __typeof__(type) name

#define DECLARE_PER_CPU(type, name)		DECLARE_PER_CPU_SECTION(type, name, "")
#define DEFINE_PER_CPU(type, name)		DEFINE_PER_CPU_SECTION(type, name, "")
#define DECLARE_PER_CPU_FIRST(type, name)	DECLARE_PER_CPU_SECTION(type, name, "")
#define DEFINE_PER_CPU_FIRST(type, name)	DEFINE_PER_CPU_SECTION(type, name, "")
#define DECLARE_PER_CPU_SHARED_ALIGNED(type, name)					\
	DECLARE_PER_CPU_SECTION(type, name, "") ____cacheline_aligned_in_smp
#define DEFINE_PER_CPU_SHARED_ALIGNED(type, name)					\
	DEFINE_PER_CPU_SECTION(type, name, "") ____cacheline_aligned_in_smp
#define DECLARE_PER_CPU_ALIGNED(type, name)						\
	DECLARE_PER_CPU_SECTION(type, name, "") ____cacheline_aligned
#define DEFINE_PER_CPU_ALIGNED(type, name)						\
	DEFINE_PER_CPU_SECTION(type, name, "") ____cacheline_aligned
#define DECLARE_PER_CPU_PAGE_ALIGNED(type, name)					\
	DECLARE_PER_CPU_SECTION(type, name, "") __attribute__((__aligned__(4096)))
#define DEFINE_PER_CPU_PAGE_ALIGNED(type, name)						\
	DEFINE_PER_CPU_SECTION(type, name, "") __attribute__((__aligned__(4096)))
#define DECLARE_PER_CPU_READ_MOSTLY(type, name)	DECLARE_PER_CPU_SECTION(type, name, "")
#define DEFINE_PER_CPU_READ_MOSTLY(type, name)	DEFINE_PER_CPU_SECTION(type, name, "")
#define DECLARE_PER_CPU_DECRYPTED(type, name)	DECLARE_PER_CPU(type, name)
#define DEFINE_PER_CPU_DECRYPTED(type, name)	DEFINE_PER_CPU(type, name)

#define EXPORT_PER_CPU_SYMBOL(var)		EXPORT_SYMBOL(var)
#define EXPORT_PER_CPU_SYMBOL_GPL(var)		EXPORT_SYMBOL_GPL(var)

#ifdef __cplusplus
extern "C" {
#endif
/* Atomic-safe: CPU cpu's copy of the per-CPU address ptr (CPU 0's copy). */
void *kshim_per_cpu_ptr(const void *ptr, int cpu);
/* Atomic-safe: the current CPU's copy; with op (e.g. "__this_cpu_add") it reports use in
 * preemptible code as CONFIG_DEBUG_PREEMPT does. */
void *kshim_this_cpu_ptr(const void *ptr, const char *op);
#ifdef __cplusplus
}
#endif

#define __verify_pcpu_ptr(ptr)	do { (void)(ptr); } while (0)

#define per_cpu_ptr(ptr, cpu)	((__typeof__(ptr))kshim_per_cpu_ptr((const void *)(ptr), (int)(cpu)))
#define raw_cpu_ptr(ptr)	((__typeof__(ptr))kshim_this_cpu_ptr((const void *)(ptr), (const char *)0))
#define this_cpu_ptr(ptr)							\
	((__typeof__(ptr))kshim_this_cpu_ptr((const void *)(ptr), "smp_processor_id"))
#define per_cpu(var, cpu)	(*per_cpu_ptr(&(var), cpu))

#define get_cpu_var(var)	(*({ preempt_disable(); this_cpu_ptr(&(var)); }))
#define put_cpu_var(var)	do { (void)&(var); preempt_enable(); } while (0)
#define get_cpu_ptr(var)	({ preempt_disable(); this_cpu_ptr(var); })
#define put_cpu_ptr(var)	do { (void)(var); preempt_enable(); } while (0)

/*
 * The operations. A kshim task is only switched at sleeping or voluntary points, none of which
 * is inside these, so each is atomic with respect to other tasks on the CPU as Linux's are.
 * __kshim_pcpu(pcp, op): where the current CPU's copy of pcp is, checked (op) or not (NULL).
 */
#define __kshim_pcpu(pcp, op)	((__typeof__(pcp) *)kshim_this_cpu_ptr((const void *)&(pcp), op))
#define __kshim_pcpu_read(pcp, op)	({ *__kshim_pcpu(pcp, op); })
#define __kshim_pcpu_write(pcp, val, op)	do { *__kshim_pcpu(pcp, op) = (val); } while (0)
#define __kshim_pcpu_add(pcp, val, op)	do { *__kshim_pcpu(pcp, op) += (val); } while (0)
#define __kshim_pcpu_and(pcp, val, op)	do { *__kshim_pcpu(pcp, op) &= (val); } while (0)
#define __kshim_pcpu_or(pcp, val, op)	do { *__kshim_pcpu(pcp, op) |= (val); } while (0)
#define __kshim_pcpu_add_return(pcp, val, op)						\
	({ __typeof__(pcp) *__p = __kshim_pcpu(pcp, op); *__p += (val); *__p; })
#define __kshim_pcpu_xchg(pcp, nval, op)						\
	({ __typeof__(pcp) *__p = __kshim_pcpu(pcp, op); __typeof__(pcp) __o = *__p;	\
	   *__p = (nval); __o; })
#define __kshim_pcpu_cmpxchg(pcp, oval, nval, op)					\
	({ __typeof__(pcp) *__p = __kshim_pcpu(pcp, op); __typeof__(pcp) __o = *__p;	\
	   if (__o == (oval)) { *__p = (nval); } __o; })

/* this_cpu_*: safe in any context, no check (they are preemption-safe by themselves). */
#define this_cpu_read(pcp)		__kshim_pcpu_read(pcp, (const char *)0)
#define this_cpu_write(pcp, val)	__kshim_pcpu_write(pcp, val, (const char *)0)
#define this_cpu_add(pcp, val)		__kshim_pcpu_add(pcp, val, (const char *)0)
#define this_cpu_sub(pcp, val)		this_cpu_add(pcp, -(__typeof__(pcp))(val))
#define this_cpu_inc(pcp)		this_cpu_add(pcp, 1)
#define this_cpu_dec(pcp)		this_cpu_sub(pcp, 1)
#define this_cpu_and(pcp, val)		__kshim_pcpu_and(pcp, val, (const char *)0)
#define this_cpu_or(pcp, val)		__kshim_pcpu_or(pcp, val, (const char *)0)
#define this_cpu_add_return(pcp, val)	__kshim_pcpu_add_return(pcp, val, (const char *)0)
#define this_cpu_sub_return(pcp, val)	this_cpu_add_return(pcp, -(__typeof__(pcp))(val))
#define this_cpu_inc_return(pcp)	this_cpu_add_return(pcp, 1)
#define this_cpu_dec_return(pcp)	this_cpu_add_return(pcp, -1)
#define this_cpu_xchg(pcp, nval)	__kshim_pcpu_xchg(pcp, nval, (const char *)0)
#define this_cpu_cmpxchg(pcp, oval, nval) __kshim_pcpu_cmpxchg(pcp, oval, nval, (const char *)0)

/* raw_cpu_*: no check, the caller vouches for its context. */
#define raw_cpu_read(pcp)		__kshim_pcpu_read(pcp, (const char *)0)
#define raw_cpu_write(pcp, val)		__kshim_pcpu_write(pcp, val, (const char *)0)
#define raw_cpu_add(pcp, val)		__kshim_pcpu_add(pcp, val, (const char *)0)
#define raw_cpu_sub(pcp, val)		raw_cpu_add(pcp, -(__typeof__(pcp))(val))
#define raw_cpu_inc(pcp)		raw_cpu_add(pcp, 1)
#define raw_cpu_dec(pcp)		raw_cpu_sub(pcp, 1)
#define raw_cpu_and(pcp, val)		__kshim_pcpu_and(pcp, val, (const char *)0)
#define raw_cpu_or(pcp, val)		__kshim_pcpu_or(pcp, val, (const char *)0)
#define raw_cpu_add_return(pcp, val)	__kshim_pcpu_add_return(pcp, val, (const char *)0)
#define raw_cpu_xchg(pcp, nval)		__kshim_pcpu_xchg(pcp, nval, (const char *)0)
#define raw_cpu_cmpxchg(pcp, oval, nval) __kshim_pcpu_cmpxchg(pcp, oval, nval, (const char *)0)

/* __this_cpu_*: the caller must not be preemptible; reported as CONFIG_DEBUG_PREEMPT does. */
#define __this_cpu_read(pcp)		__kshim_pcpu_read(pcp, "__this_cpu_read")
#define __this_cpu_write(pcp, val)	__kshim_pcpu_write(pcp, val, "__this_cpu_write")
#define __this_cpu_add(pcp, val)	__kshim_pcpu_add(pcp, val, "__this_cpu_add")
#define __this_cpu_sub(pcp, val)	__this_cpu_add(pcp, -(__typeof__(pcp))(val))
#define __this_cpu_inc(pcp)		__this_cpu_add(pcp, 1)
#define __this_cpu_dec(pcp)		__this_cpu_sub(pcp, 1)
#define __this_cpu_and(pcp, val)	__kshim_pcpu_and(pcp, val, "__this_cpu_and")
#define __this_cpu_or(pcp, val)		__kshim_pcpu_or(pcp, val, "__this_cpu_or")
#define __this_cpu_add_return(pcp, val)	__kshim_pcpu_add_return(pcp, val, "__this_cpu_add_return")
#define __this_cpu_sub_return(pcp, val)	__this_cpu_add_return(pcp, -(__typeof__(pcp))(val))
#define __this_cpu_inc_return(pcp)	__this_cpu_add_return(pcp, 1)
#define __this_cpu_dec_return(pcp)	__this_cpu_add_return(pcp, -1)
#define __this_cpu_xchg(pcp, nval)	__kshim_pcpu_xchg(pcp, nval, "__this_cpu_xchg")
#define __this_cpu_cmpxchg(pcp, oval, nval) __kshim_pcpu_cmpxchg(pcp, oval, nval, "__this_cpu_cmpxchg")

#endif
