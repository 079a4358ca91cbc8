// The llseek helpers and open flavours (shim/src/fs/llseek.cpp): 6.1's position arithmetic and f_mode changes.
#include <catch2/catch.hpp>

#include "kshim/testing.hpp"

#include "linux/fs.h"

namespace {
// A file at position 10 on an inode of 100 bytes.
struct Fixture {
    struct inode in {};
    struct file file {};
};

void setup(Fixture &f)
{
    f.in.i_size = 100;
    f.file.f_inode = &f.in;
    f.file.f_pos = 10;
}
}

TEST_CASE("default_llseek moves f_pos from the start, the position or the size, and refuses a negative one", "[fs]")
{
    Fixture f;
    setup(f);
    CHECK(default_llseek(&f.file, 5, SEEK_CUR) == 15);
    CHECK(default_llseek(&f.file, 0, SEEK_CUR) == 15);
    CHECK(default_llseek(&f.file, -1, SEEK_END) == 99);
    CHECK(default_llseek(&f.file, -200, SEEK_END) == -EINVAL);
    CHECK(f.file.f_pos == 99);
    CHECK(default_llseek(&f.file, 100, SEEK_DATA) == -ENXIO);
    CHECK(default_llseek(&f.file, 3, SEEK_HOLE) == 100);
    CHECK(default_llseek(&f.file, 1000, SEEK_SET) == 1000);   // past the end is allowed
}

TEST_CASE("fixed_size_llseek caps at the size and knows only SEEK_SET/CUR/END; no_llseek and noop_llseek", "[fs]")
{
    Fixture f;
    setup(f);
    CHECK(fixed_size_llseek(&f.file, 20, SEEK_SET, 50) == 20);
    CHECK(fixed_size_llseek(&f.file, 51, SEEK_SET, 50) == -EINVAL);
    CHECK(fixed_size_llseek(&f.file, -10, SEEK_END, 50) == 40);
    CHECK(fixed_size_llseek(&f.file, 0, SEEK_DATA, 50) == -EINVAL);
    CHECK(generic_file_llseek(&f.file, 0, SEEK_END) == 100);
    CHECK(no_llseek(&f.file, 0, SEEK_SET) == -ESPIPE);
    CHECK(noop_llseek(&f.file, 7, SEEK_SET) == 100);
}

TEST_CASE("nonseekable_open and stream_open clear the seek modes; simple_open hands i_private on", "[fs]")
{
    Fixture f;
    setup(f);
    int data;
    f.file.f_mode = FMODE_READ | FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE | FMODE_ATOMIC_POS;
    CHECK(nonseekable_open(&f.in, &f.file) == 0);
    CHECK(f.file.f_mode == (FMODE_READ | FMODE_ATOMIC_POS));
    CHECK(stream_open(&f.in, &f.file) == 0);
    CHECK(f.file.f_mode == (FMODE_READ | FMODE_STREAM));
    f.in.i_private = &data;
    CHECK(simple_open(&f.in, &f.file) == 0);
    CHECK(f.file.private_data == &data);
}
