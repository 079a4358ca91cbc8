/* A KUnit suite of 100 trivial cases: the whole-process cost of a KUnit run (kbench_kunit). */
#include <kunit/test.h>
#include <linux/module.h>

#define TRIVIAL(n)						\
	static void trivial_##n(struct kunit *test)		\
	{							\
		KUNIT_EXPECT_EQ(test, 1 + 1, 2);		\
	}
#define TEN(d) TRIVIAL(d##0) TRIVIAL(d##1) TRIVIAL(d##2) TRIVIAL(d##3) TRIVIAL(d##4) \
	TRIVIAL(d##5) TRIVIAL(d##6) TRIVIAL(d##7) TRIVIAL(d##8) TRIVIAL(d##9)
TEN(1) TEN(2) TEN(3) TEN(4) TEN(5) TEN(6) TEN(7) TEN(8) TEN(9) TEN(10)

#define CASE_TEN(d) KUNIT_CASE(trivial_##d##0), KUNIT_CASE(trivial_##d##1), KUNIT_CASE(trivial_##d##2), \
	KUNIT_CASE(trivial_##d##3), KUNIT_CASE(trivial_##d##4), KUNIT_CASE(trivial_##d##5), \
	KUNIT_CASE(trivial_##d##6), KUNIT_CASE(trivial_##d##7), KUNIT_CASE(trivial_##d##8), \
	KUNIT_CASE(trivial_##d##9)

static struct kunit_case trivial_cases[] = {
	CASE_TEN(1), CASE_TEN(2), CASE_TEN(3), CASE_TEN(4), CASE_TEN(5),
	CASE_TEN(6), CASE_TEN(7), CASE_TEN(8), CASE_TEN(9), CASE_TEN(10),
	{}
};

static struct kunit_suite trivial_suite = {
	.name = "trivial100",
	.test_cases = trivial_cases,
};

kunit_test_suites(&trivial_suite);

MODULE_LICENSE("GPL");
