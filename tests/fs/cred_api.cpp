// Credentials (shim/src/fs/cred_api.cpp): every task runs as init's root; changing credentials reports and fails.
#include <catch2/catch.hpp>

#include "kshim/testing.hpp"

#include "linux/capability.h"
#include "linux/cred.h"

TEST_CASE("A task's credentials are init's: root ids, full capabilities, the initial user namespace", "[fs]")
{
    kshim::testing::TestKernel k;
    long r = k.run_task([] {
        long bad = 0;
        bad += !uid_eq(current_uid(), GLOBAL_ROOT_UID);
        bad += !gid_eq(current_egid(), GLOBAL_ROOT_GID);
        bad += from_kuid(current_user_ns(), current_fsuid()) != 0;
        bad += current_cred()->cap_effective.cap[0] != ~0u;
        bad += current_cred()->cap_effective.cap[1] != 0x1ffu;
        bad += current_cred()->cap_ambient.cap[0] != 0;
        bad += get_current_cred() != &init_cred;
        bad += !capable(CAP_SYS_ADMIN);
        return bad;
    });
    CHECK(r == 0);
    CHECK(k.bugs() == 0);
}

TEST_CASE("prepare_creds reports itself and returns NULL, commit_creds returns -ENOMEM", "[fs]")
{
    kshim::testing::TestKernel k;
    long r = k.run_task([] {
        struct cred *c = prepare_creds();
        int err = commit_creds(&init_cred);
        return (c == nullptr && err == -ENOMEM) ? 0L : 1L;
    });
    CHECK(r == 0);
    CHECK(k.log_contains("kshim: prepare_creds is not implemented"));
    CHECK(k.log_contains("kshim: commit_creds is not implemented"));
    CHECK(k.bugs() == 2);
}
