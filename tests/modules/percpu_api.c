/* Test module: static and dynamic per-CPU variables (copies per CPU, initialisers, this_cpu ops). */
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/cpumask.h>

struct pcpu_stats {
	unsigned long events;
	long bytes;
};

static DEFINE_PER_CPU(int, pcpu_init) = 5;
static DEFINE_PER_CPU(long, pcpu_counter);
static DEFINE_PER_CPU(int[4], pcpu_array);
static DEFINE_PER_CPU_ALIGNED(struct pcpu_stats, pcpu_aligned);
DEFINE_PER_CPU(unsigned int, pcpu_exported);
EXPORT_PER_CPU_SYMBOL(pcpu_exported);

static struct pcpu_stats __percpu *dyn;
static int leak;
module_param(leak, int, 0444);

static void bump(void *info)
{
	this_cpu_add(pcpu_counter, (long)info);
	this_cpu_inc(pcpu_aligned.events);
}

static int __init percpu_api_init(void)
{
	int cpu, c, old;
	long sum = 0, ev = 0, bytes = 0;

	pr_info("percpu_api: possible %u online %u\n", num_possible_cpus(), num_online_cpus());
	for_each_possible_cpu(cpu)
		pr_info("percpu_api: cpu%d init %d counter %ld\n", cpu, per_cpu(pcpu_init, cpu),
			per_cpu(pcpu_counter, cpu));

	per_cpu(pcpu_init, 1) = 7;
	pr_info("percpu_api: after write cpu0 %d cpu1 %d\n", per_cpu(pcpu_init, 0), per_cpu(pcpu_init, 1));
	pr_info("percpu_api: distinct %d\n", per_cpu_ptr(&pcpu_init, 0) != per_cpu_ptr(&pcpu_init, 1));

	per_cpu(pcpu_array, 1)[2] = 3;
	pr_info("percpu_api: array cpu0 %d cpu1 %d\n", per_cpu(pcpu_array, 0)[2], per_cpu(pcpu_array, 1)[2]);
	pr_info("percpu_api: aligned %d\n",
		(int)(((unsigned long)per_cpu_ptr(&pcpu_aligned, 1)) % SMP_CACHE_BYTES == 0 &&
		      ((unsigned long)&pcpu_aligned) % SMP_CACHE_BYTES == 0));

	on_each_cpu(bump, (void *)10L, 1);
	for_each_possible_cpu(cpu) {
		sum += per_cpu(pcpu_counter, cpu);
		ev += per_cpu(pcpu_aligned, cpu).events;
	}
	pr_info("percpu_api: on_each_cpu sum %ld events %ld\n", sum, ev);

	cpu = get_cpu();
	pr_info("percpu_api: this_cpu_ptr matches %d\n", this_cpu_ptr(&pcpu_counter) == per_cpu_ptr(&pcpu_counter, cpu));
	this_cpu_write(pcpu_counter, 100);
	this_cpu_sub(pcpu_counter, 1);
	this_cpu_dec(pcpu_counter);
	__this_cpu_add(pcpu_counter, 3);
	pr_info("percpu_api: read %ld mine %ld\n", this_cpu_read(pcpu_counter), per_cpu(pcpu_counter, cpu));
	pr_info("percpu_api: add_return %ld inc_return %ld\n", this_cpu_add_return(pcpu_counter, 5),
		this_cpu_inc_return(pcpu_counter));
	pr_info("percpu_api: xchg %ld now %ld\n", this_cpu_xchg(pcpu_counter, 42L), this_cpu_read(pcpu_counter));
	old = this_cpu_cmpxchg(pcpu_init, 1000, 1);
	c = this_cpu_cmpxchg(pcpu_init, old, 9);
	pr_info("percpu_api: cmpxchg miss %d hit %d now %d\n", old == this_cpu_read(pcpu_init) ? 0 : 1, c == old,
		__this_cpu_read(pcpu_init));
	put_cpu();

	get_cpu_var(pcpu_exported) = 11;
	put_cpu_var(pcpu_exported);
	sum = 0;
	for_each_possible_cpu(cpu)
		sum += per_cpu(pcpu_exported, cpu);
	pr_info("percpu_api: get_cpu_var sum %ld\n", sum);

	dyn = alloc_percpu(struct pcpu_stats);
	if (!dyn)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		struct pcpu_stats *s = per_cpu_ptr(dyn, cpu);

		pr_info("percpu_api: dyn cpu%d zeroed %d\n", cpu, s->events == 0 && s->bytes == 0);
		s->events = cpu + 1;
		s->bytes = 100 * (cpu + 1);
	}
	preempt_disable();
	this_cpu_ptr(dyn)->bytes += 1;
	this_cpu_inc(dyn->events);
	preempt_enable();
	ev = 0;
	for_each_possible_cpu(cpu) {
		ev += per_cpu_ptr(dyn, cpu)->events;
		bytes += per_cpu_ptr(dyn, cpu)->bytes;
	}
	pr_info("percpu_api: dyn events %ld bytes %ld\n", ev, bytes);
	pr_info("percpu_api: bad alloc %d\n", __alloc_percpu_gfp(0, 4, GFP_KERNEL | __GFP_NOWARN) == NULL);
	return 0;
}

static void __exit percpu_api_exit(void)
{
	if (!leak)
		free_percpu(dyn);
	free_percpu(NULL);
	pr_info("percpu_api: exit\n");
}

module_init(percpu_api_init);
module_exit(percpu_api_exit);
MODULE_LICENSE("GPL");
