/* Test module: hrtimers in their modes (periodic hard, soft, realtime absolute), cancel from and outside the callback, forward overruns. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/printk.h>
#include <linux/smp.h>

static struct hrtimer periodic, soft, wall, overrun, spare, idle_one;
static ktime_t t0;
static int periodic_runs;
static int start_cpu;

/* Expiry of t in whole ms after init's clock reading. */
static long at_ms(struct hrtimer *t)
{
	return (long)ktime_to_ms(ktime_sub(hrtimer_get_expires(t), t0));
}

static void show_context(const char *who)
{
	/* The interrupted task's own preempt count (1 in an idle CPU's swapper) is left out. */
	pr_info("%s: in_hardirq %d in_serving_softirq %d in_task %d irqs_disabled %d irq counts 0x%lx same_cpu %d\n",
		who, !!in_hardirq(), !!in_serving_softirq(), !!in_task(), !!irqs_disabled(),
		(unsigned long)(preempt_count() & (HARDIRQ_MASK | SOFTIRQ_MASK)), smp_processor_id() == start_cpu);
}

/* Hardirq context: three 100 ms periods, then restarts itself once, 50 ms after its expiry. */
static enum hrtimer_restart periodic_fn(struct hrtimer *t)
{
	++periodic_runs;
	pr_info("periodic run %d at %ld ms\n", periodic_runs, at_ms(t));
	if (periodic_runs == 1)
		show_context("periodic");
	if (periodic_runs < 3) {
		hrtimer_forward_now(t, ms_to_ktime(100));
		return HRTIMER_RESTART;
	}
	if (periodic_runs == 3) {
		pr_info("in callback: try_to_cancel %d running %d active %d queued %d\n",
			hrtimer_try_to_cancel(t), hrtimer_callback_running(t), hrtimer_active(t),
			hrtimer_is_queued(t));
		hrtimer_start(t, ktime_add_ms(hrtimer_get_expires(t), 50), HRTIMER_MODE_ABS);
		pr_info("after start: try_to_cancel %d queued %d active %d\n", hrtimer_try_to_cancel(t),
			hrtimer_is_queued(t), hrtimer_active(t));
	}
	return HRTIMER_NORESTART;
}

/* Softirq context (HRTIMER_MODE_REL_SOFT). */
static enum hrtimer_restart soft_fn(struct hrtimer *t)
{
	pr_info("soft at %ld ms\n", at_ms(t));
	show_context("soft");
	return HRTIMER_NORESTART;
}

/* CLOCK_REALTIME, absolute expiry. */
static enum hrtimer_restart wall_fn(struct hrtimer *t)
{
	pr_info("wall: clockid %d expired %d\n", t->base->clockid,
		ktime_compare(hrtimer_cb_get_time(t), hrtimer_get_expires(t)) >= 0);
	return HRTIMER_NORESTART;
}

/* Forwards itself by hand, with explicit "now" values, and prints the overrun counts. */
static enum hrtimer_restart overrun_fn(struct hrtimer *t)
{
	ktime_t e = hrtimer_get_expires(t);
	u64 o;

	o = hrtimer_forward(t, ktime_add_ms(e, 350), ms_to_ktime(100));
	pr_info("forward 350 ms by 100 ms: %llu overruns, moved %lld ms\n", o,
		ktime_to_ms(ktime_sub(hrtimer_get_expires(t), e)));
	e = hrtimer_get_expires(t);
	o = hrtimer_forward(t, ktime_sub_ns(e, 1), ms_to_ktime(100));
	pr_info("forward before expiry: %llu overruns, moved %lld ns\n", o, ktime_sub(hrtimer_get_expires(t), e));
	o = hrtimer_forward(t, e, ms_to_ktime(100));
	pr_info("forward at expiry: %llu overruns, moved %lld ms\n", o,
		ktime_to_ms(ktime_sub(hrtimer_get_expires(t), e)));
	e = hrtimer_get_expires(t);
	o = hrtimer_forward(t, ktime_add_ns(e, 5), 0);
	pr_info("forward 5 ns by 0: %llu overruns, moved %lld ns\n", o, ktime_sub(hrtimer_get_expires(t), e));
	return HRTIMER_NORESTART;
}

static enum hrtimer_restart never_fn(struct hrtimer *t)
{
	pr_info("spare fired\n");
	return HRTIMER_NORESTART;
}

static int __init hrtimer_modes_init(void)
{
	ktime_t rem;

	t0 = ktime_get();
	start_cpu = get_cpu();

	hrtimer_init(&periodic, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	periodic.function = periodic_fn;
	hrtimer_start(&periodic, ms_to_ktime(100), HRTIMER_MODE_REL);

	hrtimer_init(&soft, CLOCK_MONOTONIC, HRTIMER_MODE_REL_SOFT);
	soft.function = soft_fn;
	hrtimer_start(&soft, ms_to_ktime(250), HRTIMER_MODE_REL_SOFT);

	hrtimer_init(&wall, CLOCK_REALTIME, HRTIMER_MODE_ABS);
	wall.function = wall_fn;
	hrtimer_start(&wall, ktime_add_ms(ktime_get_real(), 150), HRTIMER_MODE_ABS);

	hrtimer_init(&overrun, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	overrun.function = overrun_fn;
	hrtimer_start(&overrun, ms_to_ktime(10), HRTIMER_MODE_REL);

	hrtimer_init(&idle_one, CLOCK_REALTIME, HRTIMER_MODE_REL);
	pr_info("relative realtime timer uses clockid %d; active %d queued %d\n", idle_one.base->clockid,
		hrtimer_active(&idle_one), hrtimer_is_queued(&idle_one));

	hrtimer_init(&spare, CLOCK_BOOTTIME, HRTIMER_MODE_REL);
	spare.function = never_fn;
	hrtimer_start_range_ns(&spare, ms_to_ktime(1000), 1000000, HRTIMER_MODE_REL);
	rem = hrtimer_get_remaining(&spare);
	pr_info("spare: clockid %d remaining %lld ms slack %lld ns queued %d\n", spare.base->clockid,
		(long long)ktime_to_ms(ktime_add_us(rem, 500)),
		ktime_sub(hrtimer_get_expires(&spare), hrtimer_get_softexpires(&spare)), hrtimer_is_queued(&spare));
	pr_info("spare: try_to_cancel %d then %d, active %d\n", hrtimer_try_to_cancel(&spare),
		hrtimer_try_to_cancel(&spare), hrtimer_active(&spare));
	hrtimer_start(&spare, ms_to_ktime(10000), HRTIMER_MODE_REL);
	put_cpu();
	return 0;
}

static void __exit hrtimer_modes_exit(void)
{
	pr_info("exit: periodic runs %d, cancel periodic %d, cancel spare %d, cancel soft %d\n", periodic_runs,
		hrtimer_cancel(&periodic), hrtimer_cancel(&spare), hrtimer_cancel(&soft));
}

module_init(hrtimer_modes_init);
module_exit(hrtimer_modes_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("hrtimer modes, cancel and forward semantics");
