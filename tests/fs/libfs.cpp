// Tests for the libfs buffer helpers (shim/src/fs/libfs.cpp): positions, clamping and the error values of 6.1.
#include <catch2/catch.hpp>

#include <string>

#include "kshim/testing.hpp"

#include "linux/fs.h"

using kshim::testing::TestKernel;

TEST_CASE("memory_read_from_buffer copies from *ppos, clamps at the end and moves *ppos", "[fs][libfs]")
{
    TestKernel k;
    const char src[] = "0123456789";
    char out[16] = {};
    loff_t pos = 3;
    CHECK(memory_read_from_buffer(out, 4, &pos, src, 10) == 4);
    CHECK(std::string(out, 4) == "3456");
    CHECK(pos == 7);
    CHECK(memory_read_from_buffer(out, 16, &pos, src, 10) == 3);
    CHECK(std::string(out, 3) == "789");
    CHECK(pos == 10);
    CHECK(memory_read_from_buffer(out, 16, &pos, src, 10) == 0);
    pos = -1;
    CHECK(memory_read_from_buffer(out, 1, &pos, src, 10) == -EINVAL);
    CHECK(pos == -1);
}

TEST_CASE("simple_read_from_buffer and simple_write_to_buffer refuse negative positions and stop at the end", "[fs][libfs]")
{
    TestKernel k;
    long r = k.run_task([] {
        char buf[8] = "abcdefg";
        long bad = 0;
        loff_t pos = -5;
        bad += simple_read_from_buffer(nullptr, 4, &pos, buf, 8) != -EINVAL;
        bad += simple_write_to_buffer(buf, 8, &pos, nullptr, 4) != -EINVAL;
        pos = 8;  // at the end: nothing to move, no user access
        bad += simple_read_from_buffer(nullptr, 4, &pos, buf, 8) != 0;
        bad += simple_write_to_buffer(buf, 8, &pos, nullptr, 4) != 0;
        pos = 2;  // an empty request
        bad += simple_read_from_buffer(nullptr, 0, &pos, buf, 8) != 0;
        bad += simple_write_to_buffer(buf, 8, &pos, nullptr, 0) != 0;
        bad += pos != 2;
        return bad;
    });
    CHECK(r == 0);
    CHECK(k.bugs() == 0);
}
