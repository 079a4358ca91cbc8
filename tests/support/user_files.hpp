// Test helper: whole-file reads and one-write writes through a user task, as cat and echo do them.
#pragma once

#include <string>

#include "kshim/testing.hpp"

namespace kshim_test {

// open(2)'s flags (the same numbers as the uapi's; spelled here so that this header mixes with
// kernel headers and with <fcntl.h> alike).
constexpr int rd_only = 0, wr_only = 1;

// open, read in chunks of n bytes until 0 (or an error), close. "E<errno>" when open or a read fails.
inline std::string cat_file(kshim::testing::User &u, const std::string &path, size_t n = 4096)
{
    kshim::testing::SysResult fd = u.open(path, rd_only);
    if (fd.ret < 0)
        return "E" + std::to_string(fd.err);
    std::string out;
    for (;;) {
        kshim::testing::SysResult r = u.read((int)fd.ret, n);
        if (r.ret < 0)
            out = "E" + std::to_string(r.err);
        if (r.ret <= 0)
            break;
        out += r.data;
    }
    u.close((int)fd.ret);
    return out;
}

// open for writing, one write of text, close: the write's result (ret -1 and err on failure).
inline kshim::testing::SysResult echo_file(kshim::testing::User &u, const std::string &path, const std::string &text)
{
    kshim::testing::SysResult fd = u.open(path, wr_only);
    if (fd.ret < 0)
        return fd;
    kshim::testing::SysResult r = u.write((int)fd.ret, text);
    u.close((int)fd.ret);
    return r;
}

}  // namespace kshim_test
