/* KUnit's test-managed resources (Linux 6.1's <kunit/resource.h>, with 6.5's deferred actions): released when the case ends. */
#ifndef _KUNIT_RESOURCE_H
#define _KUNIT_RESOURCE_H

#include "kunit/test.h"
#include "kshim/internal/kunit_types.h"

#include "linux/kref.h"
#include "linux/list.h"
#include "linux/slab.h"
#include "linux/spinlock.h"

/* One resource on a case's list: free runs when the last reference goes. */
struct kunit_resource {
	void *data;
	const char *name;		/* NULL, or the name kunit_find_named_resource finds */
	kunit_resource_free_t free;

	/* private: internal use only. */
	struct kref refcount;		/* the list's reference, plus one per get/find */
	struct list_head node;
	bool should_kfree;		/* the record itself came from kunit_alloc_*resource */
};

#ifdef __cplusplus
extern "C" {
#endif

/* Sets up res (init(res, data), or res->data = data without init) and puts it on the case's
 * list; init's error is returned and res is not added. Does not set should_kfree. May sleep
 * if init does. */
int __kunit_add_resource(struct kunit *test, kunit_resource_init_t init, kunit_resource_free_t free,
			 struct kunit_resource *res, void *data);
/* Takes res off the list and drops the list's reference (nothing if it was not on it). */
void kunit_remove_resource(struct kunit *test, struct kunit_resource *res);
/* Finds the newest match and removes it: 0, or -ENOENT when none matches. */
int kunit_destroy_resource(struct kunit *test, kunit_resource_match_t match, void *match_data);

#ifdef __cplusplus
}
#endif

static inline void kunit_get_resource(struct kunit_resource *res)
{
	kref_get(&res->refcount);
}

/* The last reference: the resource's free, then the record if KUnit allocated it. */
static inline void kunit_release_resource(struct kref *kref)
{
	struct kunit_resource *res = container_of(kref, struct kunit_resource, refcount);
	bool own_record = res->should_kfree;

	if (res->free)
		res->free(res);
	if (own_record)
		kfree(res);
}

static inline void kunit_put_resource(struct kunit_resource *res)
{
	kref_put(&res->refcount, kunit_release_resource);
}

/* A resource record the caller owns (static or embedded). */
static inline int kunit_add_resource(struct kunit *test, kunit_resource_init_t init,
				     kunit_resource_free_t free, struct kunit_resource *res,
				     void *data)
{
	res->should_kfree = false;
	return __kunit_add_resource(test, init, free, res, data);
}

static inline struct kunit_resource *kunit_find_resource(struct kunit *test,
							 kunit_resource_match_t match,
							 void *match_data)
{
	struct kunit_resource *res, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&test->lock, flags);
	list_for_each_entry_reverse(res, &test->resources, node) {
		if (match(test, res, match_data)) {
			found = res;
			kunit_get_resource(found);
			break;
		}
	}
	spin_unlock_irqrestore(&test->lock, flags);
	return found;
}

static inline bool kunit_resource_name_match(struct kunit *test, struct kunit_resource *res,
					     void *match_name)
{
	(void)test;
	return res->name && strcmp(res->name, (const char *)match_name) == 0;
}

static inline struct kunit_resource *kunit_find_named_resource(struct kunit *test, const char *name)
{
	return kunit_find_resource(test, kunit_resource_name_match, (void *)name);
}

/* A named resource: -EINVAL without a name, -EEXIST if the case already has one of that name. */
static inline int kunit_add_named_resource(struct kunit *test, kunit_resource_init_t init,
					   kunit_resource_free_t free, struct kunit_resource *res,
					   const char *name, void *data)
{
	struct kunit_resource *existing;

	if (!name)
		return -EINVAL;
	existing = kunit_find_named_resource(test, name);
	if (existing) {
		kunit_put_resource(existing);
		return -EEXIST;
	}
	res->name = name;
	res->should_kfree = false;
	return __kunit_add_resource(test, init, free, res, data);
}

/* A record KUnit allocates (with internal_gfp) and adds; NULL if either fails. */
static inline struct kunit_resource *__kunit_alloc_record(struct kunit *test, kunit_resource_init_t init,
							  kunit_resource_free_t free,
							  gfp_t internal_gfp, void *context)
{
	struct kunit_resource *res = (struct kunit_resource *)kzalloc(sizeof(*res), internal_gfp);

	if (!res)
		return NULL;
	res->should_kfree = true;
	if (__kunit_add_resource(test, init, free, res, context)) {
		kfree(res);
		return NULL;
	}
	return res;
}

/* Returned with a reference the caller puts. */
static inline struct kunit_resource *kunit_alloc_and_get_resource(struct kunit *test,
								  kunit_resource_init_t init,
								  kunit_resource_free_t free,
								  gfp_t internal_gfp, void *context)
{
	struct kunit_resource *res = __kunit_alloc_record(test, init, free, internal_gfp, context);

	if (res)
		kunit_get_resource(res);
	return res;
}

/* Returns the resource's data and keeps no reference. */
static inline void *kunit_alloc_resource(struct kunit *test, kunit_resource_init_t init,
					 kunit_resource_free_t free, gfp_t internal_gfp,
					 void *context)
{
	struct kunit_resource *res = __kunit_alloc_record(test, init, free, internal_gfp, context);

	return res ? res->data : NULL;
}

static inline int kunit_destroy_named_resource(struct kunit *test, const char *name)
{
	return kunit_destroy_resource(test, kunit_resource_name_match, (void *)name);
}

/* Deferred actions (post-6.1, Linux 6.5): fn(ctx) runs when the case ends, last added first. */
#define KUNIT_DEFINE_ACTION_WRAPPER(wrapper, orig, arg_type)	\
	static void wrapper(void *in)				\
	{							\
		orig((arg_type)in);				\
	}

#ifdef __cplusplus
extern "C" {
#endif

/* Defers action(ctx) to the case's end: 0, or -ENOMEM. May sleep. */
int kunit_add_action(struct kunit *test, kunit_action_t *action, void *ctx);
/* As kunit_add_action; if it cannot be deferred, action(ctx) runs now and the error is returned. */
int kunit_add_action_or_reset(struct kunit *test, kunit_action_t *action, void *ctx);
/* Cancels the newest deferred action(ctx) without running it (nothing if there is none). */
void kunit_remove_action(struct kunit *test, kunit_action_t *action, void *ctx);
/* Runs the newest deferred action(ctx) now and cancels it (nothing if there is none). */
void kunit_release_action(struct kunit *test, kunit_action_t *action, void *ctx);

#ifdef __cplusplus
}
#endif

#endif
