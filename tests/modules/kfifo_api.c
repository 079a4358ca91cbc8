/* Test module: kfifo byte, typed and record fifos (sizes, wrap-around, peeks, skips, locked forms). */
#include <linux/module.h>
#include <linux/kfifo.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

static DECLARE_KFIFO(bytes, unsigned char, 16);
static DEFINE_KFIFO(ints, int, 8);
static STRUCT_KFIFO_REC_1(32) rec1;
static STRUCT_KFIFO_REC_2(512) rec2;
static DEFINE_SPINLOCK(fifo_lock);
static struct kfifo kept;
static int leak;
module_param(leak, int, 0444);

static void bytestream(void)
{
	unsigned char buf[32];
	unsigned int n, i;
	struct kfifo dyn;
	char *mem;
	int ret;

	INIT_KFIFO(bytes);
	pr_info("kfifo_api: bytes size %u len %u avail %u empty %d esize %u recsize %zu\n", kfifo_size(&bytes),
		kfifo_len(&bytes), kfifo_avail(&bytes), kfifo_is_empty(&bytes), kfifo_esize(&bytes), kfifo_recsize(&bytes));
	n = kfifo_in(&bytes, "hello world, kfifo!", 19);
	pr_info("kfifo_api: in %u len %u full %d\n", n, kfifo_len(&bytes), kfifo_is_full(&bytes));
	n = kfifo_out(&bytes, buf, 6);
	buf[n] = 0;
	pr_info("kfifo_api: out %u '%s'\n", n, buf);
	n = kfifo_in(&bytes, "ABCDEFGH", 8);	/* wraps around the end */
	pr_info("kfifo_api: wrap in %u len %u\n", n, kfifo_len(&bytes));
	n = kfifo_out_peek(&bytes, buf, sizeof(buf));
	buf[n] = 0;
	pr_info("kfifo_api: peek %u '%s' len %u\n", n, buf, kfifo_len(&bytes));
	kfifo_skip(&bytes);
	n = kfifo_get(&bytes, &buf[0]);
	n += kfifo_peek(&bytes, &buf[1]);
	pr_info("kfifo_api: skip, get '%c' peek '%c' len %u\n", buf[0], buf[1], kfifo_len(&bytes));
	kfifo_reset_out(&bytes);
	pr_info("kfifo_api: reset_out len %u\n", kfifo_len(&bytes));
	for (i = 0; kfifo_put(&bytes, (unsigned char)('a' + i)); i++)
		;
	pr_info("kfifo_api: put %u until full %d\n", i, kfifo_is_full(&bytes));
	kfifo_reset(&bytes);
	pr_info("kfifo_api: reset len %u empty %d\n", kfifo_len(&bytes), kfifo_is_empty(&bytes));

	ret = kfifo_alloc(&dyn, 100, GFP_KERNEL);
	pr_info("kfifo_api: alloc 100 -> %d size %u\n", ret, kfifo_size(&dyn));
	kfifo_free(&dyn);
	pr_info("kfifo_api: after free initialized %d\n", kfifo_initialized(&dyn) ? 1 : 0);
	pr_info("kfifo_api: alloc 1 -> %d alloc 0 -> %d\n", kfifo_alloc(&dyn, 1, GFP_KERNEL),
		kfifo_alloc(&dyn, 0, GFP_KERNEL));
	pr_info("kfifo_api: alloc on embedded -> %d\n", kfifo_alloc(&bytes, 64, GFP_KERNEL));
	mem = kmalloc(100, GFP_KERNEL);
	ret = kfifo_init(&dyn, mem, 100);
	pr_info("kfifo_api: init 100 -> %d size %u\n", ret, kfifo_size(&dyn));
	pr_info("kfifo_api: init 1 -> %d\n", kfifo_init(&dyn, mem, 1));
	kfree(mem);
}

