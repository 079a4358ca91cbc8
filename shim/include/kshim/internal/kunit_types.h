/* KUnit's types, part of the C surface: kunit/test.h includes them, the runtime's runner uses them. */
#ifndef _KSHIM_INTERNAL_KUNIT_TYPES_H
#define _KSHIM_INTERNAL_KUNIT_TYPES_H

#include "linux/spinlock_types.h"
#include "linux/types.h"
#include "kunit/try-catch.h"

#define KUNIT_LOG_SIZE			512
#define KUNIT_PARAM_DESC_SIZE		128
#define KUNIT_STATUS_COMMENT_SIZE	256

/* KTAP's indentation of a suite's lines, and of a parameterised case's. */
#define KUNIT_SUBTEST_INDENT		"    "
#define KUNIT_SUBSUBTEST_INDENT		"        "

/* A case's (or a parameter's, or a suite's) result: SUCCESS until a check fails or it skips. */
enum kunit_status {
	KUNIT_SUCCESS,
	KUNIT_FAILURE,
	KUNIT_SKIPPED,
};

/* A case's or suite's speed (post-6.1, 6.6's attributes): KUNIT_CASE_SLOW marks a slow case. */
enum kunit_speed {
	KUNIT_SPEED_UNSET,
	KUNIT_SPEED_VERY_SLOW,
	KUNIT_SPEED_SLOW,
	KUNIT_SPEED_NORMAL,
	KUNIT_SPEED_MAX = KUNIT_SPEED_NORMAL,
};

struct kunit_attributes {
	enum kunit_speed speed;
};

struct kunit;
struct dentry;
struct kunit_resource;

/* kunit/resource.h's callbacks: a resource's set-up and release, a search's test, an action. */
typedef int (*kunit_resource_init_t)(struct kunit_resource *, void *);
typedef void (*kunit_resource_free_t)(struct kunit_resource *);
typedef bool (*kunit_resource_match_t)(struct kunit *test, struct kunit_resource *res, void *match_data);
typedef void (kunit_action_t)(void *);

/* One test case; a suite's array of them ends with an empty entry. */
struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
	/* NULL for a plain case; else the next parameter after prev (NULL: the first), or NULL at the end */
	const void *(*generate_params)(const void *prev, char *desc);
	enum kunit_status status;	/* set by the runner: the worst over the case's parameters */
	char *log;			/* kshim keeps no debugfs log: NULL */
	struct kunit_attributes attr;	/* post-6.1: the case's speed (kshim runs every speed) */
};

struct kunit_suite {
	const char name[256];
	int (*suite_init)(struct kunit_suite *suite);	/* before the first case; non-zero fails the suite */
	void (*suite_exit)(struct kunit_suite *suite);
	int (*init)(struct kunit *test);		/* before each case, in the case's task */
	void (*exit)(struct kunit *test);		/* after each case, even one an assertion ended */
	struct kunit_case *test_cases;
	char status_comment[KUNIT_STATUS_COMMENT_SIZE];
	struct dentry *debugfs;
	char *log;
	int suite_init_err;
};

/* A running case, as the case function receives it. */
struct kunit {
	void *priv;			/* the test's own: typically set by suite->init */
	const char *name;		/* the case's name */
	char *log;
	struct kunit_try_catch try_catch;
	const void *param_value;	/* the current parameter of a parameterised case */
	int param_index;
	spinlock_t lock;		/* guards resources */
	enum kunit_status status;
	struct list_head resources;	/* kunit/resource.h's: released last first when the case ends */
	char status_comment[KUNIT_STATUS_COMMENT_SIZE];
};

#endif
