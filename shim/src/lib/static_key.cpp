// Static keys (linux/jump_label.h): the user count behind static_branch_*, with 6.1's warnings on misuse.
#include "linux/atomic.h"
#include "linux/bug.h"
#include "linux/jump_label.h"

// Linux warns with WARN_ON_ONCE at these lines of kernel/jump_label.c; kshim warns each time.
#define JUMP_LABEL_WARN(line, cond)							\
    do {										\
        if (cond)									\
            kshim_warn("kernel/jump_label.c", line, (unsigned long)__builtin_return_address(0), 0, nullptr); \
    } while (0)

extern "C" {

// One more user of a key that is already enabled; false (nothing done) when it is not.
bool static_key_fast_inc_not_disabled(struct static_key *key)
{
    int v = atomic_read(&key->enabled);
    if (v <= 0 || v + 1 < 0)
        return false;
    atomic_set(&key->enabled, v + 1);
    return true;
}

bool static_key_slow_inc(struct static_key *key)
{
    if (static_key_fast_inc_not_disabled(key))
        return true;
    if (atomic_read(&key->enabled) == 0) {
        atomic_set(&key->enabled, 1);
        return true;
    }
    JUMP_LABEL_WARN(177, true);   // a negative count: the key is broken
    return false;
}

// One user fewer; the last one disables the key. 0 users (a dec without an inc) warns.
void static_key_slow_dec(struct static_key *key)
{
    int v = atomic_read(&key->enabled);
    JUMP_LABEL_WARN(273, v < 0);
    JUMP_LABEL_WARN(279, v == 0);
    if (v > 0)
        atomic_set(&key->enabled, v - 1);
}

// 0 -> 1; a key counted above 1 by static_key_slow_inc warns and stays.
void static_key_enable(struct static_key *key)
{
    int v = atomic_read(&key->enabled);
    if (v > 0) {
        JUMP_LABEL_WARN(200, v != 1);
        return;
    }
    atomic_set(&key->enabled, 1);
}

// 1 -> 0; a key with more than one user warns and stays enabled.
void static_key_disable(struct static_key *key)
{
    int v = atomic_read(&key->enabled);
    if (v != 1) {
        JUMP_LABEL_WARN(231, v != 0);
        return;
    }
    atomic_set(&key->enabled, 0);
}

}  // extern "C"
