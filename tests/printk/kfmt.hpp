// Test helper for the printf engine's tests: format into a large buffer and check the length.
#pragma once

#include <catch2/catch.hpp>

#include <cstdarg>
#include <cstring>
#include <string>

#include "printk/format.hpp"

namespace kshim_test {

// Formats into a large buffer and checks the returned length matches what was stored.
inline std::string kfmt(const char *fmt, ...)
{
    char buf[1024];
    std::memset(buf, 'Z', sizeof(buf));
    va_list ap;
    va_start(ap, fmt);
    const int n = kshim::vformat(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    REQUIRE(n >= 0);
    REQUIRE(static_cast<std::size_t>(n) == std::strlen(buf));
    return std::string(buf, static_cast<std::size_t>(n));
}

// The pointer ERR_PTR(err) would give.
inline void *err_ptr(long err)
{
    return reinterpret_cast<void *>(err);
}

}  // namespace kshim_test