static void inttype(void)
{
	int vals[10], v, i;
	unsigned int n;
	unsigned long flags;

	pr_info("kfifo_api: ints size %u esize %u len %u\n", kfifo_size(&ints), kfifo_esize(&ints), kfifo_len(&ints));
	for (i = 0; i < 10; i++)
		vals[i] = i * 11;
	n = kfifo_in(&ints, vals, 10);
	pr_info("kfifo_api: ints in %u avail %u\n", n, kfifo_avail(&ints));
	n = kfifo_out(&ints, vals, 3);
	pr_info("kfifo_api: ints out %u: %d %d %d\n", n, vals[0], vals[1], vals[2]);
	for (i = 100; kfifo_put(&ints, i); i++)
		;
	pr_info("kfifo_api: ints put until %d len %u\n", i, kfifo_len(&ints));
	spin_lock_irqsave(&fifo_lock, flags);
	spin_unlock_irqrestore(&fifo_lock, flags);
	n = kfifo_out_spinlocked(&ints, vals, 4, &fifo_lock);
	pr_info("kfifo_api: out_spinlocked %u: %d %d %d %d\n", n, vals[0], vals[1], vals[2], vals[3]);
	v = -5;
	n = kfifo_in_spinlocked(&ints, &v, 1, &fifo_lock);
	pr_info("kfifo_api: in_spinlocked %u len %u\n", n, kfifo_len(&ints));
	pr_info("kfifo_api: ints:");
	while (kfifo_get(&ints, &v))
		pr_cont(" %d", v);
	pr_cont("\n");
	pr_info("kfifo_api: get on empty %d\n", kfifo_get(&ints, &v));
}

static void records(void)
{
	char buf[600];
	unsigned int n, i;
	struct kfifo_rec_ptr_2 dyn;
	int ret;

	INIT_KFIFO(rec1);
	pr_info("kfifo_api: rec1 size %u recsize %zu avail %u peek_len on empty %u\n", kfifo_size(&rec1),
		kfifo_recsize(&rec1), kfifo_avail(&rec1), kfifo_is_empty(&rec1) ? 0 : kfifo_peek_len(&rec1));
	for (i = 0; i < 10; i++) {
		memset(buf, 'a' + i, i + 1);
		n = kfifo_in(&rec1, buf, i + 1);
		if (!n)
			break;
	}
	pr_info("kfifo_api: rec1 stored %u records len %u avail %u\n", i, kfifo_len(&rec1), kfifo_avail(&rec1));
	pr_info("kfifo_api: rec1 peek_len %u\n", kfifo_peek_len(&rec1));
	n = kfifo_out_peek(&rec1, buf, sizeof(buf));
	buf[n] = 0;
	pr_info("kfifo_api: rec1 peek %u '%s'\n", n, buf);
	kfifo_skip(&rec1);
	n = kfifo_out(&rec1, buf, 1);	/* a 2-byte record into a 1-byte buffer: the rest is dropped */
	buf[n] = 0;
	pr_info("kfifo_api: rec1 short out %u '%s' next peek_len %u\n", n, buf, kfifo_peek_len(&rec1));
	pr_info("kfifo_api: rec1 rest:");
	while (!kfifo_is_empty(&rec1)) {
		n = kfifo_out(&rec1, buf, sizeof(buf));
		buf[n] = 0;
		pr_cont(" %s[%u]", buf, n);
	}
	pr_cont("\n");
	memset(buf, 'z', 300);
	pr_info("kfifo_api: rec1 300-byte record in %u (max %u)\n", kfifo_in(&rec1, buf, 300), kfifo_avail(&rec1));

	INIT_KFIFO(rec2);
	pr_info("kfifo_api: rec2 size %u recsize %zu avail %u\n", kfifo_size(&rec2), kfifo_recsize(&rec2),
		kfifo_avail(&rec2));
	n = kfifo_in(&rec2, buf, 300);
	pr_info("kfifo_api: rec2 in %u peek_len %u len %u\n", n, kfifo_peek_len(&rec2), kfifo_len(&rec2));
	n = kfifo_in(&rec2, buf, 300);
	pr_info("kfifo_api: rec2 second in %u avail %u\n", n, kfifo_avail(&rec2));

	ret = kfifo_alloc(&dyn, 1000, GFP_KERNEL);
	pr_info("kfifo_api: rec_ptr_2 alloc %d size %u\n", ret, kfifo_size(&dyn));
	kfifo_put(&dyn, 'x');
	pr_info("kfifo_api: rec_ptr_2 put len %u peek_len %u\n", kfifo_len(&dyn), kfifo_peek_len(&dyn));
	kfifo_free(&dyn);
}

static int __init kfifo_api_init(void)
{
	bytestream();
	inttype();
	records();
	if (leak && kfifo_alloc(&kept, 64, GFP_KERNEL))
		return -ENOMEM;
	return 0;
}

static void __exit kfifo_api_exit(void)
{
	pr_info("kfifo_api: exit\n");
}

module_init(kfifo_api_init);
module_exit(kfifo_api_exit);
MODULE_LICENSE("GPL");
