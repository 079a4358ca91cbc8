// uaccess (shim/src/fs/uaccess.cpp): copies checked against the memory a user task owns; partial copies, strings, memdup, kstrto*_from_user.
#include <catch2/catch.hpp>

#include <cstring>
#include <functional>
#include <string>

#include "fs/user_task.hpp"
#include "kshim/testing.hpp"

#include "linux/err.h"
#include "linux/kstrtox.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/uaccess.h"

namespace {

// Runs body in a fresh user task that owns `size` bytes: body(u, h) gets their user address u
// (what a module is handed) and h, where the test itself reads and writes them (the arena's
// alias: u is not readable but through the copies). Returns body's result.
long in_user_task(kshim::testing::TestKernel &k, size_t size, const std::function<long(char *, char *)> &body)
{
    kshim::UserTask ut(k.kernel(), "uaccess");
    char *mem = ut.map(size);
    char *user = reinterpret_cast<char *>(ut.user_addr(mem));
    ut.submit([&] { return body(user, mem); });
    k.run_until_idle();
    REQUIRE_FALSE(ut.busy());
    return ut.result();
}

}  // namespace

TEST_CASE("A user task has an mm; copies into its memory succeed, and stop where its memory ends", "[fs]")
{
    kshim::testing::TestKernel k;
    long r = in_user_task(k, 8, [](char *u, char *h) {
        long bad = get_current()->mm == nullptr;
        bad += copy_to_user(u, "abcdefgh", 8) != 0;
        bad += memcmp(h, "abcdefgh", 8) != 0;
        bad += copy_to_user(u + 4, "0123456789", 10) != 6;   // 4 fit, 6 not copied
        bad += memcmp(h, "abcd0123", 8) != 0;
        char k8[12];
        memset(k8, 'x', sizeof k8);
        bad += copy_from_user(k8, u + 6, 6) != 4;   // 2 copied, the 4 missing bytes zeroed
        bad += k8[0] != '2' || k8[1] != '3' || k8[2] != 0 || k8[5] != 0 || k8[6] != 'x';
        bad += clear_user(u + 6, 4) != 2;
        bad += h[6] != 0 || h[7] != 0;
        return bad;
    });
    CHECK(r == 0);
    CHECK(k.bugs() == 0);
}

TEST_CASE("get_user and put_user are all or nothing: -EFAULT across the end of the task's memory", "[fs]")
{
    kshim::testing::TestKernel k;
    long r = in_user_task(k, 8, [](char *u, char *h) {
        int v = 9;
        long bad = put_user(42, (int __user *)u) != 0;
        bad += get_user(v, (const int __user *)u) != 0 || v != 42;
        bad += put_user(1, (int __user *)(u + 6)) != -EFAULT;
        v = 9;
        bad += get_user(v, (int __user *)(u + 6)) != -EFAULT || v != 0;
        const char __user *c = u;
        char ch = 1;
        bad += get_user(ch, c) != 0 || ch != 42;
        bad += !access_ok(u, 8) || access_ok((void __user *)~0ul, 2);
        return bad;
    });
    CHECK(r == 0);
}

TEST_CASE("strncpy_from_user and strnlen_user count as 6.1: without and with the NUL, -EFAULT/0 on a fault", "[fs]")
{
    kshim::testing::TestKernel k;
    long r = in_user_task(k, 8, [](char *u, char *h) {
        memcpy(h, "hi\0xxxxx", 8);
        char d[16];
        long bad = strncpy_from_user(d, u, sizeof d) != 2 || strcmp(d, "hi") != 0;
        bad += strnlen_user(u, 8) != 3;
        memcpy(h, "abcdefgh", 8);
        bad += strncpy_from_user(d, u, 4) != 4;      // no NUL within count
        bad += strncpy_from_user(d, u, 16) != -EFAULT;   // the memory ends before a NUL
        bad += strnlen_user(u, 4) != 5;              // too long: more than n
        bad += strnlen_user(u, 16) != 0;
        return bad;
    });
    CHECK(r == 0);
}

TEST_CASE("memdup_user, memdup_user_nul and strndup_user copy into kmalloc'd memory or give ERR_PTR(-EFAULT)", "[fs]")
{
    kshim::testing::TestKernel k;
    long r = in_user_task(k, 8, [](char *u, char *h) {
        memcpy(h, "abc\0defg", 8);
        char *p = (char *)memdup_user(u, 3);
        long bad = IS_ERR(p) || memcmp(p, "abc", 3) != 0;
        kfree(p);
        p = (char *)memdup_user_nul(u + 4, 4);
        bad += IS_ERR(p) || strcmp(p, "defg") != 0;
        kfree(p);
        p = strndup_user(u, 8);
        bad += IS_ERR(p) || strcmp(p, "abc") != 0;
        kfree(p);
        bad += PTR_ERR(memdup_user(u + 4, 8)) != -EFAULT;
        bad += PTR_ERR(strndup_user(u + 4, 8)) != -EFAULT;
        bad += PTR_ERR(strndup_user(u + 4, 2)) != -EINVAL;
        return bad;
    });
    CHECK(r == 0);
    CHECK(k.live_allocations() == 0);
}

TEST_CASE("kstrto*_from_user parse the user's digits and fault outside its memory", "[fs]")
{
    kshim::testing::TestKernel k;
    long r = in_user_task(k, 8, [](char *u, char *h) {
        memcpy(h, "123\n", 4);
        int i = 0;
        unsigned long ul = 0;
        bool b = false;
        long bad = kstrtoint_from_user(u, 4, 10, &i) != 0 || i != 123;
        bad += kstrtoul_from_user(u, 2, 0, &ul) != 0 || ul != 12;
        memcpy(h, "y", 1);
        bad += kstrtobool_from_user(u, 1, &b) != 0 || !b;
        bad += kstrtoint_from_user(u + 6, 4, 10, &i) != -EFAULT;
        return bad;
    });
    CHECK(r == 0);
}
