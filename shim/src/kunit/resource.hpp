// A KUnit case's resources (6.1's lib/kunit/resource.c): managed memory, deferred actions, static stubs.
#pragma once

#include <cstddef>
#include <cstdint>

#include "kshim/internal/kunit_types.h"

namespace kshim {

class Memory;

// Every resource lives on its case's test->resources list; releasing one runs its free. The
// list is touched only by code that does not sleep while it walks it, so the host's single
// thread needs no lock here (module code takes test->lock, as in Linux).
class KunitResources {
public:
    explicit KunitResources(Memory &mm) : mm_(mm) {}

    // __kunit_add_resource, kunit_remove_resource, kunit_destroy_resource. Atomic-safe (init
    // may sleep if it does).
    static int add(kunit *test, kunit_resource_init_t init, kunit_resource_free_t free, kunit_resource *res,
                   void *data);
    static void remove(kunit *test, kunit_resource *res);
    static int destroy(kunit *test, kunit_resource_match_t match, void *match_data);
    // kunit_cleanup: releases the case's resources, newest first. May sleep (an action may).
    static void cleanup(kunit *test);

    // kunit_kmalloc_array: a block freed when the case ends. Sleeps as gfp allows.
    void *alloc(kunit *test, size_t n, size_t size, gfp_t gfp, uintptr_t site);
    // kunit_kfree: frees a block early; false if the case holds no such block.
    static bool free(kunit *test, const void *p);

    // Deferred actions (post-6.1): kunit_add_action (0 or -ENOMEM), kunit_remove_action
    // (cancel), kunit_release_action (run now). Atomic-safe; release runs the action.
    static int add_action(kunit *test, kunit_action_t *fn, void *ctx);
    static int add_action_or_reset(kunit *test, kunit_action_t *fn, void *ctx);   // fails: fn(ctx) now
    static void remove_action(kunit *test, kunit_action_t *fn, void *ctx);
    static void release_action(kunit *test, kunit_action_t *fn, void *ctx);

    // Static stubs (post-6.1): the replacement for real (nullptr: none), activation (replaces
    // an active one) and deactivation. Atomic-safe.
    static void *stub_for(kunit *test, void *real);
    static void activate_stub(kunit *test, void *real, void *replacement);
    static void deactivate_stub(kunit *test, void *real);

private:
    Memory &mm_;
};

}  // namespace kshim
