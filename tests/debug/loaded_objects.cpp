// Tests for the PT_LOAD walks (shim/src/debug/loaded_objects.cpp).
#include <catch2/catch.hpp>

#include <dlfcn.h>
#include <link.h>

#include <cstdint>

#include "debug/loaded_objects.hpp"

extern "C" void kshim_bug(const char *file, int line, unsigned long ip);

TEST_CASE("libkshim's range holds its code, and code addresses are told from data", "[debug]")
{
    kshim::AddressRange rt = kshim::runtime_range();
    auto in_runtime = reinterpret_cast<uintptr_t>(&kshim_bug);
    CHECK(rt.lo < rt.hi);
    CHECK(rt.contains(in_runtime));
    CHECK(kshim::in_loaded_code(in_runtime));
    int on_stack = 0;
    CHECK_FALSE(kshim::in_loaded_code(reinterpret_cast<uintptr_t>(&on_stack)));
    CHECK_FALSE(kshim::in_loaded_code(0));
}

TEST_CASE("an object's range is found by its load bias and name", "[debug]")
{
    Dl_info info{};
    REQUIRE(dladdr(reinterpret_cast<void *>(&kshim_bug), &info));
    void *h = dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD);
    REQUIRE(h);
    link_map *lm = nullptr;
    dlinfo(h, RTLD_DI_LINKMAP, &lm);
    kshim::AddressRange r = kshim::object_range(lm->l_addr, lm->l_name);
    dlclose(h);
    CHECK(r.lo == kshim::runtime_range().lo);
    CHECK(r.hi == kshim::runtime_range().hi);
    CHECK(kshim::object_range(lm->l_addr, "/no/such/object").hi == 0);
}
