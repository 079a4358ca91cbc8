// Credentials and the user namespace: init's, which every kshim task runs with; changing them is not implemented.
#include "fs/refuse.hpp"

#include "linux/capability.h"
#include "linux/cred.h"

// The initial user namespace; modules only take its address.
struct user_namespace {
    int level;
};

extern "C" {

struct user_namespace init_user_ns = {0};

// Root with every capability, as init_cred in 6.1 (usage 4, securebits 0, full capability sets but ambient).
struct cred init_cred = {
    .usage = ATOMIC_INIT(4),
    .uid = {0}, .gid = {0}, .suid = {0}, .sgid = {0}, .euid = {0}, .egid = {0}, .fsuid = {0}, .fsgid = {0},
    .securebits = 0,
    .cap_inheritable = {{0, 0}},
    .cap_permitted = {{~0u, 0x1ffu}},
    .cap_effective = {{~0u, 0x1ffu}},
    .cap_bset = {{~0u, 0x1ffu}},
    .cap_ambient = {{0, 0}},
    .jit_keyring = 0,
    .security = nullptr,
    .user = nullptr,
    .user_ns = &init_user_ns,
    .group_info = nullptr,
    .rcu = {},
};

// init_cred holds every capability, and every kshim task runs with it.
bool capable(int) { return true; }
bool ns_capable(struct user_namespace *, int) { return true; }

struct cred *prepare_creds(void) { return static_cast<struct cred *>(kshim::refuse_null("prepare_creds")); }
int commit_creds(struct cred *) { return kshim::refuse("commit_creds"); }
void abort_creds(struct cred *) { (void)kshim::refuse("abort_creds"); }

}  // extern "C"
