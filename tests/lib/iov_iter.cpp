// Tests for iov_iter (shim/src/lib/iov_iter.cpp, linux/uio.h): kvec copies across segments, advance, revert, direction checks.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>

#include "kshim/testing.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/uio.h"

using kshim::testing::TestKernel;

TEST_CASE("copy_to_iter fills kvec segments in order and stops when the iterator is full", "[lib][iov_iter]")
{
    TestKernel k;
    char a[3] = {}, b[4] = {};
    struct kvec v[2] = {{a, sizeof a}, {b, sizeof b}};
    struct iov_iter it;
    iov_iter_kvec(&it, ITER_DEST, v, 2, 7);
    CHECK(iov_iter_count(&it) == 7);
    CHECK(iov_iter_rw(&it) == READ);
    CHECK(copy_to_iter("hello", 5, &it) == 5);
    CHECK(std::string(a, 3) == "hel");
    CHECK(std::string(b, 2) == "lo");
    CHECK(iov_iter_count(&it) == 2);
    CHECK(it.nr_segs == 1);
    CHECK(it.iov_offset == 2);
    CHECK(copy_to_iter("WXYZ", 4, &it) == 2);
    CHECK(std::string(b, 4) == "loWX");
    CHECK(iov_iter_count(&it) == 0);
    CHECK(copy_to_iter("!", 1, &it) == 0);
}

TEST_CASE("copy_from_iter drains a kvec source and copy_from_iter_full undoes a short copy", "[lib][iov_iter]")
{
    TestKernel k;
    char a[] = "ab", b[] = "cde";
    struct kvec v[2] = {{a, 2}, {b, 3}};
    struct iov_iter it;
    iov_iter_kvec(&it, ITER_SOURCE, v, 2, 5);
    char out[8] = {};
    CHECK(copy_from_iter(out, 3, &it) == 3);
    CHECK(std::string(out) == "abc");
    CHECK_FALSE(copy_from_iter_full(out, 3, &it));  // only 2 left: nothing is consumed
    CHECK(iov_iter_count(&it) == 2);
    CHECK(copy_from_iter_full(out, 2, &it));
    CHECK(std::string(out, 2) == "de");
}

TEST_CASE("iov_iter_advance skips whole segments and iov_iter_revert walks back across them", "[lib][iov_iter]")
{
    TestKernel k;
    char a[2], b[0 + 1], c[4];
    struct kvec v[3] = {{a, 2}, {b, 0}, {c, 4}};
    struct iov_iter it;
    iov_iter_kvec(&it, ITER_DEST, v, 3, 6);
    iov_iter_advance(&it, 3);
    CHECK(it.kvec == &v[2]);   // the empty segment is skipped too
    CHECK(it.iov_offset == 1);
    CHECK(it.nr_segs == 1);
    CHECK(iov_iter_single_seg_count(&it) == 3);
    iov_iter_revert(&it, 2);
    CHECK(it.kvec == &v[0]);
    CHECK(it.iov_offset == 1);
    CHECK(it.nr_segs == 3);
    CHECK(iov_iter_count(&it) == 5);
    iov_iter_advance(&it, 100);  // clamped to what is left
    CHECK(iov_iter_count(&it) == 0);
}

TEST_CASE("iov_iter_init and iov_iter_ubuf make user-backed iterators; kvec ones are not", "[lib][iov_iter]")
{
    TestKernel k;
    struct iovec iov = {nullptr, 8};
    struct iov_iter it;
    iov_iter_init(&it, ITER_DEST, &iov, 1, 8);
    CHECK(iter_is_iovec(&it));
    CHECK(user_backed_iter(&it));
    iov_iter_ubuf(&it, ITER_SOURCE, nullptr, 4);
    CHECK(iter_is_ubuf(&it));
    CHECK(user_backed_iter(&it));
    CHECK(iov_iter_rw(&it) == WRITE);
    iov_iter_advance(&it, 3);
    CHECK(it.iov_offset == 3);
    CHECK(iov_iter_count(&it) == 1);
    struct kvec kv = {nullptr, 0};
    iov_iter_kvec(&it, ITER_DEST, &kv, 1, 0);
    CHECK_FALSE(user_backed_iter(&it));
}

TEST_CASE("Copying against an iterator's direction warns once and copies nothing", "[lib][iov_iter]")
{
    TestKernel k;
    k.run_task([] {
        char buf[4] = "abc";
        struct kvec v = {buf, 3};
        struct iov_iter it;
        iov_iter_kvec(&it, ITER_SOURCE, &v, 1, 3);
        CHECK(copy_to_iter("xyz", 3, &it) == 0);
        CHECK(std::string(buf) == "abc");
        CHECK(iov_iter_count(&it) == 3);
        return 0L;
    });
    CHECK(k.warnings() <= 1);  // WARN_ON_ONCE: once per process, as per boot
}
