/* C-side checks of the lib headers, compiled like a module (-nostdinc -std=gnu11 -D__KERNEL__); driven by c_paths.cpp. */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/ctype.h>
#include <linux/string.h>
#include <linux/bsearch.h>
#include <linux/sort.h>
#include <linux/overflow.h>
#include <linux/bitmap.h>
#include <linux/atomic.h>
#include <linux/refcount.h>
#include <asm/byteorder.h>

/* Each check returns 0, or the line of the first failed expectation. */
#define EXPECT(cond) do { if (!(cond)) return __LINE__; } while (0)

int kshim_libtest_c_minmax(void);
int kshim_libtest_c_ctype(void);
int kshim_libtest_c_misc(void);
int kshim_libtest_c_list(void);

static_assert(ilog2(1024) == 10);
static_assert(GENMASK(3, 0) == 0xf);
static_assert(roundup_pow_of_two(33) == 64);

int kshim_libtest_c_minmax(void)
{
	int i = 0;
	long l = -7;
	unsigned char uc = 200;
	/* Inside a function (as in Linux 6.1), min/max of constants are integer constant expressions. */
	static char sized_by_max[max(3, 5)];
	static_assert(sizeof(sized_by_max) == 5);
	static_assert(min(10, 4) == 4, "min of constants is constant");

	EXPECT(max(i++, 0) == 0 && i == 1);
	EXPECT(min_t(long, l, 3) == -7);
	EXPECT(clamp(l, -5L, 5L) == -5);
	EXPECT(abs(l) == 7);
	EXPECT(__builtin_types_compatible_p(__typeof__(abs(l)), long));
	EXPECT(abs((short)-3) == 3);
	EXPECT(abs(uc) == 56); /* taken as signed char -56, as in Linux */
	return 0;
}

int kshim_libtest_c_ctype(void)
{
	EXPECT(isdigit('5') && !isdigit('x'));
	EXPECT(isspace('\t') && !isspace('a'));
	EXPECT(isxdigit('c') && !isxdigit('z'));
	EXPECT(tolower('Q') == 'q' && toupper('q') == 'Q');
	EXPECT(!isalpha((char)0xe9));
	EXPECT(ispunct('#') && !ispunct(' '));
	EXPECT(ffs(0) == 0 && ffs(8) == 4);
	EXPECT(htonl(0x01020304) == 0x04030201);
	EXPECT(ntohs(0x0102) == 0x0201);
	return 0;
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

int kshim_libtest_c_misc(void)
{
	int arr[] = {9, 2, 7, 4};
	int key = 7;
	char buf[4];
	u8 r8;
	DECLARE_BITMAP(bm, 70);
	atomic_t a = ATOMIC_INIT(1);
	refcount_t rc = REFCOUNT_INIT(1);

	BUILD_BUG_ON(sizeof(u32) != 4);
	BUILD_BUG_ON_MSG(ARRAY_SIZE(arr) != 4, "four ints");
	EXPECT(ARRAY_SIZE(arr) == 4);
	sort(arr, ARRAY_SIZE(arr), sizeof(arr[0]), cmp_int, NULL);
	EXPECT(arr[0] == 2 && arr[3] == 9);
	EXPECT(bsearch(&key, arr, 4, sizeof(int), cmp_int) == &arr[2]);
	EXPECT(strscpy(buf, "toolong", sizeof(buf)) == -E2BIG);
	EXPECT(strcmp(buf, "too") == 0);
	EXPECT(strlen("four") == 4);
	EXPECT(check_add_overflow(255, 1, &r8) && r8 == 0);
	EXPECT(struct_size((struct { int n; int v[]; } *)NULL, v, 2) == 3 * sizeof(int));
	bitmap_zero(bm, 70);
	set_bit(65, bm);
	EXPECT(find_first_bit(bm, 70) == 65);
	EXPECT(atomic_inc_return(&a) == 2);
	refcount_inc(&rc);
	EXPECT(refcount_read(&rc) == 2);
	EXPECT(cpu_to_be16(0x1234) == 0x3412);
	EXPECT(upper_32_bits(0x1122334455667788ULL) == 0x11223344);
	return 0;
}

struct node {
	int v;
	struct list_head link;
};

int kshim_libtest_c_list(void)
{
	LIST_HEAD(head);
	struct node n[3] = { { .v = 0 }, { .v = 1 }, { .v = 2 } };
	struct node *pos, *tmp;
	int sum = 0, k;

	for (k = 0; k < 3; k++)
		list_add_tail(&n[k].link, &head);
	list_for_each_entry(pos, &head, link)
		sum = sum * 10 + pos->v;
	EXPECT(sum == 12);
	EXPECT(container_of(&n[1].link, struct node, link) == &n[1]);
	list_for_each_entry_safe(pos, tmp, &head, link)
		list_del(&pos->link);
	EXPECT(list_empty(&head));
	return 0;
}
