/* Test module: seqlock_t and seqcount_t sequences, retries and contexts; guard()/scoped_guard() for locks. */
#include <linux/module.h>
#include <linux/seqlock.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/cleanup.h>
#include <linux/interrupt.h>

static DEFINE_SEQLOCK(static_sl);
static seqlock_t sl;
static seqcount_t sc = SEQCNT_ZERO(sc);
static DEFINE_MUTEX(mtx);
static seqcount_mutex_t scm;
static DEFINE_SPINLOCK(lock);
static int shared_a, shared_b;

static int read_pair(int *a, int *b)
{
	unsigned seq;
	int tries = 0;

	do {
		seq = read_seqbegin(&sl);
		*a = shared_a;
		*b = shared_b;
		if (!tries++) {
			write_seqlock(&sl);	/* a writer gets in between: the reader retries */
			shared_a++;
			shared_b++;
			write_sequnlock(&sl);
		}
	} while (read_seqretry(&sl, seq));
	return tries;
}

static int guarded(void)
{
	guard(mutex)(&mtx);
	if (!mutex_is_locked(&mtx))
		return -1;
	return 1;	/* unlocked on the way out */
}

static int __init seqlock_api_init(void)
{
	unsigned seq, s2;
	unsigned long flags;
	int a, b, tries, seen = 0;

	seqlock_init(&sl);
	seqcount_mutex_init(&scm, &mtx);
	pr_info("seqlock_api: start %u %u\n", read_seqbegin(&sl), read_seqbegin(&static_sl));

	seq = read_seqbegin(&static_sl);
	pr_info("seqlock_api: retry without writer %u\n", read_seqretry(&static_sl, seq));
	write_seqlock(&static_sl);
	pr_info("seqlock_api: inside write_seqlock seq %u locked %d\n", raw_read_seqcount(&static_sl.seqcount),
		spin_is_locked(&static_sl.lock));
	write_sequnlock(&static_sl);
	pr_info("seqlock_api: retry after writer %u now %u\n", read_seqretry(&static_sl, seq),
		read_seqbegin(&static_sl));

	tries = read_pair(&a, &b);
	pr_info("seqlock_api: read_pair %d %d after %d tries\n", a, b, tries);

	write_seqlock_irqsave(&sl, flags);
	pr_info("seqlock_api: irqsave irqs_disabled %d\n", irqs_disabled() ? 1 : 0);
	write_sequnlock_irqrestore(&sl, flags);
	write_seqlock_irq(&sl);
	pr_info("seqlock_api: irq irqs_disabled %d\n", irqs_disabled() ? 1 : 0);
	write_sequnlock_irq(&sl);
	write_seqlock_bh(&sl);
	pr_info("seqlock_api: bh in_softirq %d\n", in_softirq() ? 1 : 0);
	write_sequnlock_bh(&sl);
	pr_info("seqlock_api: after irq forms %u irqs_disabled %d\n", read_seqbegin(&sl), irqs_disabled() ? 1 : 0);

	seq = read_seqbegin(&sl);
	read_seqlock_excl(&sl);
	pr_info("seqlock_api: excl locked %d seq unchanged %d\n", spin_is_locked(&sl.lock),
		!read_seqretry(&sl, seq));
	read_sequnlock_excl(&sl);

	seq = 0;
	do {
		read_seqbegin_or_lock(&sl, &seq);
		if (!seen++) {
			write_seqlock(&sl);
			write_sequnlock(&sl);
		}
		if (!need_seqretry(&sl, seq))
			break;
		seq = 1;	/* second pass: take the lock */
	} while (1);
	pr_info("seqlock_api: or_lock passes %d seq odd %u\n", seen, seq & 1);
	done_seqretry(&sl, seq);
	pr_info("seqlock_api: after or_lock locked %d\n", spin_is_locked(&sl.lock));

	write_seqcount_begin(&sc);
	pr_info("seqlock_api: seqcount writing raw %u begin %u\n", raw_read_seqcount(&sc), raw_seqcount_begin(&sc));
	write_seqcount_end(&sc);
	seq = read_seqcount_begin(&sc);
	raw_write_seqcount_barrier(&sc);
	s2 = raw_read_seqcount(&sc);
	pr_info("seqlock_api: barrier %u -> %u retry %d\n", seq, s2, read_seqcount_retry(&sc, seq));
	write_seqcount_invalidate(&sc);
	pr_info("seqlock_api: invalidate %u\n", raw_read_seqcount(&sc));

	mutex_lock(&mtx);
	write_seqcount_begin(&scm);
	pr_info("seqlock_api: mutex seqcount preempt_count %d seq %u\n", preempt_count(), raw_read_seqcount(&scm));
	write_seqcount_end(&scm);
	pr_info("seqlock_api: mutex seqcount after preempt_count %d\n", preempt_count());
	mutex_unlock(&mtx);

	pr_info("seqlock_api: guard %d locked after %d\n", guarded(), mutex_is_locked(&mtx));
	scoped_guard(spinlock_irqsave, &lock) {
		pr_info("seqlock_api: scoped irqsave locked %d irqs_disabled %d\n", spin_is_locked(&lock),
			irqs_disabled() ? 1 : 0);
	}
	scoped_guard(spinlock, &lock)
		pr_info("seqlock_api: scoped spinlock preempt_count %d\n", preempt_count());
	pr_info("seqlock_api: after scoped locked %d irqs_disabled %d\n", spin_is_locked(&lock),
		irqs_disabled() ? 1 : 0);
	{
		guard(spinlock_irq)(&lock);
		pr_info("seqlock_api: guard spinlock_irq irqs_disabled %d\n", irqs_disabled() ? 1 : 0);
	}
	pr_info("seqlock_api: after guard irqs_disabled %d\n", irqs_disabled() ? 1 : 0);
	return 0;
}

static void __exit seqlock_api_exit(void)
{
	pr_info("seqlock_api: exit\n");
}

module_init(seqlock_api_init);
module_exit(seqlock_api_exit);
MODULE_LICENSE("GPL");
