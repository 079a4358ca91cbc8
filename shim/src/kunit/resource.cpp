// A KUnit case's resources (6.1's resource.c and kunit_kmalloc; 6.5's actions; 6.2's static stubs).
#include "kunit/resource.hpp"

#include <new>

#include "mm/memory.hpp"

#include "linux/errno.h"
#include "kunit/resource.h"

namespace kshim {

namespace {

// The records kshim allocates itself: each a kunit_resource first, so a resource's free can
// recover its record. They are new'd (should_kfree stays false) and deleted by their free.
struct Block {
    kunit_resource res;
    Memory *mm;
};
struct Action {
    kunit_resource res;
    kunit_action_t *fn;   // nullptr once cancelled
    void *ctx;
};
struct Stub {
    kunit_resource res;
    void *real;
    void *replacement;
};

void free_block(kunit_resource *r)
{
    auto *b = reinterpret_cast<Block *>(r);
    b->mm->kfree(r->data, 0);
    delete b;
}

void run_action(kunit_resource *r)
{
    auto *a = reinterpret_cast<Action *>(r);
    if (a->fn)
        a->fn(a->ctx);
    delete a;
}

void free_stub(kunit_resource *r) { delete reinterpret_cast<Stub *>(r); }

// The match functions kunit_find_resource takes.
struct ActionKey {
    kunit_action_t *fn;
    void *ctx;
};
bool action_match(kunit *, kunit_resource *r, void *key)
{
    auto *k = static_cast<ActionKey *>(key);
    auto *a = reinterpret_cast<Action *>(r);
    return r->free == run_action && a->fn == k->fn && a->ctx == k->ctx;
}

bool stub_match(kunit *, kunit_resource *r, void *real)
{
    return r->free == free_stub && reinterpret_cast<Stub *>(r)->real == real;
}

// The resource whose data is match_data: how kunit_kfree finds its block (6.1 keeps this match
// inside lib/kunit/test.c; its header has none, and kunit-test.c defines its own).
bool instance_match(kunit *, kunit_resource *r, void *match_data) { return r->data == match_data; }

// The newest resource that match accepts, without taking a reference.
kunit_resource *find(kunit *test, kunit_resource_match_t match, void *data)
{
    kunit_resource *r;
    list_for_each_entry_reverse(r, &test->resources, node)
        if (match(test, r, data))
            return r;
    return nullptr;
}

}  // namespace

int KunitResources::add(kunit *test, kunit_resource_init_t init, kunit_resource_free_t free, kunit_resource *res,
                        void *data)
{
    res->free = free;
    kref_init(&res->refcount);
    if (init) {
        if (int err = init(res, data))
            return err;
    } else {
        res->data = data;
    }
    list_add_tail(&res->node, &test->resources);   // the list's reference is kref_init's
    return 0;
}

void KunitResources::remove(kunit *, kunit_resource *res)
{
    bool linked = !list_empty(&res->node);
    list_del_init(&res->node);
    if (linked)
        kunit_put_resource(res);
}

int KunitResources::destroy(kunit *test, kunit_resource_match_t match, void *match_data)
{
    kunit_resource *res = find(test, match, match_data);
    if (!res)
        return -ENOENT;
    remove(test, res);
    return 0;
}

void KunitResources::cleanup(kunit *test)
{
    // An action may add resources (or release others): take the newest each time.
    while (!list_empty(&test->resources))
        remove(test, list_last_entry(&test->resources, kunit_resource, node));
}

void *KunitResources::alloc(kunit *test, size_t n, size_t size, gfp_t gfp, uintptr_t site)
{
    auto *b = new (std::nothrow) Block{};
    if (!b)
        return nullptr;
    void *p = mm_.alloc_array(Memory::Api::Kmalloc, n, size, gfp, site);
    if (!p) {
        delete b;
        return nullptr;
    }
    b->mm = &mm_;
    add(test, nullptr, free_block, &b->res, p);
    return p;
}

bool KunitResources::free(kunit *test, const void *p)
{
    return destroy(test, instance_match, const_cast<void *>(p)) == 0;
}

int KunitResources::add_action(kunit *test, kunit_action_t *fn, void *ctx)
{
    auto *a = new (std::nothrow) Action{{}, fn, ctx};
    if (!a)
        return -ENOMEM;
    return add(test, nullptr, run_action, &a->res, a);
}

int KunitResources::add_action_or_reset(kunit *test, kunit_action_t *fn, void *ctx)
{
    int err = add_action(test, fn, ctx);
    if (err)
        fn(ctx);
    return err;
}

void KunitResources::remove_action(kunit *test, kunit_action_t *fn, void *ctx)
{
    ActionKey key{fn, ctx};
    if (kunit_resource *r = find(test, action_match, &key)) {
        reinterpret_cast<Action *>(r)->fn = nullptr;
        remove(test, r);
    }
}

void KunitResources::release_action(kunit *test, kunit_action_t *fn, void *ctx)
{
    ActionKey key{fn, ctx};
    destroy(test, action_match, &key);
}

void *KunitResources::stub_for(kunit *test, void *real)
{
    kunit_resource *r = find(test, stub_match, real);
    return r ? reinterpret_cast<Stub *>(r)->replacement : nullptr;
}

void KunitResources::activate_stub(kunit *test, void *real, void *replacement)
{
    if (kunit_resource *r = find(test, stub_match, real)) {
        reinterpret_cast<Stub *>(r)->replacement = replacement;
        return;
    }
    auto *s = new Stub{{}, real, replacement};
    add(test, nullptr, free_stub, &s->res, s);
}

void KunitResources::deactivate_stub(kunit *test, void *real) { destroy(test, stub_match, real); }

}  // namespace kshim
